using System.Globalization;
using System.Text;
using AdVerify.Expressions;

namespace AdVerify.Definitions;

/// <summary>
/// Prints a step of a <see cref="Computation"/> as infix text in the author's order and grouping,
/// with the parentheses the grammar needs (and a few for readability, such as <c>a*(-b)</c>).
/// The walk uses an explicit stack, so long chains print without recursion, and stops with '…'
/// once the text exceeds its budget (shared steps are printed in full at each use).
/// </summary>
internal static class ComputationWriter
{
    private const int Atom = 5;

    public static string Write(Computation c, int step, int budget)
    {
        var sb = new StringBuilder();
        var work = new Stack<Item>();
        work.Push(new Item(step, 0, null));
        while (work.Count > 0)
        {
            if (sb.Length > budget)
            {
                sb.Length = Math.Max(0, budget - 1);
                sb.Append('…');
                break;
            }

            var item = work.Pop();
            if (item.Text is not null)
            {
                sb.Append(item.Text);
                continue;
            }

            var op = c.Operations[item.Step];
            var prec = Precedence(op.Code);
            var paren = prec < item.MinPrecedence;
            var parts = new List<Item>();
            if (paren)
            {
                parts.Add(Text("("));
            }

            switch (op.Code)
            {
                case OpCode.Input:
                    parts.Add(Text(c.Inputs[op.A]));
                    break;
                case OpCode.Constant:
                    parts.Add(Text(Constant(op, item.MinPrecedence)));
                    break;
                case OpCode.Negate:
                    parts.Add(Text("-"));
                    parts.Add(new Item(op.A, 4, null));
                    break;
                case OpCode.Add or OpCode.Subtract:
                    parts.Add(new Item(op.A, 1, null));
                    parts.Add(Text(op.Code == OpCode.Add ? " + " : " - "));
                    // A sum or difference on the right keeps its parentheses: a + (b + c) rounds differently from a + b + c.
                    parts.Add(new Item(op.B, RightOf(c, op.B, 2), null));
                    break;
                case OpCode.Multiply or OpCode.Divide:
                    parts.Add(new Item(op.A, 2, null));
                    parts.Add(Text(op.Code == OpCode.Multiply ? "*" : "/"));
                    parts.Add(new Item(op.B, RightOf(c, op.B, 3), null));
                    break;
                case OpCode.Power:
                    parts.Add(new Item(op.A, Atom, null));
                    parts.Add(Text("^"));
                    parts.Add(new Item(op.B, RightOf(c, op.B, 4), null));
                    break;
                case OpCode.Call:
                    parts.Add(Text(op.Function!.Name + "("));
                    parts.Add(new Item(op.A, 0, null));
                    if (op.OperandCount == 2)
                    {
                        parts.Add(Text(", "));
                        parts.Add(new Item(op.B, 0, null));
                    }

                    parts.Add(Text(")"));
                    break;
            }

            if (paren)
            {
                parts.Add(Text(")"));
            }

            for (var k = parts.Count - 1; k >= 0; k--)
            {
                work.Push(parts[k]);
            }
        }

        return sb.ToString();
    }

    /// <summary>A right operand that is a negation is parenthesised (<c>a*(-b)</c>), as is anything below the minimum.</summary>
    private static int RightOf(Computation c, int step, int min) => c.Operations[step].Code == OpCode.Negate ? Atom : min;

    private static int Precedence(OpCode code) => code switch
    {
        OpCode.Add or OpCode.Subtract => 1,
        OpCode.Multiply or OpCode.Divide => 2,
        OpCode.Negate => 3,
        OpCode.Power => 4,
        _ => Atom,
    };

    private static string Constant(Operation op, int minPrecedence)
    {
        if (op.Exact is ConstantExpr named)
        {
            return named.Name;
        }

        var text = op.Value.ToString("R", CultureInfo.InvariantCulture);
        if (op.Exact is not null && !ReferenceEquals(op.Exact, ComputationBuilder.ExactOf(op.Value)))
        {
            // The exact value is not the double's shortest decimal (1/3, say): show it exactly.
            text = op.Exact.ToString();
            return minPrecedence > 1 ? "(" + text + ")" : text;
        }

        if (text.Contains('E', StringComparison.Ordinal))
        {
            text = text.Replace("E+", "e", StringComparison.Ordinal).Replace("E", "e", StringComparison.Ordinal);
        }

        return op.Value < 0 || double.IsNegative(op.Value) ? "(" + text + ")" : text;
    }

    private static Item Text(string text) => new(-1, 0, text);

    private readonly record struct Item(int Step, int MinPrecedence, string? Text);
}
