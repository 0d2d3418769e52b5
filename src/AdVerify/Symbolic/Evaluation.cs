using AdVerify.Expressions;

namespace AdVerify.Symbolic;

/// <summary>
/// Double-precision evaluation of expressions at a point. The DAG is walked once, children
/// first and without recursion, so every shared node is computed once and deep expressions
/// cannot overflow the stack. Powers are computed exactly as the <see cref="Compiler"/> computes
/// them (x^(1/2) with Math.Sqrt, small integer powers by repeated multiplication), so the two
/// agree bit for bit.
/// </summary>
public static class Evaluation
{
    /// <summary>Evaluates an expression with IEEE semantics: leaving the real domain gives NaN or ±∞, never an exception.</summary>
    /// <param name="expr">The expression.</param>
    /// <param name="point">A value for every variable of the expression (extra entries are ignored).</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentException">A variable of the expression has no value at the point.</exception>
    public static double Evaluate(this Expr expr, IReadOnlyDictionary<string, double> point) => Run(expr, point, false, out _);

    /// <summary>
    /// Evaluates an expression and reports the first node (in children-first order) whose
    /// evaluation left the real numbers: a function outside its domain, a division by zero,
    /// an overflow of finite operands to ±∞, or NaN from operands that were not NaN.
    /// Nodes whose operands are already NaN or infinite report nothing further.
    /// </summary>
    /// <param name="expr">The expression.</param>
    /// <param name="point">A value for every variable of the expression (extra entries are ignored).</param>
    /// <param name="value">The value with IEEE semantics (NaN or ±∞ when there is an issue).</param>
    /// <param name="issue">The first issue, or null.</param>
    /// <returns>True when the evaluation stayed within the real numbers.</returns>
    /// <exception cref="ArgumentException">A variable of the expression has no value at the point.</exception>
    public static bool TryEvaluate(this Expr expr, IReadOnlyDictionary<string, double> point, out double value, out DomainIssue? issue)
    {
        value = Run(expr, point, true, out issue);
        return issue is null;
    }

    /// <summary>
    /// Evaluates an expression and returns the value of every distinct node (for example to see
    /// which argument a kinked function received).
    /// </summary>
    /// <param name="expr">The expression.</param>
    /// <param name="point">A value for every variable of the expression.</param>
    /// <returns>Each node's value, keyed by node (reference equality).</returns>
    /// <exception cref="ArgumentException">A variable of the expression has no value at the point.</exception>
    public static IReadOnlyDictionary<Expr, double> EvaluateNodes(Expr expr, IReadOnlyDictionary<string, double> point)
    {
        Run(expr, point, false, out _, out var values);
        return values;
    }

    private static double Run(Expr expr, IReadOnlyDictionary<string, double> point, bool check, out DomainIssue? issue) =>
        Run(expr, point, check, out issue, out _);

    private static double Run(Expr expr, IReadOnlyDictionary<string, double> point, bool check, out DomainIssue? issue, out Dictionary<Expr, double> values)
    {
        ArgumentNullException.ThrowIfNull(expr);
        ArgumentNullException.ThrowIfNull(point);
        issue = null;
        values = new Dictionary<Expr, double>(ReferenceEqualityComparer.Instance);
        foreach (var node in Traversal.PostOrder(expr))
        {
            var v = Node(node, point, values, check && issue is null, out var found);
            issue ??= found;
            values[node] = v;
        }

        return values[expr];
    }

    private static double Node(Expr node, IReadOnlyDictionary<string, double> point, Dictionary<Expr, double> values, bool check, out DomainIssue? issue)
    {
        issue = null;
        switch (node)
        {
            case NumberExpr n:
                {
                    var d = n.Value.ToDouble();
                    if (check && !double.IsFinite(d))
                    {
                        // An exact literal such as 1e400 has no double value: say so rather than compute with ±∞.
                        issue = new DomainIssue(IssueKind.Overflow, "the number " + LiteralText(n), [], "numbers within ±1.8E+308", node) { ResultSign = Math.Sign(d) };
                    }

                    return d;
                }

            case ConstantExpr c:
                return c.Value;
            case SymbolExpr s:
                return point.TryGetValue(s.Name, out var x)
                    ? x
                    : throw new ArgumentException($"variable '{s.Name}' has no value at the point", nameof(point));
            case SumExpr or ProductExpr:
                {
                    var ops = node.Operands;
                    var sum = node is SumExpr;
                    var acc = values[ops[0]];
                    for (var i = 1; i < ops.Count; i++)
                    {
                        acc = sum ? acc + values[ops[i]] : acc * values[ops[i]];
                    }

                    if (check)
                    {
                        issue = CheckResult(node, sum ? "+" : "*", "all real operands", Args(ops, values), acc);
                    }

                    return acc;
                }

            case PowerExpr p:
                {
                    var (form, n) = RealPower.Classify(p.Exponent);
                    var b = values[p.Base];
                    var e = values[p.Exponent];
                    var result = RealPower.Evaluate(form, n, b, e);
                    if (check)
                    {
                        issue = CheckPower(p, form, b, e, result);
                    }

                    return result;
                }

            case CallExpr call:
                {
                    var f = call.Function;
                    var args = Args(call.Operands, values);
                    var result = f.IsVariadic ? f.Evaluate(args) : f.Arity == 1 ? f.Evaluate(args[0]) : f.Evaluate(args[0], args[1]);
                    if (check)
                    {
                        issue = !args.Any(double.IsNaN) && !f.InDomain(args)
                            ? new DomainIssue(IssueKind.Domain, f.Name, args, f.DomainDescription, node)
                            : CheckResult(node, f.Name, f.DomainDescription, args, result);
                    }

                    return result;
                }

            default:
                throw new InvalidOperationException($"Unknown expression kind {node.Kind}.");
        }
    }

    internal static string LiteralText(NumberExpr n)
    {
        var text = Infix.Format(n);
        return text.Length <= 24 ? text : $"{text[..12]}… ({text.Length} characters)";
    }

    private static double[] Args(IReadOnlyList<Expr> operands, Dictionary<Expr, double> values)
    {
        var args = new double[operands.Count];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = values[operands[i]];
        }

        return args;
    }

    private static DomainIssue? CheckPower(PowerExpr node, PowerForm form, double b, double e, double result)
    {
        if (double.IsNaN(b) || double.IsNaN(e))
        {
            return null;
        }

        if (b == 0 && e < 0)
        {
            return new DomainIssue(IssueKind.DivisionByZero, "/", [b, e], "divisor != 0", node);
        }

        if (b < 0 && !double.IsInteger(e) && double.IsFinite(e))
        {
            return form is PowerForm.Sqrt or PowerForm.ReciprocalSqrt
                ? new DomainIssue(IssueKind.Domain, Functions.Sqrt.Name, [b], Functions.Sqrt.DomainDescription, node)
                : new DomainIssue(IssueKind.Domain, "^", [b, e], Functions.Pow.DomainDescription, node);
        }

        return CheckResult(node, "^", Functions.Pow.DomainDescription, [b, e], result);
    }

    // Overflow or NaN produced by operands that were themselves finite (respectively not NaN).
    private static DomainIssue? CheckResult(Expr node, string name, string domain, double[] args, double result)
    {
        if (double.IsInfinity(result) && args.All(double.IsFinite))
        {
            return new DomainIssue(IssueKind.Overflow, name, args, domain, node) { ResultSign = Math.Sign(result) };
        }

        if (double.IsNaN(result) && !args.Any(double.IsNaN))
        {
            return new DomainIssue(IssueKind.NaN, name, args, domain, node);
        }

        return null;
    }
}
