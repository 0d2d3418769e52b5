using AdVerify.Verification;
using BenchmarkDotNet.Running;

namespace AdVerify.Benchmarks;

/// <summary>
/// Runs the benchmarks: <c>dotnet run -c Release --project benchmarks/AdVerify.Benchmarks -- --filter '*'</c>.
/// <c>-- --accuracy</c> prints the finite-difference accuracy table instead, <c>-- --compile-times</c>
/// the build times of the compiled path,
/// <c>-- --verifier-check</c> checks that parallel and sequential verification give identical reports,
/// <c>-- --intern-contention</c> measures lock contention of parallel verification, and
/// <c>-- --optimize-counts</c> prints the evaluation counts of MathNet minimisers with tape and finite-difference gradients.
/// </summary>
public static class Program
{
    /// <summary>The entry point.</summary>
    /// <param name="args">BenchmarkDotNet arguments, or <c>--accuracy</c> / <c>--compile-times</c> / <c>--verifier-check</c> / <c>--intern-contention</c> / <c>--optimize-counts</c>.</param>
    public static void Main(string[] args)
    {
        if (args is ["--accuracy"])
        {
            Console.Write(FiniteDifferenceBenchmarks.AccuracyTable());
            return;
        }

        if (args is ["--intern-contention"])
        {
            Console.Write(InternContention.Measure());
            return;
        }

        if (args is ["--optimize-counts"])
        {
            Console.Write(OptimizationBenchmarks.CountsTable());
            return;
        }

        if (args is ["--compile-times"])
        {
            Console.Write(CompiledGradientBenchmarks.CompileTimes());
            return;
        }

        if (args is ["--verifier-check"])
        {
            foreach (var (name, catalogue) in new[] { ("default", Catalogue.Default), ("generated-10000", Catalogue.Parse(VerifierBenchmarks.GeneratedJson(10_000))) })
            {
                Console.WriteLine($"{name}: {catalogue.Cases.Count} cases; {VerifierBenchmarks.IdentityCheck(catalogue)}");
            }

            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
