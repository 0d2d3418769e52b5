using AdVerify.Expressions;
using AdVerify.Reporting;
using AdVerify.Verification;
using FsCheck;
using FsCheck.Fluent;

namespace AdVerify.NUnit;

/// <summary>
/// One-line FsCheck properties over expressions:
/// <c>[Property(Arbitrary = new[] { typeof(AdVerifyArbitraries) })] public Property P(Expr e) =&gt; e.VerifiesEverywhere();</c>
/// A failing property is labelled with the expression and the discrepancy table, and FsCheck
/// shrinks the expression to a small one that still fails.
/// </summary>
public static class Properties
{
    /// <summary>
    /// Every derivative source agrees on the expression's gradient at points generated in its
    /// domain, or the verdict is nondifferentiable or undefined there — never a discrepancy or an
    /// error. An expression whose domain the generator cannot hit passes trivially (and is
    /// classified as such in FsCheck's statistics).
    /// </summary>
    /// <param name="expression">The expression.</param>
    /// <param name="points">How many points to generate.</param>
    /// <param name="seed">The seed of the point generator.</param>
    /// <returns>The property.</returns>
    public static Property GradientIsConsistent(Expr expression, int points = 3, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var text = Infix.Format(expression);
        var generated = PointGenerator.Generate(expression, [], points, seed);
        if (generated.Count == 0)
        {
            return Prop.Classify(true, true, "no point in the domain");
        }

        var result = Verifier.VerifyCase(new VerificationCase { Name = text, Expression = text, Points = generated });
        static bool Acceptable(PointResult r) => r.Verdict is not (Verdict.Discrepancy or Verdict.Error);
        var ok = result.Results.All(Acceptable);
        var label = ok ? text : $"{text}{Environment.NewLine}{DiscrepancyTable.Write(result, Acceptable)}";
        return Prop.Label(ok, label);
    }

    /// <summary>The same as <see cref="GradientIsConsistent"/>, as an extension: <c>e.VerifiesEverywhere()</c>.</summary>
    /// <param name="expression">The expression.</param>
    /// <param name="points">How many points to generate.</param>
    /// <param name="seed">The seed of the point generator.</param>
    /// <returns>The property.</returns>
    public static Property VerifiesEverywhere(this Expr expression, int points = 3, int seed = 1) =>
        GradientIsConsistent(expression, points, seed);

    /// <summary>
    /// A claimed gradient of C# code is verified at every point FsCheck draws from the domain generator
    /// (<see cref="ExprGenerators.Coordinates"/>): the verdict must be consistent.
    /// </summary>
    /// <param name="subject">The function with its claimed gradient.</param>
    /// <returns>The property (FsCheck draws the points; run it with <c>Prop.ForAll</c> semantics via <c>[Property]</c> or <c>Check.QuickThrowOnFailure</c>).</returns>
    public static Property GradientIsCorrect(FunctionGradient subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var d = subject.Definition;
        var arbitrary = ExprGenerators.Coordinates(p => d.Evaluate(p), d.Variables.Count).ToArbitrary();
        return Prop.ForAll(arbitrary, (double[] x) =>
        {
            if (x.Length != d.Variables.Count)
            {
                return Prop.Classify(true, true, "no point in the domain");
            }

            var r = Verifier.Check(d, x, subject.ClaimedGradient);
            return Prop.Label(r.Verdict == Verdict.Consistent, DiscrepancyTable.Write(r));
        });
    }
}

/// <summary>
/// FsCheck arbitraries for <c>[Property(Arbitrary = new[] { typeof(AdVerifyArbitraries) })]</c>:
/// random expressions over the full function registry, with a shrinker.
/// </summary>
public static class AdVerifyArbitraries
{
    /// <summary>Random expressions (see <see cref="ExprGenerators.Expressions"/>) with their shrinker.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<Expr> Expr() => ExprGenerators.Expressions();
}
