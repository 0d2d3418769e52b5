using AdVerify.Expressions;
using AdVerify.Numeric;
using AdVerify.Scalars;

namespace AdVerify.Taylor;

/// <summary>
/// The Taylor-mode reference card: for every function of the registry, how the Taylor
/// coefficients of f(a(t)) follow from those of a(t), one line each. Products and quotients
/// use the Cauchy recurrences; exp, log and powers their classic O(K²) recurrences; every
/// other function is propagated through its derivative: with d(t) = f′(a(t))·a′(t) known to
/// K − 1 coefficients, fₖ = d₍ₖ₋₁₎/k (<see cref="TaylorNumber.FromDerivative"/>), and f′ is
/// itself evaluated in Taylor arithmetic one order lower. This card is written independently of
/// the symbolic, forward and reverse ones, so Taylor mode is a fourth witness for higher derivatives.
/// </summary>
public static class TaylorRules
{
    private static readonly double TwoOverSqrtPi = 2 / Math.Sqrt(Math.PI);

    /// <summary>The Taylor engine's table from registry functions to <see cref="TaylorNumber"/>'s methods.</summary>
    internal static readonly FunctionBinder Table = new("Taylor", new(ReferenceEqualityComparer.Instance)
    {
        [Functions.Sqrt] = "Sqrt", [Functions.Cbrt] = "Cbrt", [Functions.Exp] = "Exp", [Functions.Log] = "Log", [Functions.Log10] =
        "Log10", [Functions.Log2] = "Log2", [Functions.Sin] = "Sin", [Functions.Cos] = "Cos", [Functions.Tan] = "Tan", [Functions.Sec] =
        "Sec", [Functions.Csc] = "Csc", [Functions.Cot] = "Cot", [Functions.Asin] = "Asin", [Functions.Acos] = "Acos", [Functions.Atan] =
        "Atan", [Functions.Sinh] = "Sinh", [Functions.Cosh] = "Cosh", [Functions.Tanh] = "Tanh", [Functions.Asinh] = "Asinh",
        [Functions.Acosh] = "Acosh", [Functions.Atanh] = "Atanh", [Functions.Abs] = "Abs", [Functions.Sign] = "Sign", [Functions.Erf] =
        "Erf", [Functions.Pow] = "Pow", [Functions.Atan2] = "Atan2", [Functions.Hypot] = "Hypot", [Functions.Min] = "Min", [Functions.Max]
        = "Max", [Functions.LogBase] = "LogBase", [Functions.Gamma] = "Gamma", [Functions.LogGamma] = "LogGamma", [Functions.Digamma] =
        "Digamma", [Functions.Polygamma] = "Polygamma", [Functions.Beta] = "Beta", [Functions.Erfc] = "Erfc", [Functions.ErfInv] =
        "ErfInv", [Functions.BesselJ] = "BesselJ", [Functions.BesselY] = "BesselY", [Functions.BesselI] = "BesselI", [Functions.BesselK] =
        "BesselK", [Functions.AiryAi] = "AiryAi", [Functions.AiryBi] = "AiryBi", [Functions.AiryAiPrime] = "AiryAiPrime",
        [Functions.AiryBiPrime] = "AiryBiPrime", [Functions.Sigmoid] = "Sigmoid", [Functions.Softplus] = "Softplus", [Functions.LogSumExp]
        = "LogSumExp",
    });

    /// <summary>Tells whether the Taylor engine has a rule for a function.</summary>
    /// <param name="function">The registry function.</param>
    /// <returns>True when supported.</returns>
    public static bool Supports(FunctionInfo function) => Table.Supports(function);

    // f(a) from f(a₀) and f′ as a function of the truncated series.
    private static TaylorNumber Chain(TaylorNumber a, double value, Func<TaylorNumber, TaylorNumber> derivative) =>
        a.Length == 1 ? TaylorNumber.Constant(value)
            : TaylorNumber.FromDerivative(value, derivative(a.Truncate(a.Length - 1)) * a.Derivative(), a.Length);

    // An integer order (besselj's n) must not vary along the direction.
    private static double Order(FunctionInfo f, TaylorNumber n) =>
        n.IsConstant ? n.Value : throw Symbolic.DerivativeRules.NotDifferentiable(f, 0);

    /// <summary>√a by s₀ = √a₀, sₖ = (aₖ − Σ sᵢsₖ₋ᵢ)/(2s₀).</summary><param name="a">Argument.</param><returns>√a.</returns>
    public static TaylorNumber Sqrt(TaylorNumber a) => a.Recurrence(Math.Sqrt(a.Value), (s, k) => (a[k] - Sum(1, k - 1, i => s[i] * s[k - i])) / (2 * s[0]));
    /// <summary>∛a by the power recurrence with r = 1/3.</summary><param name="a">Argument.</param><returns>∛a.</returns>
    public static TaylorNumber Cbrt(TaylorNumber a) => PowConstant(a, Math.Cbrt(a.Value), 1.0 / 3);
    /// <summary>eᵃ by e₀ = e^a₀, eₖ = (1/k) Σ i aᵢ eₖ₋ᵢ.</summary><param name="a">Argument.</param><returns>eᵃ.</returns>
    public static TaylorNumber Exp(TaylorNumber a) => a.Recurrence(Math.Exp(a.Value), (e, k) => Sum(1, k, i => i * a[i] * e[k - i]) / k);
    /// <summary>ln a by l₀ = ln a₀, lₖ = (aₖ − (1/k) Σ i lᵢ aₖ₋ᵢ)/a₀.</summary><param name="a">Argument.</param><returns>ln a.</returns>
    public static TaylorNumber Log(TaylorNumber a) => a.Recurrence(Math.Log(a.Value), (l, k) => (a[k] - (Sum(1, k - 1, i => i * l[i] * a[k - i]) / k)) / a[0]);
    /// <summary>log₁₀ a = ln a / ln 10.</summary><param name="a">Argument.</param><returns>log₁₀ a.</returns>
    public static TaylorNumber Log10(TaylorNumber a) => Log(a) / Math.Log(10);
    /// <summary>log₂ a = ln a / ln 2.</summary><param name="a">Argument.</param><returns>log₂ a.</returns>
    public static TaylorNumber Log2(TaylorNumber a) => Log(a) / Math.Log(2);
    /// <summary>sin a with sin′ = cos.</summary><param name="a">Argument.</param><returns>sin a.</returns>
    public static TaylorNumber Sin(TaylorNumber a) => Chain(a, Math.Sin(a.Value), Cos);
    /// <summary>cos a with cos′ = −sin.</summary><param name="a">Argument.</param><returns>cos a.</returns>
    public static TaylorNumber Cos(TaylorNumber a) => Chain(a, Math.Cos(a.Value), t => -Sin(t));
    /// <summary>tan a with tan′ = 1 + tan².</summary><param name="a">Argument.</param><returns>tan a.</returns>
    public static TaylorNumber Tan(TaylorNumber a) => Chain(a, Math.Tan(a.Value), t => 1 + Square(Tan(t)));
    /// <summary>sec a = 1/cos a.</summary><param name="a">Argument.</param><returns>sec a.</returns>
    public static TaylorNumber Sec(TaylorNumber a) => 1 / Cos(a);
    /// <summary>csc a = 1/sin a.</summary><param name="a">Argument.</param><returns>csc a.</returns>
    public static TaylorNumber Csc(TaylorNumber a) => 1 / Sin(a);
    /// <summary>cot a = cos a / sin a.</summary><param name="a">Argument.</param><returns>cot a.</returns>
    public static TaylorNumber Cot(TaylorNumber a) => Cos(a) / Sin(a);
    /// <summary>asin a with asin′ = (1 − a²)^(−½).</summary><param name="a">Argument.</param><returns>asin a.</returns>
    public static TaylorNumber Asin(TaylorNumber a) => Chain(a, Math.Asin(a.Value), t => 1 / Sqrt(1 - Square(t)));
    /// <summary>acos a with acos′ = −(1 − a²)^(−½).</summary><param name="a">Argument.</param><returns>acos a.</returns>
    public static TaylorNumber Acos(TaylorNumber a) => Chain(a, Math.Acos(a.Value), t => -1 / Sqrt(1 - Square(t)));
    /// <summary>atan a with atan′ = 1/(1 + a²).</summary><param name="a">Argument.</param><returns>atan a.</returns>
    public static TaylorNumber Atan(TaylorNumber a) => Chain(a, Math.Atan(a.Value), t => 1 / (1 + Square(t)));
    /// <summary>sinh a with sinh′ = cosh.</summary><param name="a">Argument.</param><returns>sinh a.</returns>
    public static TaylorNumber Sinh(TaylorNumber a) => Chain(a, Math.Sinh(a.Value), Cosh);
    /// <summary>cosh a with cosh′ = sinh.</summary><param name="a">Argument.</param><returns>cosh a.</returns>
    public static TaylorNumber Cosh(TaylorNumber a) => Chain(a, Math.Cosh(a.Value), Sinh);
    /// <summary>tanh a with tanh′ = 1 − tanh².</summary><param name="a">Argument.</param><returns>tanh a.</returns>
    public static TaylorNumber Tanh(TaylorNumber a) => Chain(a, Math.Tanh(a.Value), t => 1 - Square(Tanh(t)));
    /// <summary>asinh a with asinh′ = (a² + 1)^(−½).</summary><param name="a">Argument.</param><returns>asinh a.</returns>
    public static TaylorNumber Asinh(TaylorNumber a) => Chain(a, Math.Asinh(a.Value), t => 1 / Sqrt(Square(t) + 1));
    /// <summary>acosh a with acosh′ = (a² − 1)^(−½).</summary><param name="a">Argument.</param><returns>acosh a.</returns>
    public static TaylorNumber Acosh(TaylorNumber a) => Chain(a, Math.Acosh(a.Value), t => 1 / Sqrt(Square(t) - 1));
    /// <summary>atanh a with atanh′ = 1/(1 − a²).</summary><param name="a">Argument.</param><returns>atanh a.</returns>
    public static TaylorNumber Atanh(TaylorNumber a) => Chain(a, Math.Atanh(a.Value), t => 1 / (1 - Square(t)));
    /// <summary>|a| = sign(a₀)·a (0 at the kink, as every engine's abs′(0) = 0).</summary><param name="a">Argument.</param><returns>|a|.</returns>
    public static TaylorNumber Abs(TaylorNumber a) => a.Value > 0 ? a : a.Value < 0 ? -a : TaylorNumber.Constant(Math.Abs(a.Value));
    /// <summary>sign a, a constant series.</summary><param name="a">Argument.</param><returns>sign a.</returns>
    public static TaylorNumber Sign(TaylorNumber a) => TaylorNumber.Constant(Functions.Sign.Evaluate(a.Value));
    /// <summary>erf a with erf′ = (2/√π) e^(−a²).</summary><param name="a">Argument.</param><returns>erf a.</returns>
    public static TaylorNumber Erf(TaylorNumber a) => Chain(a, Functions.Erf.Evaluate(a.Value), t => TwoOverSqrtPi * Exp(-Square(t)));
    /// <summary>erfc a with erfc′ = −(2/√π) e^(−a²).</summary><param name="a">Argument.</param><returns>erfc a.</returns>
    public static TaylorNumber Erfc(TaylorNumber a) => Chain(a, Special.Erfc(a.Value), t => -TwoOverSqrtPi * Exp(-Square(t)));
    /// <summary>erfinv a with erfinv′ = (√π/2) e^(erfinv²).</summary><param name="a">Argument.</param><returns>erfinv a.</returns>
    public static TaylorNumber ErfInv(TaylorNumber a) => Chain(a, Special.ErfInv(a.Value), t => Exp(Square(ErfInv(t))) / TwoOverSqrtPi);
    /// <summary>Γ(a) with Γ′ = Γψ.</summary><param name="a">Argument.</param><returns>Γ(a).</returns>
    public static TaylorNumber Gamma(TaylorNumber a) => Chain(a, Special.Gamma(a.Value), t => Gamma(t) * Digamma(t));
    /// <summary>log |Γ(a)| with derivative ψ.</summary><param name="a">Argument.</param><returns>lgamma a.</returns>
    public static TaylorNumber LogGamma(TaylorNumber a) => Chain(a, Special.LogGamma(a.Value), Digamma);
    /// <summary>ψ(a) with ψ′ = ψ⁽¹⁾.</summary><param name="a">Argument.</param><returns>ψ(a).</returns>
    public static TaylorNumber Digamma(TaylorNumber a) => Chain(a, Special.Digamma(a.Value), t => Polygamma(TaylorNumber.Constant(1), t));
    /// <summary>ψ⁽ⁿ⁾(a) with derivative ψ⁽ⁿ⁺¹⁾ (n constant).</summary><param name="n">Order.</param><param name="a">Argument.</param><returns>ψ⁽ⁿ⁾(a).</returns>
    public static TaylorNumber Polygamma(TaylorNumber n, TaylorNumber a) { var m = Order(Functions.Polygamma, n); return Chain(a, Special.Polygamma(m, a.Value), t => Polygamma(TaylorNumber.Constant(m + 1), t)); }
    /// <summary>Jₙ(a) with Jₙ′ = (Jₙ₋₁ − Jₙ₊₁)/2.</summary><param name="n">Order.</param><param name="a">Argument.</param><returns>Jₙ(a).</returns>
    public static TaylorNumber BesselJ(TaylorNumber n, TaylorNumber a) { var m = Order(Functions.BesselJ, n); return Chain(a, Special.BesselJ(m, a.Value), t => (BesselJ(m - 1, t) - BesselJ(m + 1, t)) / 2); }
    /// <summary>Yₙ(a) with Yₙ′ = (Yₙ₋₁ − Yₙ₊₁)/2.</summary><param name="n">Order.</param><param name="a">Argument.</param><returns>Yₙ(a).</returns>
    public static TaylorNumber BesselY(TaylorNumber n, TaylorNumber a) { var m = Order(Functions.BesselY, n); return Chain(a, Special.BesselY(m, a.Value), t => (BesselY(m - 1, t) - BesselY(m + 1, t)) / 2); }
    /// <summary>Iₙ(a) with Iₙ′ = (Iₙ₋₁ + Iₙ₊₁)/2.</summary><param name="n">Order.</param><param name="a">Argument.</param><returns>Iₙ(a).</returns>
    public static TaylorNumber BesselI(TaylorNumber n, TaylorNumber a) { var m = Order(Functions.BesselI, n); return Chain(a, Special.BesselI(m, a.Value), t => (BesselI(m - 1, t) + BesselI(m + 1, t)) / 2); }
    /// <summary>Kₙ(a) with Kₙ′ = −(Kₙ₋₁ + Kₙ₊₁)/2.</summary><param name="n">Order.</param><param name="a">Argument.</param><returns>Kₙ(a).</returns>
    public static TaylorNumber BesselK(TaylorNumber n, TaylorNumber a) { var m = Order(Functions.BesselK, n); return Chain(a, Special.BesselK(m, a.Value), t => -(BesselK(m - 1, t) + BesselK(m + 1, t)) / 2); }
    /// <summary>Ai(a) with derivative Ai′.</summary><param name="a">Argument.</param><returns>Ai(a).</returns>
    public static TaylorNumber AiryAi(TaylorNumber a) => Chain(a, Special.AiryAi(a.Value), AiryAiPrime);
    /// <summary>Bi(a) with derivative Bi′.</summary><param name="a">Argument.</param><returns>Bi(a).</returns>
    public static TaylorNumber AiryBi(TaylorNumber a) => Chain(a, Special.AiryBi(a.Value), AiryBiPrime);
    /// <summary>Ai′(a) with Ai″ = a·Ai.</summary><param name="a">Argument.</param><returns>Ai′(a).</returns>
    public static TaylorNumber AiryAiPrime(TaylorNumber a) => Chain(a, Special.AiryAiPrime(a.Value), t => t * AiryAi(t));
    /// <summary>Bi′(a) with Bi″ = a·Bi.</summary><param name="a">Argument.</param><returns>Bi′(a).</returns>
    public static TaylorNumber AiryBiPrime(TaylorNumber a) => Chain(a, Special.AiryBiPrime(a.Value), t => t * AiryBi(t));
    /// <summary>σ(a) with σ′ = σ(1 − σ).</summary><param name="a">Argument.</param><returns>σ(a).</returns>
    public static TaylorNumber Sigmoid(TaylorNumber a) => Chain(a, Special.Sigmoid(a.Value), t => { var s = Sigmoid(t); return s * (1 - s); });
    /// <summary>softplus a with derivative σ.</summary><param name="a">Argument.</param><returns>softplus a.</returns>
    public static TaylorNumber Softplus(TaylorNumber a) => Chain(a, Special.Softplus(a.Value), Sigmoid);
    /// <summary>aᶜ for a constant c by pₖ = (1/(k a₀)) Σ ((c + 1)i − k) aᵢ pₖ₋ᵢ (repeated products for a natural c).</summary><param name="a">Base.</param><param name="c">Exponent.</param><returns>aᶜ.</returns>
    public static TaylorNumber Pow(TaylorNumber a, double c) => double.IsInteger(c) && c is >= 0 and <= 64 ? IntegerPower(a, (int)c) : PowConstant(a, Math.Pow(a.Value, c), c);
    /// <summary>aᵇ: a constant exponent by <see cref="Pow(TaylorNumber, double)"/>, else e^(b ln a).</summary><param name="a">Base.</param><param name="b">Exponent.</param><returns>aᵇ.</returns>
    public static TaylorNumber Pow(TaylorNumber a, TaylorNumber b) => b.IsConstant ? Pow(a, b.Value) : Exp(b * Log(a));
    /// <summary>log_b a = ln a / ln b.</summary><param name="b">Base.</param><param name="a">Argument.</param><returns>log_b a.</returns>
    public static TaylorNumber LogBase(TaylorNumber b, TaylorNumber a) => Log(a) / Log(b);
    /// <summary>B(a, b) = Γ(a)Γ(b)/Γ(a + b), the value from <see cref="Special.Beta"/>, with ∂ₐ = B(ψ(a) − ψ(a + b)).</summary><param name="a">First.</param><param name="b">Second.</param><returns>B(a, b).</returns>
    public static TaylorNumber Beta(TaylorNumber a, TaylorNumber b) =>
        a.Length == 1 && b.Length == 1 ? TaylorNumber.Constant(Special.Beta(a.Value, b.Value))
            : TaylorNumber.FromDerivative(Special.Beta(a.Value, b.Value), BetaDerivative(a, b), Math.Max(a.Length, b.Length));
    /// <summary>atan2(y, x) with derivative (x y′ − y x′)/(x² + y²).</summary><param name="y">Ordinate.</param><param name="x">Abscissa.</param><returns>atan2(y, x).</returns>
    public static TaylorNumber Atan2(TaylorNumber y, TaylorNumber x) => Binary(y, x, Math.Atan2(y.Value, x.Value), (v, u, dv, du) => ((u * dv) - (v * du)) / (Square(u) + Square(v)));
    /// <summary>hypot(x, y) = h with derivative (x x′ + y y′)/h.</summary><param name="x">First.</param><param name="y">Second.</param><returns>hypot(x, y).</returns>
    public static TaylorNumber Hypot(TaylorNumber x, TaylorNumber y) => Binary(x, y, Functions.Hypotenuse(x.Value, y.Value), (u, v, du, dv) => ((u * du) + (v * dv)) / Hypot(u, v));
    /// <summary>min(x, y): the smaller series; at a tie the average (weights ½, as every engine).</summary><param name="x">First.</param><param name="y">Second.</param><returns>min(x, y).</returns>
    public static TaylorNumber Min(TaylorNumber x, TaylorNumber y) => x.Value < y.Value ? x : y.Value < x.Value ? y : (x + y) / 2;
    /// <summary>max(x, y): the larger series; at a tie the average (weights ½, as every engine).</summary><param name="x">First.</param><param name="y">Second.</param><returns>max(x, y).</returns>
    public static TaylorNumber Max(TaylorNumber x, TaylorNumber y) => x.Value > y.Value ? x : y.Value > x.Value ? y : (x + y) / 2;
    /// <summary>logsumexp(a) with derivative Σᵢ e^(aᵢ − logsumexp a)·aᵢ′.</summary><param name="a">Arguments.</param><returns>logsumexp(a).</returns>
    public static TaylorNumber LogSumExp(TaylorNumber[] a)
    {
        var length = a.Max(t => t.Length);
        var value = Special.LogSumExp(a.Select(t => t.Value).ToArray());
        if (length == 1)
        {
            return TaylorNumber.Constant(value);
        }

        // Softmax weights e^(aᵢ − m)/Σⱼ e^(aⱼ − m), m the largest value, so ties are exact and nothing overflows.
        var m = a.Max(t => t.Value);
        var weights = a.Select(t => Exp(t.Truncate(length - 1) - m)).ToArray();
        var total = weights.Aggregate(TaylorNumber.Constant(0), (s, w) => s + w);
        var d = TaylorNumber.Constant(0);
        for (var i = 0; i < a.Length; i++)
        {
            d += weights[i] / total * a[i].Derivative();
        }

        return TaylorNumber.FromDerivative(value, d, length);
    }

    private static TaylorNumber BetaDerivative(TaylorNumber a, TaylorNumber b)
    {
        var length = Math.Max(a.Length, b.Length) - 1;
        var (u, v) = (a.Truncate(length), b.Truncate(length));
        var beta = Beta(u, v);
        var psiSum = Digamma(u + v);
        return beta * (((Digamma(u) - psiSum) * a.Derivative()) + ((Digamma(v) - psiSum) * b.Derivative()));
    }

    // f(x, y) from its value and d/dt f = derivative(x, y, x′, y′) evaluated one order lower.
    private static TaylorNumber Binary(TaylorNumber x, TaylorNumber y, double value, Func<TaylorNumber, TaylorNumber, TaylorNumber, TaylorNumber, TaylorNumber> derivative)
    {
        var length = Math.Max(x.Length, y.Length);
        return length == 1 ? TaylorNumber.Constant(value)
            : TaylorNumber.FromDerivative(value, derivative(x.Truncate(length - 1), y.Truncate(length - 1), x.Derivative(), y.Derivative()), length);
    }

    private static TaylorNumber BesselJ(double n, TaylorNumber a) => BesselJ(TaylorNumber.Constant(n), a);

    private static TaylorNumber BesselY(double n, TaylorNumber a) => BesselY(TaylorNumber.Constant(n), a);

    private static TaylorNumber BesselI(double n, TaylorNumber a) => BesselI(TaylorNumber.Constant(n), a);

    private static TaylorNumber BesselK(double n, TaylorNumber a) => BesselK(TaylorNumber.Constant(n), a);

    private static TaylorNumber Square(TaylorNumber a) => a * a;

    private static TaylorNumber IntegerPower(TaylorNumber a, int n) => n == 0 ? TaylorNumber.Constant(1) : n == 1 ? a : n % 2 == 0 ? Square(IntegerPower(a, n / 2)) : IntegerPower(a, n - 1) * a;

    private static TaylorNumber PowConstant(TaylorNumber a, double value, double c) =>
        a.Recurrence(value, (p, k) => Sum(1, k, i => (((c + 1) * i) - k) * a[i] * p[k - i]) / (k * a[0]));

    private static double Sum(int from, int to, Func<int, double> term)
    {
        var sum = 0.0;
        for (var i = from; i <= to; i++)
        {
            sum += term(i);
        }

        return sum;
    }
}
