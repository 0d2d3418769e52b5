using AdVerify.Expressions;
using AdVerify.Scalars;

namespace AdVerify.Tests;

/// <summary>
/// How registry-walking tests read a function's sample points: a variadic function's sample
/// may have any length, and an integer order (besselj's n) is held fixed, never differentiated.
/// </summary>
internal static class RegistrySamples
{
    /// <summary>Every (function, sample, differentiable argument) of the built-ins.</summary>
    public static IEnumerable<(FunctionInfo F, double[] Point, int Argument)> Partials() =>
        from f in Functions.BuiltIn
        from p in f.SamplePoints
        from i in Differentiable(f, p)
        select (f, p, i);

    /// <summary>The arguments of a sample that can be differentiated (all but integer orders).</summary>
    public static IEnumerable<int> Differentiable(FunctionInfo f, double[] p) =>
        Enumerable.Range(0, p.Length).Where(i => !f.IntegerArguments.Contains(i));

    /// <summary>Calls the function on engine numbers, whatever its arity.</summary>
    public static TNumber Apply<TNumber>(FunctionInfo f, TNumber[] v)
        where TNumber : IAdScalar<TNumber> =>
        f.IsVariadic ? TNumber.Apply(f, v) : f.Arity == 1 ? TNumber.Apply(f, v[0]) : TNumber.Apply(f, v[0], v[1]);

    /// <summary>The call as infix text with the sample's numbers, for example <c>besselj(1, 2.2)</c>.</summary>
    public static string CallText(FunctionInfo f, double[] p) =>
        f.Name + "(" + string.Join(", ", p.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + ")";

    /// <summary>A symbolic call: symbols a0, a1, … for the differentiable arguments, the sample's numbers for integer orders.</summary>
    public static (Expr Call, Dictionary<string, double> Point) SymbolicCall(FunctionInfo f, double[] p)
    {
        var args = p.Select((v, i) => f.IntegerArguments.Contains(i) ? Expr.Number(v) : Expr.Symbol("a" + i)).ToArray();
        var point = Differentiable(f, p).ToDictionary(i => "a" + i, i => p[i]);
        return (Expr.Call(f, args), point);
    }
}
