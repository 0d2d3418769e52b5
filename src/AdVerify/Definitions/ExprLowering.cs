using AdVerify.Expressions;
using AdVerify.Symbolic;

namespace AdVerify.Definitions;

/// <summary>
/// Lowers a canonical expression DAG to a <see cref="Computation"/>: each distinct node becomes
/// steps once, operands in the order the expression lists them. Powers become what the
/// expression's own evaluator computes (see <c>RealPower</c>): square roots and reciprocal square
/// roots <c>sqrt</c>, small integer powers the same repeated products, so the computation's value
/// is the expression's bit for bit.
/// </summary>
internal static class ExprLowering
{
    public static Computation Lower(Expr expr, IReadOnlyList<string> inputs) => LowerMany([expr], inputs).Computation;

    /// <summary>Lowers several expressions into one computation (shared nodes once); the steps computing them are returned in order.</summary>
    public static (Computation Computation, int[] Outputs) LowerMany(IReadOnlyList<Expr> exprs, IReadOnlyList<string> inputs)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = inputs.Count - 1; i >= 0; i--)
        {
            index[inputs[i]] = i;
        }

        var missing = exprs.SelectMany(e => e.Variables).Distinct().Where(v => !index.ContainsKey(v)).Order(StringComparer.Ordinal).ToArray();
        if (missing.Length > 0)
        {
            throw new ArgumentException($"the inputs ({string.Join(", ", inputs)}) do not include {string.Join(", ", missing)}", nameof(inputs));
        }

        var b = new ComputationBuilder(inputs);
        var step = new Dictionary<Expr, int>(ReferenceEqualityComparer.Instance);
        foreach (var expr in exprs)
        {
            ArgumentNullException.ThrowIfNull(expr);
            foreach (var node in Traversal.PostOrder(expr))
            {
                if (step.ContainsKey(node))
                {
                    continue;
                }

                step[node] = node switch
                {
                    NumberExpr n => b.Constant(n.Value.ToDouble(), n),
                    ConstantExpr k => b.Constant(k.Value, k),
                    SymbolExpr s => b.Input(index[s.Name]),
                    SumExpr sum => Sum(b, sum, step),
                    ProductExpr p => Product(b, p, step),
                    PowerExpr pw => Power(b, pw, step),
                    CallExpr call => b.Call(call.Function, call.Operands.Select(o => step[o]).ToArray()),
                    _ => throw new NotSupportedException($"unknown expression node {node.GetType().Name}"),
                };
            }
        }

        var outputs = exprs.Select(e => step[e]).ToArray();
        return (b.Build(outputs[^1]), outputs);
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

    // Powers are computed as the expression evaluator computes them (RealPower): x^(1/2) and x^(-1/2)
    // with sqrt, small integer powers by the same repeated multiplications, others with pow.
    private static int Power(ComputationBuilder b, PowerExpr pw, Dictionary<Expr, int> step)
    {
        var x = step[pw.Base];
        var (form, n) = RealPower.Classify(pw.Exponent);
        return form switch
        {
            PowerForm.Sqrt => b.Call(Functions.Sqrt, x),
            PowerForm.ReciprocalSqrt => b.Op(OpCode.Divide, b.Constant(1, Expr.One), b.Call(Functions.Sqrt, x)),
            PowerForm.SmallInteger when n > 0 => IntegerPower(b, x, n),
            PowerForm.SmallInteger => b.Op(OpCode.Divide, b.Constant(1, Expr.One), IntegerPower(b, x, -n)),
            _ => b.Op(OpCode.Power, x, step[pw.Exponent]),
        };
    }

    private static int IntegerPower(ComputationBuilder b, int x, int n)
    {
        if (n == 1)
        {
            return x;
        }

        if (n % 2 == 0)
        {
            var half = IntegerPower(b, x, n / 2);
            return b.Op(OpCode.Multiply, half, half);
        }

        return b.Op(OpCode.Multiply, IntegerPower(b, x, n - 1), x);
    }
}
