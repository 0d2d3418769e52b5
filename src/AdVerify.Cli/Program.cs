namespace AdVerify.Cli;

/// <summary>Entry point of the <c>adverify</c> command line.</summary>
public static class Program
{
    /// <summary>Runs the command line.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>0 on success, 1 when verification fails, 2 on bad input.</returns>
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("adverify: no command yet");
        return args.Length == 0 ? 2 : 2;
    }
}
