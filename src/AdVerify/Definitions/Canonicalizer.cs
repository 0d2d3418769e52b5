using AdVerify.Expressions;

namespace AdVerify.Definitions;

/// <summary>
/// Turns a <see cref="Computation"/> into its canonical expression in one pass over the steps.
/// A chain of sums (or of products) whose inner links are used only by the next link becomes
/// one n-ary sum (product), so a loop that accumulates a million terms costs one canonical sum,
/// not a million re-canonicalised partial sums.
/// </summary>
internal static class Canonicalizer
{
    public static Expr ToExpr(Computation c)
    {
        var ops = c.Operations;
        var n = ops.Count;
        var uses = new int[n];
        var user = new OpCode[n];
        for (var i = 0; i < n; i++)
        {
            var op = ops[i];
            if (op.OperandCount >= 1)
            {
                uses[op.A]++;
                user[op.A] = op.Code;
            }

            if (op.OperandCount == 2)
            {
                uses[op.B]++;
                user[op.B] = op.Code;
            }
        }

        uses[c.Output]++;
        user[c.Output] = OpCode.Input; // the output is never absorbed

        var exprs = new Expr?[n];
        var pending = new List<Expr>?[n];
        for (var i = 0; i < n; i++)
        {
            var op = ops[i];
            switch (op.Code)
            {
                case OpCode.Add or OpCode.Subtract or OpCode.Negate:
                    {
                        var terms = Take(op.A, pending, exprs, IsSumLink, ops, uses, user);
                        if (op.Code == OpCode.Negate)
                        {
                            Negate(terms);
                        }
                        else
                        {
                            var right = Take(op.B, pending, exprs, IsSumLink, ops, uses, user);
                            if (op.Code == OpCode.Subtract)
                            {
                                Negate(right);
                            }

                            terms.AddRange(right);
                        }

                        Finish(i, terms, IsSumLink, ops, uses, user, pending, exprs, Expr.Add);
                        break;
                    }

                case OpCode.Multiply or OpCode.Divide:
                    {
                        var factors = Take(op.A, pending, exprs, IsProductLink, ops, uses, user);
                        var right = Take(op.B, pending, exprs, IsProductLink, ops, uses, user);
                        if (op.Code == OpCode.Divide)
                        {
                            for (var k = 0; k < right.Count; k++)
                            {
                                right[k] = Expr.Pow(right[k], Expr.MinusOne);
                            }
                        }

                        factors.AddRange(right);
                        Finish(i, factors, IsProductLink, ops, uses, user, pending, exprs, Expr.Multiply);
                        break;
                    }

                default:
                    exprs[i] = Single(op, c.Inputs, exprs);
                    break;
            }
        }

        return exprs[c.Output]!;
    }

    private static bool IsSumLink(OpCode code) => code is OpCode.Add or OpCode.Subtract or OpCode.Negate;

    private static bool IsProductLink(OpCode code) => code is OpCode.Multiply or OpCode.Divide;

    /// <summary>True when step i is a link used only by a link of the same chain (its list can be taken over).</summary>
    private static bool Absorbed(int i, Func<OpCode, bool> link, IReadOnlyList<Operation> ops, int[] uses, OpCode[] user) =>
        uses[i] == 1 && link(ops[i].Code) && link(user[i]);

    private static List<Expr> Take(int operand, List<Expr>?[] pending, Expr?[] exprs, Func<OpCode, bool> link,
        IReadOnlyList<Operation> ops, int[] uses, OpCode[] user)
    {
        if (pending[operand] is { } list && Absorbed(operand, link, ops, uses, user))
        {
            pending[operand] = null;
            return list;
        }

        return [exprs[operand]!];
    }

    private static void Finish(int i, List<Expr> items, Func<OpCode, bool> link, IReadOnlyList<Operation> ops, int[] uses, OpCode[] user,
        List<Expr>?[] pending, Expr?[] exprs, Func<IEnumerable<Expr>, Expr> build)
    {
        if (Absorbed(i, link, ops, uses, user))
        {
            pending[i] = items;
        }
        else
        {
            exprs[i] = build(items);
        }
    }

    private static void Negate(List<Expr> terms)
    {
        for (var k = 0; k < terms.Count; k++)
        {
            terms[k] = Expr.Negate(terms[k]);
        }
    }

    private static Expr Single(Operation op, IReadOnlyList<string> inputs, Expr?[] exprs) => op.Code switch
    {
        OpCode.Input => Expr.Symbol(inputs[op.A]),
        OpCode.Constant => op.Exact ?? throw new ArgumentException(
            $"the constant {op.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} has no exact value, so it cannot enter a symbolic expression"),
        OpCode.Power => Expr.Pow(exprs[op.A]!, exprs[op.B]!),
        OpCode.Call when op.B < 0 => Expr.Call(op.Function!, exprs[op.A]!),
        OpCode.Call => Expr.Call(op.Function!, exprs[op.A]!, exprs[op.B]!),
        _ => throw new InvalidOperationException($"unexpected step {op.Code}"),
    };
}
