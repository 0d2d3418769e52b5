using System.Numerics;

namespace AdVerify.Expressions;

/// <summary>Helpers for the knowledge attached to the special functions' registry entries (kept out of the card for readability).</summary>
public static partial class Functions
{
    private static bool NotPole(double x) => !double.IsNaN(x) && !(x <= 0 && double.IsInteger(x));

    // logsumexp(logsumexp(a, b), c) = logsumexp(a, b, c): the chain an as-written computation builds, flattened.
    private static Expr FlattenLogSumExp(IReadOnlyList<Expr> a) =>
        Expr.Call(LogSumExp, a.SelectMany(x => x is CallExpr { Function: var g } c && ReferenceEquals(g, LogSumExp) ? c.Operands : [x]).ToArray());

    // Γ(n) = (n − 1)! for a positive integer n up to 20 (exact rationals).
    private static Expr? FoldGamma(IReadOnlyList<Expr> a)
    {
        if (!a[0].TryGetNumber(out var v) || !v.IsInteger || v.Sign <= 0 || v.Numerator > 20)
        {
            return null;
        }

        var factorial = BigInteger.One;
        for (var k = 2; k < (int)v.Numerator; k++)
        {
            factorial *= k;
        }

        return Expr.Number(factorial);
    }

    // log(b, 1) = 0, log(b, b) = 1, and the bases with a function of their own: e, 10, 2.
    private static Expr? FoldLogBase(IReadOnlyList<Expr> a)
    {
        var (b, x) = (a[0], a[1]);
        if (x.TryGetNumber(out var xv) && xv.IsOne)
        {
            return Expr.Zero;
        }

        if (ReferenceEquals(b, x))
        {
            return Expr.One;
        }

        if (ReferenceEquals(b, Expr.E))
        {
            return Expr.Call(Log, x);
        }

        return b.TryGetNumber(out var bv) && bv.IsInteger && (bv.Numerator == 10 || bv.Numerator == 2)
            ? Expr.Call(bv.Numerator == 10 ? Log10 : Log2, x)
            : null;
    }

    // Bessel functions of integer order n: the order argument is an integer and is never differentiated.
    private static FunctionInfo Bessel(string name, string letter, Func<double, double, double> value,
        Func<Complex, Complex, Complex>? complex, bool positive, bool zeroAtOrigin) =>
        B(name, letter + @"_{#1}\left(#2\right)", value, positive ? "n integer, x > 0" : "n integer, all real x",
            (n, x) => double.IsInteger(n) && Math.Abs(n) <= 1000 && (positive ? x > 0 : !double.IsNaN(x)),
            [[0.0, 0.5], [1.0, 2.2], [2.0, 7.25]], complex: complex, integerArguments: [0], argumentNames: ["n", "x"],
            edge: positive ? a => (1, -a[1]) : null,
            fold: zeroAtOrigin
                ? a => a[0].TryGetNumber(out var n) && a[1].TryGetNumber(out var x) && x.IsZero ? (n.IsZero ? Expr.One : Expr.Zero) : null
                : null);
}
