using AdVerify.Expressions;
using FsCheck;
using AdVerify.Verification;
using FsCheck.Fluent;

namespace AdVerify.NUnit;

/// <summary>
/// Random canonical expressions for property tests, with a shrinker. Expressions are built
/// from the variables x, y, z, small integers and rationals, π and e, every registered
/// function, and + − · / and ^ with small integer exponents. Shrinking moves towards
/// subexpressions, simpler operands and smaller numbers, and every shrink candidate is
/// strictly less complex than its origin, so shrinking always terminates.
/// </summary>
public static class ExprGenerators
{
    /// <summary>The variables the generator uses.</summary>
    public static readonly IReadOnlyList<string> VariableNames = ["x", "y", "z"];

    private static readonly Expr[] Vars = VariableNames.Select(Expr.Symbol).ToArray();

    /// <summary>An arbitrary of random expressions.</summary>
    /// <param name="maxDepth">The deepest nesting of operations; the FsCheck size also limits it.</param>
    /// <param name="functions">The functions calls are drawn from; default: every built-in function.</param>
    /// <returns>The arbitrary, with <see cref="Shrink"/> as its shrinker.</returns>
    public static Arbitrary<Expr> Expressions(int maxDepth = 4, IReadOnlyList<FunctionInfo>? functions = null) =>
        Arb.From(Generator(maxDepth, functions), Shrink);

    /// <summary>The generator behind <see cref="Expressions"/>.</summary>
    /// <param name="maxDepth">The deepest nesting of operations.</param>
    /// <param name="functions">The functions calls are drawn from; default: every built-in function.</param>
    /// <returns>The generator.</returns>
    public static Gen<Expr> Generator(int maxDepth = 4, IReadOnlyList<FunctionInfo>? functions = null)
    {
        var fs = (functions ?? Functions.BuiltIn).ToArray();
        var levels = new Gen<Expr>[Math.Max(0, maxDepth) + 1];
        levels[0] = Leaf();
        for (var d = 1; d < levels.Length; d++)
        {
            levels[d] = Node(levels[d - 1], levels[0], fs);
        }

        return Gen.Sized(size => levels[Math.Min(levels.Length - 1, size / 8)]);
    }

    /// <summary>Atoms: variables, small integers, small rationals and the constants.</summary>
    /// <returns>The generator.</returns>
    public static Gen<Expr> Leaf() =>
        Gen.Frequency(
            (5, Gen.Elements(Vars)),
            (3, Gen.Choose(-4, 6).Select(n => Expr.Number(n))),
            (1, Gen.Choose(-9, 9).SelectMany(p => Gen.Choose(2, 7).Select(q => Expr.Number(new Rational(p, q))))),
            (1, Gen.Elements(Expr.Pi, Expr.E)));

    private static Gen<Expr> Node(Gen<Expr> sub, Gen<Expr> leaf, FunctionInfo[] functions)
    {
        Gen<Expr> Binary(Func<Expr, Expr, Expr> op) => sub.SelectMany(a => sub.Select(b => op(a, b)));
        // A variadic function gets two or three arguments; an integer order (besselj's n) a small integer.
        var call = Gen.Elements(functions).SelectMany(f =>
            (f.IsVariadic ? Gen.Choose(2, 3) : Gen.Constant(f.Arity)).SelectMany(count =>
                Gen.ArrayOf(sub, count).SelectMany(args => Gen.Choose(0, 3).Select(order =>
                {
                    foreach (var i in f.IntegerArguments)
                    {
                        args[i] = Expr.Number(order);
                    }

                    return Expr.Call(f, args);
                }))));
        return Gen.Frequency(
            (2, leaf),
            (2, Binary((a, b) => a + b)),
            (2, Binary(Expr.Subtract)),
            (2, Binary((a, b) => a * b)),
            (2, Binary(Expr.Divide)),
            (2, sub.SelectMany(b => Gen.Choose(-3, 4).Select(k => Expr.Pow(b, k)))),
            (1, sub.Select(Expr.Negate)),
            (3, call));
    }

    /// <summary>
    /// Shrink candidates of an expression, simplest first: its subexpressions, then copies with
    /// one operand shrunk, then (for numbers) smaller numbers and (for names) <c>x</c> and 1.
    /// Every candidate has a smaller <see cref="Complexity"/> than <paramref name="e"/>.
    /// </summary>
    /// <param name="e">The expression to shrink.</param>
    /// <returns>The candidates.</returns>
    public static IEnumerable<Expr> Shrink(Expr e)
    {
        var limit = Complexity(e);
        var seen = new HashSet<Expr>(ReferenceEqualityComparer.Instance) { e };
        foreach (var candidate in Candidates(e))
        {
            if (seen.Add(candidate) && Complexity(candidate) < limit)
            {
                yield return candidate;
            }
        }
    }

    /// <summary>
    /// A size measure that every shrink step decreases: the tree size weighted by node kind,
    /// plus the bit lengths of numbers.
    /// </summary>
    /// <param name="e">The expression.</param>
    /// <returns>The complexity (a double, since tree sizes of DAGs grow exponentially).</returns>
    public static double Complexity(Expr e)
    {
        var cost = new Dictionary<Expr, double>(ReferenceEqualityComparer.Instance);
        foreach (var node in Traversal.PostOrder(e))
        {
            double c = node switch
            {
                NumberExpr n => 1 + (n.Value.Sign < 0 ? 1 : 0) + BitLength(n.Value.Numerator) + BitLength(n.Value.Denominator - 1),
                SymbolExpr s => s.Name == "x" ? 2 : 3,
                ConstantExpr => 3,
                _ => 4,
            };
            foreach (var op in node.Operands)
            {
                c += cost[op];
            }

            cost[node] = c;
        }

        return cost[e];
    }

    private static long BitLength(System.Numerics.BigInteger n) => n.IsZero ? 0 : (long)System.Numerics.BigInteger.Abs(n).GetBitLength();

    private static IEnumerable<Expr> Candidates(Expr e)
    {
        switch (e)
        {
            case NumberExpr n:
                {
                    var v = n.Value;
                    yield return Expr.Zero;
                    yield return Expr.One;
                    if (v.Sign < 0)
                    {
                        yield return Expr.Number(-v);
                    }

                    if (!v.IsInteger)
                    {
                        yield return Expr.Number(v.Numerator / v.Denominator);
                        yield return Expr.Number(v.Numerator);
                    }
                    else
                    {
                        yield return Expr.Number(v.Numerator / 2);
                    }

                    yield break;
                }

            case SymbolExpr or ConstantExpr:
                yield return Vars[0];
                yield return Expr.One;
                yield break;
        }

        var ops = e.Operands;
        foreach (var op in ops)
        {
            yield return op;
        }

        for (var i = 0; i < ops.Count; i++)
        {
            foreach (var smaller in Candidates(ops[i]))
            {
                var copy = ops.ToArray();
                copy[i] = smaller;
                yield return Rebuild(e, copy);
            }
        }
    }

    private static Expr Rebuild(Expr e, Expr[] operands) =>
        e switch
        {
            SumExpr => Expr.Add(operands),
            ProductExpr => Expr.Multiply(operands),
            PowerExpr => Expr.Pow(operands[0], operands[1]),
            CallExpr c => Expr.Call(c.Function, operands),
            _ => e,
        };

    /// <summary>
    /// Sets of points inside an expression's domain (where it and all its parts are finite), drawn
    /// by <see cref="PointGenerator"/> with a seed FsCheck chooses; empty when the domain was not hit.
    /// </summary>
    /// <param name="expr">The expression.</param>
    /// <param name="count">How many points per set.</param>
    /// <returns>The generator.</returns>
    public static Gen<IReadOnlyList<IReadOnlyDictionary<string, double>>> PointsInDomain(Expr expr, int count = 1)
    {
        ArgumentNullException.ThrowIfNull(expr);
        return Gen.Choose(0, int.MaxValue - 1).Select(seed => PointGenerator.Generate(expr, [], count, seed));
    }

    /// <summary>
    /// Coordinate vectors where a C# function is finite, drawn by <see cref="PointGenerator"/> with a
    /// seed FsCheck chooses; an empty array when the domain was not hit.
    /// </summary>
    /// <param name="f">The function (it must not keep or modify the array).</param>
    /// <param name="dimension">The number of coordinates.</param>
    /// <returns>The generator.</returns>
    public static Gen<double[]> Coordinates(Func<double[], double> f, int dimension)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Gen.Choose(0, int.MaxValue - 1).Select(seed => PointGenerator.Generate(f, dimension, 1, seed).FirstOrDefault() ?? []);
    }

    /// <summary>Registers the default expression arbitrary: <c>[Property(Arbitrary = [typeof(ExprGenerators.Default)])]</c>.</summary>
    public static class Default
    {
        /// <summary>The default arbitrary of expressions.</summary>
        /// <returns><see cref="Expressions"/> with its default settings.</returns>
        public static Arbitrary<Expr> Expr() => Expressions();
    }
}
