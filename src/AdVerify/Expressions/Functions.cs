using System.Diagnostics.CodeAnalysis;
using MathNet.Numerics;

namespace AdVerify.Expressions;

/// <summary>
/// The one registry of functions. Every built-in function of the expression language is a
/// static field here and is listed in <see cref="BuiltIn"/>; users may add their own
/// primitives with <c>Define</c> (value and derivative) or <see cref="Register"/>, process-wide
/// or inside a <see cref="FunctionScope"/> (<see cref="BeginScope"/>). Lookup by name (or alias,
/// <see cref="TryGet"/>) serves the parser.
/// </summary>
public static partial class Functions
{
    private static readonly double[][] Positive = [[0.5], [2.0], [7.25]];
    private static readonly double[][] Anywhere = [[-1.7], [0.3], [2.2]];
    private static readonly double[][] Unit = [[-0.6], [0.1], [0.85]];

    

    private static FunctionInfo U(string name, string latex, Func<double, double> f, string domain,
        Func<double, bool> inDomain, double[][] samples, bool smooth = true, bool analytic = true,
        params string[] aliases) =>
        new(name, 1, latex, domain, a => inDomain(a[0]), samples, f, null, smooth, analytic, aliases);

    private static FunctionInfo B(string name, string latex, Func<double, double, double> f, string domain,
        Func<double, double, bool> inDomain, double[][] samples, bool smooth = true, bool analytic = true) =>
        new(name, 2, latex, domain, a => inDomain(a[0], a[1]), samples, null, f, smooth, analytic);

    private static bool Any(double x) => !double.IsNaN(x);

    // Reference card of the built-in functions: name, LaTeX, value, domain, samples.
    /// <summary>Square root, defined for x ≥ 0 (not differentiable at 0).</summary>
    public static readonly FunctionInfo Sqrt = U("sqrt", @"\sqrt", Math.Sqrt, "x >= 0", x => x >= 0, Positive);
    /// <summary>Real cube root, defined everywhere (not differentiable at 0).</summary>
    public static readonly FunctionInfo Cbrt = U("cbrt", @"\sqrt[3]", Math.Cbrt, "all real x", Any, [[-8.5], [0.4], [27.0]]);
    /// <summary>The exponential function eˣ.</summary>
    public static readonly FunctionInfo Exp = U("exp", @"\exp", Math.Exp, "all real x", Any, Anywhere);
    /// <summary>The natural logarithm (also spelled <c>ln</c>), defined for x &gt; 0.</summary>
    public static readonly FunctionInfo Log = U("log", @"\ln", Math.Log, "x > 0", x => x > 0, Positive, aliases: "ln");
    /// <summary>The base-10 logarithm, defined for x &gt; 0.</summary>
    public static readonly FunctionInfo Log10 = U("log10", @"\log_{10}", Math.Log10, "x > 0", x => x > 0, Positive);
    /// <summary>The base-2 logarithm, defined for x &gt; 0.</summary>
    public static readonly FunctionInfo Log2 = U("log2", @"\log_{2}", Math.Log2, "x > 0", x => x > 0, Positive);
    /// <summary>Sine (radians).</summary>
    public static readonly FunctionInfo Sin = U("sin", @"\sin", Math.Sin, "all real x", Any, Anywhere);
    /// <summary>Cosine (radians).</summary>
    public static readonly FunctionInfo Cos = U("cos", @"\cos", Math.Cos, "all real x", Any, Anywhere);
    /// <summary>Tangent (radians), undefined where cos x = 0.</summary>
    public static readonly FunctionInfo Tan = U("tan", @"\tan", Math.Tan, "cos(x) != 0", x => Math.Cos(x) != 0, Unit);
    /// <summary>Secant 1/cos x, undefined where cos x = 0.</summary>
    public static readonly FunctionInfo Sec = U("sec", @"\sec", x => 1 / Math.Cos(x), "cos(x) != 0", x => Math.Cos(x) != 0, Unit);
    /// <summary>Cosecant 1/sin x, undefined where sin x = 0.</summary>
    public static readonly FunctionInfo Csc = U("csc", @"\csc", x => 1 / Math.Sin(x), "sin(x) != 0", x => x != 0 && Math.Sin(x) != 0, [[-0.6], [0.4], [2.0]]);
    /// <summary>Cotangent cos x / sin x, undefined where sin x = 0.</summary>
    public static readonly FunctionInfo Cot = U("cot", @"\cot", x => 1 / Math.Tan(x), "sin(x) != 0", x => x != 0 && Math.Sin(x) != 0, [[-0.6], [0.4], [2.0]]);
    /// <summary>Inverse sine, defined for −1 ≤ x ≤ 1 (differentiable inside).</summary>
    public static readonly FunctionInfo Asin = U("asin", @"\arcsin", Math.Asin, "-1 <= x <= 1", x => x is >= -1 and <= 1, Unit);
    /// <summary>Inverse cosine, defined for −1 ≤ x ≤ 1 (differentiable inside).</summary>
    public static readonly FunctionInfo Acos = U("acos", @"\arccos", Math.Acos, "-1 <= x <= 1", x => x is >= -1 and <= 1, Unit);
    /// <summary>Inverse tangent.</summary>
    public static readonly FunctionInfo Atan = U("atan", @"\arctan", Math.Atan, "all real x", Any, Anywhere);
    /// <summary>Hyperbolic sine.</summary>
    public static readonly FunctionInfo Sinh = U("sinh", @"\sinh", Math.Sinh, "all real x", Any, Anywhere);
    /// <summary>Hyperbolic cosine.</summary>
    public static readonly FunctionInfo Cosh = U("cosh", @"\cosh", Math.Cosh, "all real x", Any, Anywhere);
    /// <summary>Hyperbolic tangent.</summary>
    public static readonly FunctionInfo Tanh = U("tanh", @"\tanh", Math.Tanh, "all real x", Any, Anywhere);
    /// <summary>Inverse hyperbolic sine.</summary>
    public static readonly FunctionInfo Asinh = U("asinh", @"\operatorname{arsinh}", Math.Asinh, "all real x", Any, Anywhere);
    /// <summary>Inverse hyperbolic cosine, defined for x ≥ 1 (differentiable for x &gt; 1).</summary>
    public static readonly FunctionInfo Acosh = U("acosh", @"\operatorname{arcosh}", Math.Acosh, "x >= 1", x => x >= 1, [[1.5], [2.0], [9.0]]);
    /// <summary>Inverse hyperbolic tangent, defined for −1 &lt; x &lt; 1.</summary>
    public static readonly FunctionInfo Atanh = U("atanh", @"\operatorname{artanh}", Math.Atanh, "-1 < x < 1", x => x is > -1 and < 1, Unit);
    /// <summary>Absolute value; kink at 0, where every engine returns the one-sided slope 0 (the subgradient midpoint).</summary>
    public static readonly FunctionInfo Abs = U("abs", @"\left|#\right|", Math.Abs, "all real x", Any, Anywhere, smooth: false, analytic: false);
    /// <summary>Sign function (−1, 0 or 1); jump at 0, derivative 0 elsewhere.</summary>
    public static readonly FunctionInfo Sign = U("sign", @"\operatorname{sgn}", x => double.IsNaN(x) ? double.NaN : Math.Sign(x), "all real x", Any, Anywhere, smooth: false, analytic: false);
    /// <summary>The error function.</summary>
    public static readonly FunctionInfo Erf = U("erf", @"\operatorname{erf}", SpecialFunctions.Erf, "all real x", Any, Anywhere);

    /// <summary>Power xʸ (the same as the <c>^</c> operator); real for x &gt; 0, or for x &lt; 0 with integer y.</summary>
    public static readonly FunctionInfo Pow = B("pow", "^", Math.Pow, "x > 0, or x = 0 with y > 0, or y an integer",
        (x, y) => x > 0 || (x == 0 && y >= 0) || double.IsInteger(y), [[1.5, 2.5], [3.0, -0.5], [0.7, 1.3]]);
    /// <summary>Two-argument arctangent atan2(y, x): the angle of the point (x, y); undefined at the origin.</summary>
    public static readonly FunctionInfo Atan2 = B("atan2", @"\operatorname{atan2}", Math.Atan2, "(y, x) != (0, 0)",
        (y, x) => !(y == 0 && x == 0), [[1.0, 2.0], [-0.5, -1.5], [2.0, -0.3]]);
    /// <summary>Euclidean length sqrt(x² + y²) computed without overflow; not differentiable at the origin.</summary>
    public static readonly FunctionInfo Hypot = B("hypot", @"\operatorname{hypot}", Hypotenuse, "all real x, y",
        (x, y) => !double.IsNaN(x) && !double.IsNaN(y), [[3.0, 4.0], [-1.2, 0.5], [0.2, -2.0]]);
    /// <summary>Minimum; kink where x = y, where every engine gives each argument weight 1/2.</summary>
    public static readonly FunctionInfo Min = B("min", @"\min", Math.Min, "all real x, y",
        (x, y) => !double.IsNaN(x) && !double.IsNaN(y), [[1.0, 2.0], [-0.5, -1.5], [2.0, 0.3]], smooth: false, analytic: false);
    /// <summary>Maximum; kink where x = y, where every engine gives each argument weight 1/2.</summary>
    public static readonly FunctionInfo Max = B("max", @"\max", Math.Max, "all real x, y",
        (x, y) => !double.IsNaN(x) && !double.IsNaN(y), [[1.0, 2.0], [-0.5, -1.5], [2.0, 0.3]], smooth: false, analytic: false);

    /// <summary>Every built-in function, in a fixed order.</summary>
    public static readonly IReadOnlyList<FunctionInfo> BuiltIn =
    [
        Sqrt, Cbrt, Exp, Log, Log10, Log2, Sin, Cos, Tan, Sec, Csc, Cot, Asin, Acos, Atan,
        Sinh, Cosh, Tanh, Asinh, Acosh, Atanh, Abs, Sign, Erf, Pow, Atan2, Hypot, Min, Max,
    ];

    // Built-in names and aliases; fixed, so lookups need no lock.
    private static readonly Dictionary<string, FunctionInfo> BuiltInByName = CreateIndex();

    private static Dictionary<string, FunctionInfo> CreateIndex()
    {
        var index = new Dictionary<string, FunctionInfo>(StringComparer.Ordinal);
        foreach (var f in BuiltIn)
        {
            index[f.Name] = f;
            foreach (var alias in f.Aliases)
            {
                index[alias] = f;
            }
        }

        return index;
    }

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
