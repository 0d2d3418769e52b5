using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using AdVerify.Numeric;
using MathNet.Numerics;

namespace AdVerify.Expressions;

/// <summary>
/// The one registry of functions. Every built-in function of the expression language is a
/// static field here and is listed in <see cref="BuiltIn"/>; users may add their own
/// primitives with <c>Define</c> (value and derivative) or <see cref="Register"/>, process-wide
/// or inside a <see cref="FunctionScope"/> (<see cref="BeginScope"/>). Lookup by name (or alias,
/// <see cref="TryGet(string?, out FunctionInfo?)"/>) serves the parser.
/// </summary>
public static partial class Functions
{
    private static readonly double[][] Positive = [[0.5], [2.0], [7.25]];
    private static readonly double[][] Anywhere = [[-1.7], [0.3], [2.2]];
    private static readonly double[][] Unit = [[-0.6], [0.1], [0.85]];


    // Builders of registry entries: value, domain and samples first; the per-function knowledge
    // (kinks, domain edge, exact folds, complex form) as named arguments.
    private static FunctionInfo U(string name, string latex, Func<double, double> f, string domain,
        Func<double, bool> inDomain, double[][] samples, bool smooth = true, bool analytic = true, string[]? aliases = null,
        Func<Complex, Complex>? complex = null, Func<IReadOnlyList<Expr>, Expr?>? fold = null, FunctionKink[]? kinks = null,
        Func<double[], (int Argument, double Distance)?>? edge = null) =>
        new(name, 1, latex, domain, a => inDomain(a[0]), samples, f, null, smooth, analytic, aliases)
        {
            ComplexForm = complex is null ? null : z => complex(z[0]),
            Fold = fold,
            Kinks = kinks ?? [],
            DomainEdgeDistance = edge,
        };

    private static FunctionInfo B(string name, string latex, Func<double, double, double> f, string domain,
        Func<double, double, bool> inDomain, double[][] samples, bool smooth = true, bool analytic = true,
        Func<Complex, Complex, Complex>? complex = null, Func<IReadOnlyList<Expr>, Expr?>? fold = null, FunctionKink[]? kinks = null,
        Func<double[], (int Argument, double Distance)?>? edge = null, bool symmetric = false, int[]? integerArguments = null, string[]? argumentNames = null) =>
        new(name, 2, latex, domain, a => inDomain(a[0], a[1]), samples, null, f, smooth, analytic)
        {
            ComplexForm = complex is null ? null : z => complex(z[0], z[1]),
            Fold = fold,
            Kinks = kinks ?? [],
            DomainEdgeDistance = edge,
            IsSymmetric = symmetric,
            IntegerArguments = integerArguments ?? [],
            ArgumentNames = argumentNames ?? ["x", "y"],
        };

    private static bool Any(double x) => !double.IsNaN(x);

    private static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    // ---- knowledge shared by several entries --------------------------------------------------
    private static Rational? Num(IReadOnlyList<Expr> a, int i = 0) => a[i].TryGetNumber(out var v) ? v : null;

    private static Func<IReadOnlyList<Expr>, Expr?> At(Rational point, Expr value) => a => Num(a) == point ? value : null;

    private static Func<IReadOnlyList<Expr>, Expr?> ZeroAtZero => At(Rational.Zero, Expr.Zero);

    private static Func<IReadOnlyList<Expr>, Expr?> OneAtZero => At(Rational.Zero, Expr.One);

    private static FunctionKink ArgumentZero((double, double)? slopes) =>
        new("x = 0", a => a[0] == 0, _ => "has argument 0", slopes is { } s ? _ => s : null);

    private static FunctionKink DomainEdge(string where, Func<double, bool> isAt) =>
        new(where, a => isAt(a[0]), a => $"has argument {F(a[0])}, the edge of its domain");

    private static (int Argument, double Distance)? Below(double[] a, int i, double edge) => (i, edge - a[i]);

    private static (int Argument, double Distance)? Beyond(double[] a, double radius) => (0, Math.Abs(a[0]) - radius);

    // Reference card of the built-in functions: name, LaTeX, value, domain, samples, then what is known about each.
    /// <summary>Square root, defined for x ≥ 0 (not differentiable at 0).</summary>
    public static readonly FunctionInfo Sqrt = U("sqrt", @"\sqrt", Math.Sqrt, "x >= 0", x => x >= 0, Positive,
        complex: ComplexMath.Sqrt, fold: a => Expr.Pow(a[0], Expr.Half), edge: a => (0, Math.Abs(a[0])),
        kinks: [new("x = 0", a => a[0] == 0, _ => "has argument 0, the edge of its domain")]);
    /// <summary>Real cube root, defined everywhere (not differentiable at 0).</summary>
    public static readonly FunctionInfo Cbrt = U("cbrt", @"\sqrt[3]", Math.Cbrt, "all real x", Any, [[-8.5], [0.4], [27.0]],
        complex: ComplexMath.Cbrt, kinks: [ArgumentZero((double.PositiveInfinity, double.PositiveInfinity))],
        fold: a => Num(a) is { } v && v.TryRoot(3, out var r) ? Expr.Number(r) : null);
    /// <summary>The exponential function eˣ.</summary>
    public static readonly FunctionInfo Exp = U("exp", @"\exp", Math.Exp, "all real x", Any, Anywhere, complex: ComplexMath.Exp, fold: OneAtZero);
    /// <summary>The natural logarithm (also spelled <c>ln</c>), defined for x &gt; 0; with two arguments <c>log(b, x)</c> is <see cref="LogBase"/>.</summary>
    public static readonly FunctionInfo Log = U("log", @"\ln", Math.Log, "x > 0", x => x > 0, Positive, aliases: ["ln"],
        complex: ComplexMath.Log, edge: a => (0, Math.Abs(a[0])),
        fold: a => Num(a) == Rational.One ? Expr.Zero : ReferenceEquals(a[0], Expr.E) ? Expr.One
            : a[0] is CallExpr c && ReferenceEquals(c.Function, Exp) ? c.Operands[0] : null);
    /// <summary>The base-10 logarithm, defined for x &gt; 0.</summary>
    public static readonly FunctionInfo Log10 = U("log10", @"\log_{10}", Math.Log10, "x > 0", x => x > 0, Positive,
        complex: ComplexMath.Log10, edge: a => (0, Math.Abs(a[0])), fold: a => ExactLog(a[0], 10));
    /// <summary>The base-2 logarithm, defined for x &gt; 0.</summary>
    public static readonly FunctionInfo Log2 = U("log2", @"\log_{2}", Math.Log2, "x > 0", x => x > 0, Positive,
        complex: ComplexMath.Log2, edge: a => (0, Math.Abs(a[0])), fold: a => ExactLog(a[0], 2));
    /// <summary>Sine (radians).</summary>
    public static readonly FunctionInfo Sin = U("sin", @"\sin", Math.Sin, "all real x", Any, Anywhere, complex: ComplexMath.Sin, fold: ZeroAtZero);
    /// <summary>Cosine (radians).</summary>
    public static readonly FunctionInfo Cos = U("cos", @"\cos", Math.Cos, "all real x", Any, Anywhere, complex: ComplexMath.Cos, fold: OneAtZero);
    /// <summary>Tangent (radians), undefined where cos x = 0.</summary>
    public static readonly FunctionInfo Tan = U("tan", @"\tan", Math.Tan, "cos(x) != 0", x => Math.Cos(x) != 0, Unit, complex: ComplexMath.Tan, fold: ZeroAtZero);
    /// <summary>Secant 1/cos x, undefined where cos x = 0.</summary>
    public static readonly FunctionInfo Sec = U("sec", @"\sec", x => 1 / Math.Cos(x), "cos(x) != 0", x => Math.Cos(x) != 0, Unit, complex: ComplexMath.Sec, fold: OneAtZero);
    /// <summary>Cosecant 1/sin x, undefined where sin x = 0.</summary>
    public static readonly FunctionInfo Csc = U("csc", @"\csc", x => 1 / Math.Sin(x), "sin(x) != 0", x => x != 0 && Math.Sin(x) != 0, [[-0.6], [0.4], [2.0]], complex: ComplexMath.Csc);
    /// <summary>Cotangent cos x / sin x, undefined where sin x = 0.</summary>
    public static readonly FunctionInfo Cot = U("cot", @"\cot", x => 1 / Math.Tan(x), "sin(x) != 0", x => x != 0 && Math.Sin(x) != 0, [[-0.6], [0.4], [2.0]], complex: ComplexMath.Cot);
    /// <summary>Inverse sine, defined for −1 ≤ x ≤ 1 (differentiable inside).</summary>
    public static readonly FunctionInfo Asin = U("asin", @"\arcsin", Math.Asin, "-1 <= x <= 1", x => x is >= -1 and <= 1, Unit,
        complex: ComplexMath.Asin, fold: ZeroAtZero, kinks: [DomainEdge("x = ±1", x => Math.Abs(x) == 1)], edge: a => Beyond(a, 1));
    /// <summary>Inverse cosine, defined for −1 ≤ x ≤ 1 (differentiable inside).</summary>
    public static readonly FunctionInfo Acos = U("acos", @"\arccos", Math.Acos, "-1 <= x <= 1", x => x is >= -1 and <= 1, Unit,
        complex: ComplexMath.Acos, fold: At(Rational.One, Expr.Zero), kinks: [DomainEdge("x = ±1", x => Math.Abs(x) == 1)], edge: a => Beyond(a, 1));
    /// <summary>Inverse tangent.</summary>
    public static readonly FunctionInfo Atan = U("atan", @"\arctan", Math.Atan, "all real x", Any, Anywhere, complex: ComplexMath.Atan, fold: ZeroAtZero);
    /// <summary>Hyperbolic sine.</summary>
    public static readonly FunctionInfo Sinh = U("sinh", @"\sinh", Math.Sinh, "all real x", Any, Anywhere, complex: ComplexMath.Sinh, fold: ZeroAtZero);
    /// <summary>Hyperbolic cosine.</summary>
    public static readonly FunctionInfo Cosh = U("cosh", @"\cosh", Math.Cosh, "all real x", Any, Anywhere, complex: ComplexMath.Cosh, fold: OneAtZero);
    /// <summary>Hyperbolic tangent.</summary>
    public static readonly FunctionInfo Tanh = U("tanh", @"\tanh", Math.Tanh, "all real x", Any, Anywhere, complex: ComplexMath.Tanh, fold: ZeroAtZero);
    /// <summary>Inverse hyperbolic sine.</summary>
    public static readonly FunctionInfo Asinh = U("asinh", @"\operatorname{arsinh}", Math.Asinh, "all real x", Any, Anywhere, complex: ComplexMath.Asinh, fold: ZeroAtZero);
    /// <summary>Inverse hyperbolic cosine, defined for x ≥ 1 (differentiable for x &gt; 1).</summary>
    public static readonly FunctionInfo Acosh = U("acosh", @"\operatorname{arcosh}", Math.Acosh, "x >= 1", x => x >= 1, [[1.5], [2.0], [9.0]],
        complex: ComplexMath.Acosh, fold: At(Rational.One, Expr.Zero), kinks: [DomainEdge("x = 1", x => x == 1)], edge: a => Below(a, 0, 1));
    /// <summary>Inverse hyperbolic tangent, defined for −1 &lt; x &lt; 1.</summary>
    public static readonly FunctionInfo Atanh = U("atanh", @"\operatorname{artanh}", Math.Atanh, "-1 < x < 1", x => x is > -1 and < 1, Unit,
        complex: ComplexMath.Atanh, fold: ZeroAtZero, edge: a => Beyond(a, 1));
    /// <summary>Absolute value; kink at 0, where every engine returns the one-sided slope 0 (the subgradient midpoint).</summary>
    public static readonly FunctionInfo Abs = U("abs", @"\left|#\right|", Math.Abs, "all real x", Any, Anywhere, smooth: false, analytic: false,
        kinks: [ArgumentZero((-1, 1))],
        fold: a => Num(a) is { } v ? Expr.Number(v.Sign < 0 ? -v : v) : a[0] is CallExpr { Function: var g } && ReferenceEquals(g, Abs) ? a[0] : null);
    /// <summary>Sign function (−1, 0 or 1); jump at 0, derivative 0 elsewhere.</summary>
    public static readonly FunctionInfo Sign = U("sign", @"\operatorname{sgn}", x => double.IsNaN(x) ? double.NaN : Math.Sign(x), "all real x", Any, Anywhere,
        smooth: false, analytic: false, kinks: [ArgumentZero(null)], fold: a => Num(a) is { } v ? Expr.Number(v.Sign) : null);
    /// <summary>The error function.</summary>
    public static readonly FunctionInfo Erf = U("erf", @"\operatorname{erf}", SpecialFunctions.Erf, "all real x", Any, Anywhere, complex: ComplexMath.Erf, fold: ZeroAtZero);

    /// <summary>Power xʸ (the same as the <c>^</c> operator); real for x &gt; 0, or for x &lt; 0 with integer y.</summary>
    public static readonly FunctionInfo Pow = B("pow", "^", Math.Pow, "x > 0, or x = 0 with y > 0, or y an integer",
        (x, y) => x > 0 || (x == 0 && y >= 0) || double.IsInteger(y), [[1.5, 2.5], [3.0, -0.5], [0.7, 1.3]],
        complex: ComplexMath.Pow, fold: a => Expr.Pow(a[0], a[1]), edge: a => (0, Math.Abs(a[0])));
    /// <summary>Two-argument arctangent atan2(y, x): the angle of the point (x, y); undefined at the origin.</summary>
    public static readonly FunctionInfo Atan2 = B("atan2", @"\operatorname{atan2}", Math.Atan2, "(y, x) != (0, 0)",
        (y, x) => !(y == 0 && x == 0), [[1.0, 2.0], [-0.5, -1.5], [2.0, -0.3]], complex: ComplexMath.Atan2,
        kinks: [new("y = 0, x < 0", a => a[0] == 0 && a[1] < 0, _ => "is on its branch cut (y = 0, x < 0)")],
        fold: a => Num(a) == Rational.Zero && Num(a, 1) is { Sign: > 0 } ? Expr.Zero : null, argumentNames: ["y", "x"]);
    /// <summary>Euclidean length sqrt(x² + y²) computed without overflow; not differentiable at the origin.</summary>
    public static readonly FunctionInfo Hypot = B("hypot", @"\operatorname{hypot}", Hypotenuse, "all real x, y",
        (x, y) => !double.IsNaN(x) && !double.IsNaN(y), [[3.0, 4.0], [-1.2, 0.5], [0.2, -2.0]], complex: ComplexMath.Hypot, symmetric: true,
        kinks: [new("x = y = 0", a => a[0] == 0 && a[1] == 0, _ => "is at the origin")],
        fold: a => Num(a) is { } v && Num(a, 1) is { } w && (v * v + w * w).TryRoot(2, out var r) ? Expr.Number(r) : null);
    /// <summary>Minimum; kink where x = y, where every engine gives each argument weight 1/2.</summary>
    public static readonly FunctionInfo Min = B("min", @"\min", Math.Min, "all real x, y",
        (x, y) => !double.IsNaN(x) && !double.IsNaN(y), [[1.0, 2.0], [-0.5, -1.5], [2.0, 0.3]], smooth: false, analytic: false, symmetric: true,
        kinks: [Tie], fold: a => ReferenceEquals(a[0], a[1]) ? a[0] : Num(a) is { } v && Num(a, 1) is { } w ? Expr.Number(v < w ? v : w) : null);
    /// <summary>Maximum; kink where x = y, where every engine gives each argument weight 1/2.</summary>
    public static readonly FunctionInfo Max = B("max", @"\max", Math.Max, "all real x, y",
        (x, y) => !double.IsNaN(x) && !double.IsNaN(y), [[1.0, 2.0], [-0.5, -1.5], [2.0, 0.3]], smooth: false, analytic: false, symmetric: true,
        kinks: [Tie], fold: a => ReferenceEquals(a[0], a[1]) ? a[0] : Num(a) is { } v && Num(a, 1) is { } w ? Expr.Number(v > w ? v : w) : null);

    // ---- special functions --------------------------------------------------------------------
    /// <summary>The logarithm to any base, <c>log(b, x)</c> = ln x / ln b, for b &gt; 0, b ≠ 1 and x &gt; 0 (the parser picks it for <c>log</c> with two arguments).</summary>
    public static readonly FunctionInfo LogBase = B("log", @"\log_{#1}\left(#2\right)", Special.LogBase, "b > 0, b != 1, x > 0",
        (b, x) => b > 0 && b != 1 && x > 0, [[2.0, 8.5], [10.0, 0.5], [0.5, 3.0]], complex: ComplexSpecial.LogBase,
        fold: FoldLogBase, edge: a => a[1] <= 0 ? (1, -a[1]) : a[0] <= 0 ? (0, -a[0]) : null, argumentNames: ["b", "x"]);
    /// <summary>The gamma function Γ(x), defined except at 0, −1, −2, … (computed here: MathNet's overflows early).</summary>
    public static readonly FunctionInfo Gamma = U("gamma", @"\Gamma", Special.Gamma, "x not in {0, -1, -2, ...}", NotPole, [[0.5], [2.2], [-1.7]],
        complex: ComplexSpecial.Gamma, fold: FoldGamma);
    /// <summary>log |Γ(x)|, the log-gamma function (computed here: MathNet's is NaN where Γ &lt; 0).</summary>
    public static readonly FunctionInfo LogGamma = U("lgamma", @"\ln\Gamma", Special.LogGamma, "x not in {0, -1, -2, ...}", NotPole, [[0.5], [2.2], [-0.6]],
        complex: ComplexSpecial.LogGamma, fold: a => Num(a) is { } v && (v == Rational.One || v == new Rational(2)) ? Expr.Zero : null);
    /// <summary>The digamma function ψ(x) = Γ′(x)/Γ(x).</summary>
    public static readonly FunctionInfo Digamma = U("digamma", @"\psi", Special.Digamma, "x not in {0, -1, -2, ...}", NotPole, [[0.5], [2.2], [-1.7]],
        complex: ComplexSpecial.Digamma);
    /// <summary>The polygamma function ψ⁽ⁿ⁾(x), the n-th derivative of digamma, for integer 0 ≤ n ≤ 100 (not differentiable in n).</summary>
    public static readonly FunctionInfo Polygamma = B("polygamma", @"\psi^{(#1)}\left(#2\right)", Special.Polygamma,
        "n integer, 0 <= n <= 100; x not in {0, -1, -2, ...}", (n, x) => double.IsInteger(n) && n is >= 0 and <= Special.MaxPolygammaOrder && NotPole(x),
        [[1.0, 0.5], [2.0, 2.2], [1.0, -1.7]], complex: ComplexSpecial.Polygamma, integerArguments: [0], argumentNames: ["n", "x"],
        fold: a => Num(a) == Rational.Zero ? Expr.Call(Digamma, a[1]) : null);
    /// <summary>The beta function B(a, b) = Γ(a)Γ(b)/Γ(a + b).</summary>
    public static readonly FunctionInfo Beta = B("beta", @"\mathrm{B}", Special.Beta, "a, b, a + b not in {0, -1, -2, ...}",
        (a, b) => NotPole(a) && NotPole(b) && NotPole(a + b), [[1.5, 2.5], [0.7, 1.3], [3.0, 4.0]], complex: ComplexSpecial.Beta, symmetric: true,
        argumentNames: ["a", "b"], fold: a => Num(a) == Rational.One ? Expr.Pow(a[1], Expr.MinusOne) : Num(a, 1) == Rational.One ? Expr.Pow(a[0], Expr.MinusOne) : null);
    /// <summary>The complementary error function erfc x = 1 − erf x, accurate where it is tiny.</summary>
    public static readonly FunctionInfo Erfc = U("erfc", @"\operatorname{erfc}", Special.Erfc, "all real x", Any, Anywhere, complex: ComplexSpecial.Erfc, fold: OneAtZero);
    /// <summary>The inverse error function, defined for −1 &lt; x &lt; 1.</summary>
    public static readonly FunctionInfo ErfInv = U("erfinv", @"\operatorname{erf}^{-1}", Special.ErfInv, "-1 < x < 1", x => x is > -1 and < 1, Unit,
        complex: ComplexSpecial.ErfInv, fold: ZeroAtZero, edge: a => Beyond(a, 1));
    /// <summary>The Bessel function of the first kind Jₙ(x), integer order n (not differentiable in n).</summary>
    public static readonly FunctionInfo BesselJ = Bessel("besselj", "J", Special.BesselJ, ComplexSpecial.BesselJ, positive: false, zeroAtOrigin: true);
    /// <summary>The Bessel function of the second kind Yₙ(x), integer order n, x &gt; 0.</summary>
    public static readonly FunctionInfo BesselY = Bessel("bessely", "Y", Special.BesselY, complex: null, positive: true, zeroAtOrigin: false);
    /// <summary>The modified Bessel function of the first kind Iₙ(x), integer order n.</summary>
    public static readonly FunctionInfo BesselI = Bessel("besseli", "I", Special.BesselI, ComplexSpecial.BesselI, positive: false, zeroAtOrigin: true);
    /// <summary>The modified Bessel function of the second kind Kₙ(x), integer order n, x &gt; 0.</summary>
    public static readonly FunctionInfo BesselK = Bessel("besselk", "K", Special.BesselK, ComplexSpecial.BesselK, positive: true, zeroAtOrigin: false);
    /// <summary>The Airy function Ai(x).</summary>
    public static readonly FunctionInfo AiryAi = U("airyai", @"\operatorname{Ai}", Special.AiryAi, "all real x", Any, Anywhere);
    /// <summary>The Airy function Bi(x).</summary>
    public static readonly FunctionInfo AiryBi = U("airybi", @"\operatorname{Bi}", Special.AiryBi, "all real x", Any, Anywhere);
    /// <summary>The derivative Ai′(x) of the Airy function (the derivative of <c>airyai</c>; its own derivative is x·Ai(x)).</summary>
    public static readonly FunctionInfo AiryAiPrime = U("airyaiprime", @"\operatorname{Ai}'", Special.AiryAiPrime, "all real x", Any, Anywhere);
    /// <summary>The derivative Bi′(x) of the Airy function (the derivative of <c>airybi</c>; its own derivative is x·Bi(x)).</summary>
    public static readonly FunctionInfo AiryBiPrime = U("airybiprime", @"\operatorname{Bi}'", Special.AiryBiPrime, "all real x", Any, Anywhere);

    // ---- machine-learning staples (stable evaluation is part of their contract) -----------------
    /// <summary>The logistic sigmoid σ(x) = 1/(1 + e^(−x)); <c>sigmoid(-800)</c> is finite (e^(−800)) in every engine.</summary>
    public static readonly FunctionInfo Sigmoid = U("sigmoid", @"\sigma", Special.Sigmoid, "all real x", Any, Anywhere,
        complex: ComplexSpecial.Sigmoid, fold: At(Rational.Zero, Expr.Half));
    /// <summary>The softplus log(1 + eˣ); <c>softplus(1000)</c> is 1000 in every engine.</summary>
    public static readonly FunctionInfo Softplus = U("softplus", @"\operatorname{softplus}", Special.Softplus, "all real x", Any, Anywhere,
        complex: ComplexSpecial.Softplus, fold: a => Num(a) == Rational.Zero ? Expr.Call(Log, Expr.Two) : null);
    /// <summary>log Σᵢ e^(xᵢ) of one or more arguments, computed stably: <c>logsumexp(1000, 1000)</c> is 1000 + ln 2 in every engine.</summary>
    public static readonly FunctionInfo LogSumExp = new("logsumexp", 1, @"\operatorname{logsumexp}", "all real x1, ..., xn",
        a => !a.Any(double.IsNaN), [[1.0, 2.0], [-0.5, -1.5, 0.3], [2.0]], null, null, isSmooth: true, isAnalytic: true, nary: Special.LogSumExp)
    {
        ComplexForm = ComplexSpecial.LogSumExp,
        IsSymmetric = true,
        Fold = a => a.Count == 1 ? a[0] : a.Any(x => x is CallExpr { Function: var g } && ReferenceEquals(g, LogSumExp)) ? FlattenLogSumExp(a) : null,
        ArgumentNames = ["x1", "x2", "x3", "x4"],
    };

    private static FunctionKink Tie => new("x = y", a => a[0] == a[1], a => $"has equal arguments {F(a[0])}");

    // log_radix of an exact power of the radix (log10(1000) → 3, log2(1/8) → −3), else null.
    private static Expr? ExactLog(Expr a, int radix)
    {
        if (!a.TryGetNumber(out var v) || v.Sign <= 0)
        {
            return null;
        }

        var n = v.Numerator;
        var d = v.Denominator;
        if (!d.IsOne && !n.IsOne)
        {
            return null;
        }

        var m = d.IsOne ? n : d;
        var count = 0;
        while (m > 1 && (m % radix).IsZero && count < 100000)
        {
            m /= radix;
            count++;
        }

        return m.IsOne ? Expr.Number(d.IsOne ? count : -count) : null;
    }

    /// <summary>Every built-in function, in a fixed order.</summary>
    public static readonly IReadOnlyList<FunctionInfo> BuiltIn =
    [
        Sqrt, Cbrt, Exp, Log, Log10, Log2, Sin, Cos, Tan, Sec, Csc, Cot, Asin, Acos, Atan,
        Sinh, Cosh, Tanh, Asinh, Acosh, Atanh, Abs, Sign, Erf, Pow, Atan2, Hypot, Min, Max,
        LogBase, Gamma, LogGamma, Digamma, Polygamma, Beta, Erfc, ErfInv, BesselJ, BesselY, BesselI, BesselK,
        AiryAi, AiryBi, AiryAiPrime, AiryBiPrime, Sigmoid, Softplus, LogSumExp,
    ];

    // Built-in names and aliases; fixed, so lookups need no lock.
    private static readonly Dictionary<string, FunctionInfo> BuiltInByName = CreateIndex();

    // Further built-ins that share a name with a function in BuiltInByName and differ by argument count (log(b, x)).
    private static readonly Dictionary<string, FunctionInfo[]> Overloads = CreateOverloads();

    private static Dictionary<string, FunctionInfo> CreateIndex()
    {
        var index = new Dictionary<string, FunctionInfo>(StringComparer.Ordinal);
        foreach (var f in BuiltIn)
        {
            if (!index.TryAdd(f.Name, f))
            {
                continue;
            }

            foreach (var alias in f.Aliases)
            {
                index[alias] = f;
            }
        }

        return index;
    }

    private static Dictionary<string, FunctionInfo[]> CreateOverloads() =>
        BuiltIn.GroupBy(f => f.Name, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

    /// <summary>
    /// Every function visible here and now: the built-ins, then the user-registered primitives of
    /// the active <see cref="FunctionScope"/>s and of the process-wide registry (an inner scope's
    /// definition hides an outer one of the same name), sorted by name.
    /// </summary>
    public static IReadOnlyList<FunctionInfo> All
    {
        get
        {
            var user = new Dictionary<string, FunctionInfo>(StringComparer.Ordinal);
            foreach (var scope in FunctionScope.Visible())
            {
                foreach (var f in scope.Defined)
                {
                    user.TryAdd(f.Name, f);
                }
            }

            return BuiltIn.Concat(user.Values.OrderBy(f => f.Name, StringComparer.Ordinal)).ToArray();
        }
    }

    /// <summary>
    /// Finds a function by its name or alias (case-sensitive): a built-in, else a user primitive of
    /// the innermost active <see cref="FunctionScope"/> that defines it, else of the process-wide
    /// registry. The parser and every engine look functions up here.
    /// </summary>
    /// <param name="name">The name as written in infix text; null finds nothing.</param>
    /// <param name="function">The function when found; null otherwise.</param>
    /// <returns>True when a function of that name is visible.</returns>
    public static bool TryGet([NotNullWhen(true)] string? name, [NotNullWhen(true)] out FunctionInfo? function)
    {
        if (name is null)
        {
            function = null;
            return false;
        }

        return BuiltInByName.TryGetValue(name, out function) || FunctionScope.TryFind(name, out function);
    }

    /// <summary>
    /// Begins a scope for user primitives: until it is disposed, <c>Define</c> and
    /// <see cref="Register"/> register into it and lookups see its functions first. The scope
    /// flows into tasks and awaits started inside it (see <see cref="FunctionScope"/>), so
    /// parallel tests defining the same name in their own scopes do not interfere. Without a
    /// scope, definitions go to the process-wide registry and last for the process.
    /// </summary>
    /// <returns>The scope; dispose it to end it (typically with <c>using</c>).</returns>
    /// <example><code>
    /// using (Functions.BeginScope())
    /// {
    ///     Functions.Define("mysoftplus", x => Math.Log(1 + Math.Exp(x)), "1/(1 + exp(-x))");
    ///     var e = Infix.Parse("mysoftplus(2*x)");
    /// }
    /// </code></example>
    public static FunctionScope BeginScope() => FunctionScope.Begin();

    /// <summary>
    /// Finds the function of a name (or alias) that takes a given number of arguments: the parser
    /// resolves <c>log(x)</c> to the natural logarithm and <c>log(b, x)</c> to <see cref="LogBase"/>.
    /// </summary>
    /// <param name="name">The name as written in infix text.</param>
    /// <param name="argumentCount">The number of arguments of the call.</param>
    /// <param name="function">The function, when found.</param>
    /// <returns>True when a visible function of that name takes that many arguments.</returns>
    public static bool TryGet(string name, int argumentCount, [NotNullWhen(true)] out FunctionInfo? function)
    {
        if (TryGet(name, out function) && function.Name == name && function.IsBuiltIn && Overloads.TryGetValue(name, out var overloads))
        {
            function = overloads.FirstOrDefault(f => f.Accepts(argumentCount));
            return function is not null;
        }

        return function is not null && function.Accepts(argumentCount);
    }

    /// <summary>The argument counts a name accepts, in words (for example <c>1 or 2 arguments</c>), for messages.</summary>
    /// <param name="name">A function name or alias.</param>
    /// <returns>The accepted counts; empty when the name is unknown.</returns>
    public static string ArityText(string name)
    {
        if (!TryGet(name, out var f))
        {
            return string.Empty;
        }

        if (f.Name != name || !f.IsBuiltIn || !Overloads.TryGetValue(name, out var overloads))
        {
            return f.ArityText;
        }

        var counts = overloads.Select(o => o.Arity).Order().ToArray();
        return $"{string.Join(", ", counts[..^1])} or {counts[^1]} arguments";
    }

    /// <summary>Adds a user-defined primitive to the active scope (or the process-wide registry) so the parser and engines know it.</summary>
    /// <param name="function">The function; its name must not be a built-in or already registered in that scope.</param>
    /// <exception cref="ArgumentException">A function of that name already exists there.</exception>
    public static void Register(FunctionInfo function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var target = FunctionScope.Target;
        lock (target.Gate)
        {
            if (BuiltInByName.TryGetValue(function.Name, out var builtIn) && !ReferenceEquals(builtIn, function))
            {
                throw new ArgumentException($"'{function.Name}' is a built-in function and cannot be redefined.", nameof(function));
            }

            if (builtIn is not null || target.TryAdd(function))
            {
                return;
            }

            if (target.TryGetOwn(function.Name, out var existing) && ReferenceEquals(existing, function))
            {
                return;
            }

            throw new ArgumentException($"A function named '{function.Name}' is already registered.", nameof(function));
        }
    }

    /// <summary>Names that may not be used for functions or variables because they are constants.</summary>
    public static readonly IReadOnlySet<string> ReservedNames = new HashSet<string>(StringComparer.Ordinal) { "pi", "e" };

    /// <summary>sqrt(x² + y²) without intermediate overflow or underflow.</summary>
    /// <param name="x">First leg.</param>
    /// <param name="y">Second leg.</param>
    /// <returns>The hypotenuse.</returns>
    public static double Hypotenuse(double x, double y)
    {
        if (double.IsInfinity(x) || double.IsInfinity(y))
        {
            return double.PositiveInfinity;
        }

        x = Math.Abs(x);
        y = Math.Abs(y);
        var big = Math.Max(x, y);
        var small = Math.Min(x, y);
        if (big == 0 || double.IsNaN(big) || double.IsNaN(small))
        {
            return double.IsNaN(x) || double.IsNaN(y) ? double.NaN : big;
        }

        var r = small / big;
        return big * Math.Sqrt(1 + (r * r));
    }
}
