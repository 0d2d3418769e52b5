using AdVerify.Expressions;

namespace AdVerify.Symbolic;

/// <summary>
/// The symbolic engine's own reference card of derivative rules: for every built-in function,
/// the partial derivatives with respect to each argument, written as expressions in the
/// arguments. The other engines (forward and reverse mode) keep separate rules on purpose, so
/// that the engines can check each other.
/// <para>Values returned at the non-smooth points:</para>
/// <list type="bullet">
/// <item><c>abs'(u) = sign(u)</c>, which is 0 at the kink u = 0 (the midpoint of the subgradient [−1, 1]).</item>
/// <item><c>sign'(u) = 0</c> everywhere, including the jump at 0.</item>
/// <item><c>max(a, b)</c>: ∂/∂a = (1 + sign(a − b))/2 and ∂/∂b = (1 − sign(a − b))/2, so each argument gets weight 1/2 at the tie a = b.</item>
/// <item><c>min(a, b)</c>: ∂/∂a = (1 − sign(a − b))/2 and ∂/∂b = (1 + sign(a − b))/2, again weight 1/2 each at the tie.</item>
/// <item><c>hypot(x, y)</c>: x/hypot(x, y) and y/hypot(x, y), which are 0/0 (NaN, reported as a division by zero) at the origin.</item>
/// <item><c>sqrt</c> and <c>cbrt</c> at 0, <c>asin</c>/<c>acos</c> at ±1 and <c>acosh</c> at 1: the formulas divide by zero and evaluate to ±∞ (a division-by-zero issue).</item>
/// </list>
/// </summary>
public static class DerivativeRules
{
    // Reference card: function → (arguments → partial derivatives, one per argument).
    // u = a[0], v = a[1]. sqrt and pow never survive as calls (they are stored as powers,
    // which Calculus differentiates with the power rule), but their lines are kept for
    // completeness and for callers asking for the partials directly.
    private static readonly Dictionary<FunctionInfo, Func<Expr[], Expr[]>> Card = new(ReferenceEqualityComparer.Instance)
    {
        [Functions.Sqrt] = a => [Expr.Half * Expr.Pow(a[0], -Expr.Half)],
        [Functions.Cbrt] = a => [Expr.Number(new Rational(1, 3)) * Expr.Pow(Call(Functions.Cbrt, a[0]), -2)],
        [Functions.Exp] = a => [Call(Functions.Exp, a[0])],
        [Functions.Log] = a => [Expr.Pow(a[0], -1)],
        [Functions.Log10] = a => [Expr.Pow(a[0] * Call(Functions.Log, 10), -1)],
        [Functions.Log2] = a => [Expr.Pow(a[0] * Call(Functions.Log, 2), -1)],
        [Functions.Sin] = a => [Call(Functions.Cos, a[0])],
        [Functions.Cos] = a => [-Call(Functions.Sin, a[0])],
        [Functions.Tan] = a => [1 + Expr.Pow(Call(Functions.Tan, a[0]), 2)],
        [Functions.Sec] = a => [Call(Functions.Sec, a[0]) * Call(Functions.Tan, a[0])],
        [Functions.Csc] = a => [-(Call(Functions.Csc, a[0]) * Call(Functions.Cot, a[0]))],
        [Functions.Cot] = a => [-1 - Expr.Pow(Call(Functions.Cot, a[0]), 2)],
        [Functions.Asin] = a => [Expr.Pow(1 - Expr.Pow(a[0], 2), -Expr.Half)],
        [Functions.Acos] = a => [-Expr.Pow(1 - Expr.Pow(a[0], 2), -Expr.Half)],
        [Functions.Atan] = a => [Expr.Pow(1 + Expr.Pow(a[0], 2), -1)],
        [Functions.Sinh] = a => [Call(Functions.Cosh, a[0])],
        [Functions.Cosh] = a => [Call(Functions.Sinh, a[0])],
        [Functions.Tanh] = a => [1 - Expr.Pow(Call(Functions.Tanh, a[0]), 2)],
        [Functions.Asinh] = a => [Expr.Pow(Expr.Pow(a[0], 2) + 1, -Expr.Half)],
        [Functions.Acosh] = a => [Expr.Pow(Expr.Pow(a[0], 2) - 1, -Expr.Half)],
        [Functions.Atanh] = a => [Expr.Pow(1 - Expr.Pow(a[0], 2), -1)],
        [Functions.Abs] = a => [Call(Functions.Sign, a[0])],
        [Functions.Sign] = _ => [Expr.Zero],
        [Functions.Erf] = a => [2 * Expr.Pow(Expr.Pi, -Expr.Half) * Call(Functions.Exp, -Expr.Pow(a[0], 2))],
        [Functions.Pow] = a => [a[1] * Expr.Pow(a[0], a[1] - 1), Expr.Pow(a[0], a[1]) * Call(Functions.Log, a[0])],
        [Functions.Atan2] = a => [a[1] * SquaredNormInverse(a), -a[0] * SquaredNormInverse(a)],
        [Functions.Hypot] = a => [a[0] / Call(Functions.Hypot, a[0], a[1]), a[1] / Call(Functions.Hypot, a[0], a[1])],
        [Functions.Min] = a => [(1 - SignOfDifference(a)) / 2, (1 + SignOfDifference(a)) / 2],
        [Functions.Max] = a => [(1 + SignOfDifference(a)) / 2, (1 - SignOfDifference(a)) / 2],
        [Functions.LogBase] = a => [-Call(Functions.Log, a[1]) / (a[0] * Expr.Pow(Call(Functions.Log, a[0]), 2)), Expr.Pow(a[1] * Call(Functions.Log, a[0]), -1)],
        [Functions.Gamma] = a => [Call(Functions.Gamma, a[0]) * Call(Functions.Digamma, a[0])],
        [Functions.LogGamma] = a => [Call(Functions.Digamma, a[0])],
        [Functions.Digamma] = a => [Call(Functions.Polygamma, Expr.One, a[0])],
        [Functions.Polygamma] = a => [Refused, Call(Functions.Polygamma, a[0] + 1, a[1])],
        [Functions.Beta] = a => [Call(Functions.Beta, a) * (Call(Functions.Digamma, a[0]) - Call(Functions.Digamma, a[0] + a[1])),
            Call(Functions.Beta, a) * (Call(Functions.Digamma, a[1]) - Call(Functions.Digamma, a[0] + a[1]))],
        [Functions.Erfc] = a => [-2 * Expr.Pow(Expr.Pi, -Expr.Half) * Call(Functions.Exp, -Expr.Pow(a[0], 2))],
        [Functions.ErfInv] = a => [Expr.Half * Expr.Pow(Expr.Pi, Expr.Half) * Call(Functions.Exp, Expr.Pow(Call(Functions.ErfInv, a[0]), 2))],
        [Functions.BesselJ] = a => [Refused, (Call(Functions.BesselJ, a[0] - 1, a[1]) - Call(Functions.BesselJ, a[0] + 1, a[1])) / 2],
        [Functions.BesselY] = a => [Refused, (Call(Functions.BesselY, a[0] - 1, a[1]) - Call(Functions.BesselY, a[0] + 1, a[1])) / 2],
        [Functions.BesselI] = a => [Refused, (Call(Functions.BesselI, a[0] - 1, a[1]) + Call(Functions.BesselI, a[0] + 1, a[1])) / 2],
        [Functions.BesselK] = a => [Refused, -(Call(Functions.BesselK, a[0] - 1, a[1]) + Call(Functions.BesselK, a[0] + 1, a[1])) / 2],
        [Functions.AiryAi] = a => [Call(Functions.AiryAiPrime, a[0])],
        [Functions.AiryBi] = a => [Call(Functions.AiryBiPrime, a[0])],
        [Functions.AiryAiPrime] = a => [a[0] * Call(Functions.AiryAi, a[0])],
        [Functions.AiryBiPrime] = a => [a[0] * Call(Functions.AiryBi, a[0])],
        [Functions.Sigmoid] = a => [Call(Functions.Sigmoid, a[0]) * (1 - Call(Functions.Sigmoid, a[0]))],
        [Functions.Softplus] = a => [Call(Functions.Sigmoid, a[0])],
        [Functions.LogSumExp] = a => a.Select(ai => Call(Functions.Exp, ai - Largest(a)) / Expr.Add(a.Select(aj => Call(Functions.Exp, aj - Largest(a))))).ToArray(),
    };

    // Stands in the card for the partial by an integer argument (an order), which Partial refuses.
    private static Expr Refused => Expr.Zero;

    /// <summary>Tells whether the symbolic engine has a derivative rule for a function.</summary>
    /// <param name="function">The function.</param>
    /// <returns>True for every built-in function and every user primitive defined with a derivative; false for functions without a rule (such as the derived <c>d_name</c> functions).</returns>
    public static bool Covers(FunctionInfo function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return Card.ContainsKey(function) || function.Rule is not null;
    }

    /// <summary>The partial derivatives of a function call with respect to each of its arguments.</summary>
    /// <param name="function">The function.</param>
    /// <param name="args">The argument expressions; their count must equal the function's arity.</param>
    /// <returns>One expression per argument: ∂f/∂argᵢ written in terms of the arguments.</returns>
    /// <remarks>
    /// For a user primitive the partials come from the rule registered with it: the registered
    /// expressions with the arguments substituted for <c>x</c> and <c>y</c>, or, when the
    /// derivative was given as a delegate, calls of the derived functions (<c>d_name</c>,
    /// <c>d1_name</c>, <c>d2_name</c>).
    /// </remarks>
    /// <exception cref="NotSupportedException">The function has no symbolic derivative rule (for example a derived <c>d_name</c> function), or has an integer argument (use <see cref="Partial"/> for the others).</exception>
    public static Expr[] Partials(FunctionInfo function, IReadOnlyList<Expr> args)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(args);
        if (!function.Accepts(args.Count))
        {
            throw new ArgumentException($"{function.Name} takes {function.ArityText}, got {args.Count}.", nameof(args));
        }

        if (function.IntegerArguments.Count > 0)
        {
            throw NotDifferentiable(function, function.IntegerArguments[0]);
        }

        return PartialsUnchecked(function, args);
    }

    /// <summary>The partial derivative of a function call with respect to one of its arguments.</summary>
    /// <param name="function">The function.</param>
    /// <param name="args">The argument expressions.</param>
    /// <param name="argument">The zero-based argument.</param>
    /// <returns>∂f/∂args[argument], written in terms of the arguments.</returns>
    /// <exception cref="NotSupportedException">The argument is an integer order (<see cref="FunctionInfo.IntegerArguments"/>) or the function has no rule.</exception>
    public static Expr Partial(FunctionInfo function, IReadOnlyList<Expr> args, int argument)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(args);
        if (!function.Accepts(args.Count) || argument < 0 || argument >= args.Count)
        {
            throw new ArgumentException($"{function.Name} takes {function.ArityText}; argument {argument} of {args.Count} does not exist.", nameof(argument));
        }

        if (function.IntegerArguments.Contains(argument))
        {
            throw NotDifferentiable(function, argument);
        }

        return PartialsUnchecked(function, args)[argument];
    }

    /// <summary>The error for a derivative with respect to an integer order, naming the function and the argument.</summary>
    /// <param name="function">The function.</param>
    /// <param name="argument">The zero-based integer argument.</param>
    /// <returns>The exception to throw.</returns>
    public static NotSupportedException NotDifferentiable(FunctionInfo function, int argument)
    {
        ArgumentNullException.ThrowIfNull(function);
        var names = function.ArgumentNames;
        var name = argument < names.Count ? names[argument] : $"argument {argument + 1}";
        return new NotSupportedException(
            $"{function.Name}({string.Join(", ", names.Take(function.Arity))}) is not differentiable with respect to its integer order {name}: " +
            $"hold {name} constant and differentiate with respect to the other argument only.");
    }

    private static Expr[] PartialsUnchecked(FunctionInfo function, IReadOnlyList<Expr> args)
    {
        if (function.Rule is { } custom)
        {
            return custom.SymbolicPartials(args);
        }

        if (!Card.TryGetValue(function, out var rule))
        {
            throw function.DerivativeOf is not null
                ? Scalars.Primitives.NoRule(function, "symbolic")
                : new NotSupportedException(
                    $"The symbolic engine has no derivative rule for the function '{function.Name}' (arity {function.Arity}).");
        }

        return rule(args.ToArray());
    }

    private static Expr Call(FunctionInfo f, params Expr[] args) => Expr.Call(f, args);

    // max(a₀, max(a₁, …)): the shift that keeps the softmax weights of logsumexp from overflowing.
    private static Expr Largest(Expr[] a) => a.Skip(1).Aggregate(a[0], (m, ai) => Call(Functions.Max, m, ai));

    private static Expr SquaredNormInverse(Expr[] a) => Expr.Pow(Expr.Pow(a[0], 2) + Expr.Pow(a[1], 2), -1);

    private static Expr SignOfDifference(Expr[] a) => Expr.Call(Functions.Sign, a[0] - a[1]);
}
