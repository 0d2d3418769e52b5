using System.Numerics;
using System.Runtime.CompilerServices;

namespace AdVerify.Expressions;

/// <summary>
/// Automatic simplification: the rules every node passes through when it is built. They keep
/// expressions in one canonical form without expanding products of sums (expansion can
/// swell an expression exponentially):
/// <list type="bullet">
/// <item>sums: nested sums flattened, numbers folded, like terms collected (x + 2x → 3x), zero terms dropped, terms ordered;</item>
/// <item>products: nested products flattened, numbers folded, like factors collected (x·x → x^2), ·1 dropped, ·0 → 0, factors ordered, a number times a sum distributed;</item>
/// <item>powers: x^0 → 1, x^1 → x, 1^x → 1, exact numeric powers and roots folded, (x^a)^n → x^(a·n) and (x·y)^n → x^n·y^n for integer n, e^x → exp(x);</item>
/// <item>calls: the exact folds of the function's registry entry (<see cref="FunctionInfo.Fold"/>: sqrt(x) → x^(1/2), pow(x, y) → x^y, sin 0 → 0, log 1 → 0, log(exp x) → x, …), arguments of symmetric functions (min, max, hypot, beta, logsumexp) ordered.</item>
/// </list>
/// </summary>
internal static class Canonical
{
    /// <summary>The largest integer exponent folded exactly; larger powers stay symbolic.</summary>
    public const int MaxFoldedExponent = 4096;

    /// <summary>The largest number of bits of a folded power's numerator or denominator.</summary>
    public const long MaxFoldedBits = 1 << 16;

    public static Expr Sum(Expr[] terms)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        if (terms.Length == 1)
        {
            return terms[0];
        }

        var constant = Rational.Zero;
        // Collect like terms: rest -> coefficient, keeping first-seen order for determinism.
        var coefficients = new Dictionary<Expr, Rational>(ReferenceEqualityComparer.Instance);
        var order = new List<Expr>();

        void AddTerm(Expr term)
        {
            switch (term)
            {
                case NumberExpr n:
                    constant += n.Value;
                    return;
                case SumExpr s:
                    foreach (var t in s.Span)
                    {
                        AddTerm(t);
                    }

                    return;
            }

            var (coefficient, rest) = SplitCoefficient(term);
            if (coefficients.TryGetValue(rest, out var existing))
            {
                coefficients[rest] = existing + coefficient;
            }
            else
            {
                coefficients[rest] = coefficient;
                order.Add(rest);
            }
        }

        foreach (var t in terms)
        {
            ArgumentNullException.ThrowIfNull(t);
            AddTerm(t);
        }

        var result = new List<Expr>(order.Count + 1);
        foreach (var rest in order)
        {
            var c = coefficients[rest];
            if (c.IsZero)
            {
                continue;
            }

            result.Add(c.IsOne ? rest : Product([Expr.Number(c), rest]));
        }

        // Re-collect if forming a term produced a sum (a number times a sum distributes).
        if (result.Any(r => r is SumExpr or NumberExpr))
        {
            if (!constant.IsZero)
            {
                result.Add(Expr.Number(constant));
            }

            return Sum(result.ToArray());
        }

        result.Sort(ExprOrder.Instance);
        if (!constant.IsZero)
        {
            result.Add(Expr.Number(constant));
        }

        return result.Count switch
        {
            0 => Expr.Zero,
            1 => result[0],
            _ => InternTable.Intern(new SumExpr(result.ToArray())),
        };
    }

    /// <summary>Splits a term into its numeric coefficient and the rest: 3·x·y → (3, x·y).</summary>
    public static (Rational Coefficient, Expr Remainder) SplitCoefficient(Expr term)
    {
        if (term is ProductExpr p && p.Span[0] is NumberExpr n)
        {
            var span = p.Span;
            Expr rest = span.Length == 2 ? span[1] : InternTable.Intern(new ProductExpr(span[1..].ToArray()));
            return (n.Value, rest);
        }

        return term is NumberExpr num ? (num.Value, Expr.One) : (Rational.One, term);
    }

    public static Expr Product(Expr[] factors)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        if (factors.Length == 1)
        {
            return factors[0];
        }

        var coefficient = Rational.One;
        var exponents = new Dictionary<Expr, List<Expr>>(ReferenceEqualityComparer.Instance);
        var order = new List<Expr>();
        var zero = false;

        void AddFactor(Expr factor)
        {
            switch (factor)
            {
                case NumberExpr n:
                    if (n.Value.IsZero)
                    {
                        zero = true;
                    }

                    coefficient *= n.Value;
                    return;
                case ProductExpr p:
                    foreach (var f in p.Span)
                    {
                        AddFactor(f);
                    }

                    return;
            }

            var (b, e) = factor is PowerExpr pw ? (pw.Base, pw.Exponent) : (factor, Expr.One);
            if (!exponents.TryGetValue(b, out var list))
            {
                list = new List<Expr>(1);
                exponents[b] = list;
                order.Add(b);
            }

            list.Add(e);
        }

        foreach (var f in factors)
        {
            ArgumentNullException.ThrowIfNull(f);
            AddFactor(f);
        }

        if (zero)
        {
            return Expr.Zero;
        }

        var result = new List<Expr>(order.Count);
        var again = false;
        foreach (var b in order)
        {
            var list = exponents[b];
            var e = list.Count == 1 ? list[0] : Sum(list.ToArray());
            var power = Power(b, e);
            switch (power)
            {
                case NumberExpr n:
                    coefficient *= n.Value;
                    if (coefficient.IsZero)
                    {
                        return Expr.Zero;
                    }

                    break;
                case ProductExpr:
                    again = true;
                    result.Add(power);
                    break;
                default:
                    if (!ReferenceEquals(power, Expr.One))
                    {
                        result.Add(power);
                    }

                    break;
            }
        }

        if (again)
        {
            result.Add(Expr.Number(coefficient));
            return Product(result.ToArray());
        }

        if (result.Count == 0)
        {
            return Expr.Number(coefficient);
        }

        // A number times a single sum distributes: 2(x + 1) → 2x + 2, −(a − b) → b − a.
        if (result.Count == 1 && result[0] is SumExpr sum && !coefficient.IsOne)
        {
            var c = Expr.Number(coefficient);
            var terms = new Expr[sum.Span.Length];
            for (var i = 0; i < terms.Length; i++)
            {
                terms[i] = Product([c, sum.Span[i]]);
            }

            return Sum(terms);
        }

        if (result.Count == 1 && coefficient.IsOne)
        {
            return result[0];
        }

        result.Sort(ExprOrder.Instance);
        if (!coefficient.IsOne)
        {
            result.Insert(0, Expr.Number(coefficient));
        }

        return InternTable.Intern(new ProductExpr(result.ToArray()));
    }

    private static readonly Dictionary<string, double> EmptyPoint = [];

    public static Expr Power(Expr b, Expr e)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(e);
        if (e is NumberExpr en)
        {
            if (en.Value.IsZero)
            {
                return Expr.One;
            }

            if (en.Value.IsOne)
            {
                return b;
            }
        }

        if (b is NumberExpr bn)
        {
            if (bn.Value.IsOne)
            {
                return Expr.One;
            }

            if (bn.Value.IsZero && e is NumberExpr ez && ez.Value.Sign > 0)
            {
                return Expr.Zero;
            }

            // 0^c for a closed constant c > 0 (0^Γ(π)) is 0: kept as a power, its derivative would
            // carry log 0 into every form that differentiates through it.
            if (bn.Value.IsZero && e.Variables.Count == 0
                && Symbolic.Evaluation.TryEvaluate(e, EmptyPoint, out var exponent, out _) && exponent > 0)
            {
                return Expr.Zero;
            }

            if (e is NumberExpr ex && TryFoldNumericPower(bn.Value, ex.Value, out var folded))
            {
                return folded;
            }
        }

        if (e is NumberExpr integer && integer.Value.IsInteger)
        {
            switch (b)
            {
                case PowerExpr inner when inner.Exponent is NumberExpr ie:
                    // (x^a)^n = x^(a·n) for integer n.
                    return Power(inner.Base, Expr.Number(ie.Value * integer.Value));
                case PowerExpr inner:
                    return Power(inner.Base, Product([inner.Exponent, integer]));
                case ProductExpr p:
                    {
                        var parts = new Expr[p.Span.Length];
                        for (var i = 0; i < parts.Length; i++)
                        {
                            parts[i] = Power(p.Span[i], integer);
                        }

                        return Product(parts);
                    }
            }
        }

        if (ReferenceEquals(b, Expr.E))
        {
            return Call(Functions.Exp, [e]);
        }

        return InternTable.Intern(new PowerExpr(b, e));
    }

    private static bool TryFoldNumericPower(Rational b, Rational e, out Expr folded)
    {
        folded = Expr.Zero;
        if (b.IsZero)
        {
            return false; // 0^negative stays symbolic (it is infinite).
        }

        // Exponent p/q: take the exact q-th root first when it exists, then the p-th power.
        var q = e.Denominator;
        if (q > 64 || BigInteger.Abs(e.Numerator) > MaxFoldedExponent)
        {
            return false;
        }

        var root = b;
        if (!q.IsOne && !b.TryRoot((int)q, out root))
        {
            return false;
        }

        var p = (int)e.Numerator;
        var bits = Math.Max(root.Numerator.GetBitLength(), root.Denominator.GetBitLength());
        if (bits * Math.Abs(p) > MaxFoldedBits)
        {
            return false;
        }

        folded = Expr.Number(root.Pow(p));
        return true;
    }

    public static Expr Call(FunctionInfo f, Expr[] args)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        foreach (var a in args)
        {
            ArgumentNullException.ThrowIfNull(a);
        }

        if (f.IsSymmetric && args.Length > 1)
        {
            args = (Expr[])args.Clone();
            Array.Sort(args, ExprOrder.Instance);
        }

        // Exact values and rewrites are knowledge of the function's registry entry (sin 0 → 0, sqrt u → u^(1/2), …).
        if (f.IsBuiltIn && f.Fold?.Invoke(args) is { } folded)
        {
            return folded;
        }

        return InternTable.Intern(new CallExpr(f, args));
    }
}
