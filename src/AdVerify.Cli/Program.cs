namespace AdVerify.Cli;

/// <summary>Entry point of the <c>adverify</c> command line.</summary>
public static class Program
{
    /// <summary>Runs the command line.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>0 on success, 1 when verification fails, 2 on bad input.</returns>
    public static int Main(string[] args) => CliApp.Run(args, Console.Out, Console.Error);
}
