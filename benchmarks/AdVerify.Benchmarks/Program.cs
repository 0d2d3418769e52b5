using BenchmarkDotNet.Running;

namespace AdVerify.Benchmarks;

/// <summary>Runs the benchmarks: <c>dotnet run -c Release --project benchmarks/AdVerify.Benchmarks -- --filter '*'</c>.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
