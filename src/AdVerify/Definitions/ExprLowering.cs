using AdVerify.Expressions;

namespace AdVerify.Definitions;

/// <summary>
/// Lowers a canonical expression DAG to a <see cref="Computation"/>: each distinct node becomes
/// steps once, operands in the order the expression lists them. Square roots, reciprocals and
/// squares (powers 1/2, −1 and 2) become <c>sqrt</c>, a division and a product, as the
/// expression's own evaluator computes them.
/// </summary>
internal static class ExprLowering
{
    public static Computation Lower(Expr expr, IReadOnlyList<string> inputs)
    {
        ArgumentNullException.ThrowIfNull(expr);
        var missing = expr.Variables.Where(v => !inputs.Contains(v, StringComparer.Ordinal)).ToArray();
        if (missing.Length > 0)
        {
            throw new ArgumentException($"the inputs ({string.Join(", ", inputs)}) do not include {string.Join(", ", missing)}", nameof(inputs));
        }

        var b = new ComputationBuilder(inputs);
        var step = new Dictionary<Expr, int>(ReferenceEqualityComparer.Instance);
        foreach (var node in Traversal.PostOrder(expr))
        {
            step[node] = node switch
            {
                NumberExpr n => b.Constant(n.Value.ToDouble(), n),
                ConstantExpr k => b.Constant(k.Value, k),
                SymbolExpr s => b.Input(IndexOf(inputs, s.Name)),
                SumExpr sum => Sum(b, sum, step),
                ProductExpr p => Product(b, p, step),
                PowerExpr pw => Power(b, pw, step),
                CallExpr call => b.Call(call.Function, call.Operands.Select(o => step[o]).ToArray()),
                _ => throw new NotSupportedException($"unknown expression node {node.GetType().Name}"),
            };
        }

        return b.Build(step[expr]);
    }

    private static int IndexOf(IReadOnlyList<string> inputs, string name)
    {
        for (var i = 0; i < inputs.Count; i++)
        {
            if (inputs[i] == name)
            {
                return i;
            }
        }

        throw new ArgumentException($"no input named {name}");
    }

    private static int Sum(ComputationBuilder b, SumExpr sum, Dictionary<Expr, int> step)
    {
        var acc = step[sum.Operands[0]];
        for (var k = 1; k < sum.Operands.Count; k++)
        {
            acc = b.Op(OpCode.Add, acc, step[sum.Operands[k]]);
        }

        return acc;
    }

    private static int Product(ComputationBuilder b, ProductExpr p, Dictionary<Expr, int> step)
    {
        var acc = step[p.Operands[0]];
        for (var k = 1; k < p.Operands.Count; k++)
        {
            acc = b.Op(OpCode.Multiply, acc, step[p.Operands[k]]);
        }

        return acc;
    }

    private static int Power(ComputationBuilder b, PowerExpr pw, Dictionary<Expr, int> step)
    {
        var x = step[pw.Base];
        if (pw.Exponent is NumberExpr n)
        {
            if (n.Value == Rational.Half)
            {
                return b.Call(Functions.Sqrt, x);
            }

            if (n.Value == Rational.MinusOne)
            {
                return b.Op(OpCode.Divide, b.Constant(1, Expr.One), x);
            }

            if (n.Value == new Rational(2))
            {
                return b.Op(OpCode.Multiply, x, x);
            }
        }

        return b.Op(OpCode.Power, x, step[pw.Exponent]);
    }
}
