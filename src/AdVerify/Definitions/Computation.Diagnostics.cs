using System.Globalization;
using AdVerify.Expressions;
using AdVerify.Symbolic;

namespace AdVerify.Definitions;

/// <summary>Evaluation with a diagnosis: where a computation left the real numbers, in the author's words.</summary>
public sealed partial class Computation
{
    /// <summary>
    /// Evaluates as written and, when the value is not a finite number, names the first step that
    /// left the real numbers, with its text as written and the values it got.
    /// </summary>
    /// <param name="inputs">One value per input.</param>
    /// <param name="value">The value (NaN or ±∞ on failure).</param>
    /// <param name="issue">The first step that failed, or null.</param>
    /// <returns>True when the value is finite.</returns>
    public bool TryEvaluate(ReadOnlySpan<double> inputs, out double value, out DomainIssue? issue)
    {
        var values = EvaluateSteps(inputs);
        value = values[Output];
        issue = null;
        if (double.IsFinite(value))
        {
            return true;
        }

        var live = Live();
        for (var i = 0; i < _ops.Length; i++)
        {
            if (!double.IsFinite(values[i]) && live[i] && Diagnose(i, values) is { } found)
            {
                issue = found;
                return false;
            }
        }

        issue = new DomainIssue(IssueKind.NaN, "the expression", [], "real numbers", Expr.Zero) { Detail = $"the value of {StepText(Output)} is not a finite number" };
        return false;
    }

    /// <summary>Evaluates at a named point with a diagnosis (see <see cref="TryEvaluate(ReadOnlySpan{double}, out double, out DomainIssue?)"/>).</summary>
    /// <param name="point">The values by name.</param>
    /// <param name="value">The value.</param>
    /// <param name="issue">The first step that failed, or null.</param>
    /// <returns>True when the value is finite.</returns>
    public bool TryEvaluate(IReadOnlyDictionary<string, double> point, out double value, out DomainIssue? issue) =>
        TryEvaluate(InputValues(point), out value, out issue);

    /// <summary>
    /// The same computation over a different input list, which must contain every current input
    /// (extra inputs are simply unused), for example the union of a function's and its claims' variables.
    /// </summary>
    /// <param name="inputs">The new input names, in order.</param>
    /// <returns>The computation reading its inputs from the new positions.</returns>
    /// <exception cref="ArgumentException">An input of this computation is missing from <paramref name="inputs"/>.</exception>
    public Computation WithInputs(IReadOnlyList<string> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var position = new int[Inputs.Count];
        for (var i = 0; i < Inputs.Count; i++)
        {
            position[i] = -1;
            for (var j = 0; j < inputs.Count; j++)
            {
                if (inputs[j] == Inputs[i])
                {
                    position[i] = j;
                    break;
                }
            }

            if (position[i] < 0)
            {
                throw new ArgumentException($"the new inputs ({string.Join(", ", inputs)}) lack {Inputs[i]}", nameof(inputs));
            }
        }

        var ops = (Operation[])_ops.Clone();
        for (var i = 0; i < ops.Length; i++)
        {
            if (ops[i].Code == OpCode.Input)
            {
                ops[i] = ops[i] with { A = position[ops[i].A] };
            }
        }

        return new(inputs.ToArray(), ops, Output, Text) { Comparisons = Comparisons };
    }

    /// <summary>The computation of one step (its output is that step), for the canonical form of a part.</summary>
    /// <param name="step">The step.</param>
    /// <returns>The sub-computation (same inputs).</returns>
    public Computation Part(int step) => new(Inputs, _ops, step, null);

    /// <summary>Which steps the output depends on (a dead step cannot make the value fail or matter).</summary>
    /// <returns>One flag per step.</returns>
    internal bool[] Live()
    {
        var live = new bool[_ops.Length];
        live[Output] = true;
        for (var i = Output; i >= 0; i--)
        {
            if (!live[i])
            {
                continue;
            }

            var op = _ops[i];
            if (op.OperandCount >= 1)
            {
                live[op.A] = true;
            }

            if (op.OperandCount == 2)
            {
                live[op.B] = true;
            }
        }

        return live;
    }

    private DomainIssue? Diagnose(int i, double[] values)
    {
        var op = _ops[i];
        double a = op.OperandCount >= 1 ? values[op.A] : 0, b = op.OperandCount == 2 ? values[op.B] : 0;
        if ((op.OperandCount >= 1 && !double.IsFinite(a)) || (op.OperandCount == 2 && !double.IsFinite(b)))
        {
            return null; // an earlier step failed first
        }

        var text = StepText(i, 80);
        var node = Part(i).ToExprOrZero();
        var result = values[i];
        switch (op.Code)
        {
            case OpCode.Constant:
                return new DomainIssue(IssueKind.Overflow, "the number " + text, [], "numbers within ±1.8E+308", node)
                {
                    ResultSign = Math.Sign(result),
                    Detail = $"the number {(op.Exact is NumberExpr n ? Evaluation.LiteralText(n) : text)} is beyond the range of double precision",
                };
            case OpCode.Divide when b == 0:
                return new DomainIssue(IssueKind.DivisionByZero, "/", [a, b], "divisor != 0", node)
                {
                    Detail = $"division by zero in {text}: the divisor {StepText(op.B, 60)} is 0",
                };
            case OpCode.Power when a == 0 && b < 0:
                return new DomainIssue(IssueKind.DivisionByZero, "^", [a, b], "base != 0 for a negative exponent", node)
                {
                    Detail = $"division by zero in {text}: the base {StepText(op.A, 60)} is 0 and the exponent is negative ({F(b)})",
                };
            case OpCode.Power when a < 0 && !double.IsInteger(b):
                return new DomainIssue(IssueKind.Domain, "^", [a, b], Functions.Pow.DomainDescription, node)
                {
                    Detail = $"{text} is not a real number: the base {StepText(op.A, 60)} is {F(a)} (negative) and the exponent {F(b)} is not an integer",
                };
            case OpCode.Call when !op.Function!.InDomain(op.OperandCount == 1 ? [a] : [a, b]):
                {
                    var args = op.OperandCount == 1 ? F(a) : $"({F(a)}, {F(b)})";
                    return new DomainIssue(IssueKind.Domain, op.Function.Name, op.OperandCount == 1 ? [a] : [a, b], op.Function.DomainDescription, node)
                    {
                        Detail = $"{op.Function.Name} got {args} in {text}, outside its domain {op.Function.DomainDescription}",
                    };
                }

            default:
                {
                    var name = op.Code == OpCode.Call ? op.Function!.Name : Symbol(op.Code);
                    var args = op.OperandCount == 1 ? F(a) : $"({F(a)}, {F(b)})";
                    return double.IsInfinity(result)
                        ? new DomainIssue(IssueKind.Overflow, name, op.OperandCount == 1 ? [a] : [a, b], "a finite result", node)
                        {
                            ResultSign = Math.Sign(result),
                            Detail = $"{text} overflowed to {(result < 0 ? "-" : "+")}infinity ({name} got {args})",
                        }
                        : new DomainIssue(IssueKind.NaN, name, op.OperandCount == 1 ? [a] : [a, b], "a real result", node)
                        {
                            Detail = $"{text} is not a number ({name} got {args})",
                        };
                }
        }
    }

    private Expr ToExprOrZero()
    {
        try
        {
            return ToExpr();
        }
        catch (ArgumentException)
        {
            return Expr.Zero; // a constant without an exact value (±∞ from code) has no canonical form
        }
    }

    private static string Symbol(OpCode code) => code switch
    {
        OpCode.Add => "+",
        OpCode.Subtract => "-",
        OpCode.Multiply => "*",
        OpCode.Divide => "/",
        OpCode.Negate => "-",
        OpCode.Power => "^",
        _ => code.ToString(),
    };

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
