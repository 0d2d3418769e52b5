using System.Globalization;
using System.Text;
using AdVerify.Expressions;

namespace AdVerify.Symbolic;

/// <summary>The language <see cref="CodeGenerator"/> writes.</summary>
public enum TargetLanguage
{
    /// <summary>A C# static class.</summary>
    CSharp,

    /// <summary>An F# module.</summary>
    FSharp,
}

/// <summary>
/// Writes an expression's value and symbolic gradient as C# or F# source that compiles on its own
/// (it calls only <see cref="Math"/> and a few helpers it defines itself: sign, sigmoid, softplus,
/// log1p, logsumexp). Value and gradient share their subexpressions: every node of the combined
/// DAG used more than once is computed once into a local. Functions that have no System.Math
/// equivalent and no short stable implementation (erf, erfc, erfinv, gamma, lgamma, digamma,
/// polygamma, beta, the Bessel and Airy functions, user primitives) are refused with an error
/// naming the function, rather than emitted as long special-function code.
/// </summary>
public static class CodeGenerator
{
    // name → (C# template, F# template, helper it needs or null); {0}, {1} are the arguments.
    private static readonly Dictionary<FunctionInfo, (string CSharp, string FSharp, string? Helper)> Templates = new(ReferenceEqualityComparer.Instance)
    {
        [Functions.Sqrt] = ("Math.Sqrt({0})", "Math.Sqrt({0})", null),
        [Functions.Cbrt] = ("Math.Cbrt({0})", "Math.Cbrt({0})", null),
        [Functions.Exp] = ("Math.Exp({0})", "Math.Exp({0})", null),
        [Functions.Log] = ("Math.Log({0})", "Math.Log({0})", null),
        [Functions.Log10] = ("Math.Log10({0})", "Math.Log10({0})", null),
        [Functions.Log2] = ("Math.Log2({0})", "Math.Log2({0})", null),
        [Functions.Sin] = ("Math.Sin({0})", "Math.Sin({0})", null),
        [Functions.Cos] = ("Math.Cos({0})", "Math.Cos({0})", null),
        [Functions.Tan] = ("Math.Tan({0})", "Math.Tan({0})", null),
        [Functions.Sec] = ("(1.0 / Math.Cos({0}))", "(1.0 / Math.Cos({0}))", null),
        [Functions.Csc] = ("(1.0 / Math.Sin({0}))", "(1.0 / Math.Sin({0}))", null),
        [Functions.Cot] = ("(1.0 / Math.Tan({0}))", "(1.0 / Math.Tan({0}))", null),
        [Functions.Asin] = ("Math.Asin({0})", "Math.Asin({0})", null),
        [Functions.Acos] = ("Math.Acos({0})", "Math.Acos({0})", null),
        [Functions.Atan] = ("Math.Atan({0})", "Math.Atan({0})", null),
        [Functions.Sinh] = ("Math.Sinh({0})", "Math.Sinh({0})", null),
        [Functions.Cosh] = ("Math.Cosh({0})", "Math.Cosh({0})", null),
        [Functions.Tanh] = ("Math.Tanh({0})", "Math.Tanh({0})", null),
        [Functions.Asinh] = ("Math.Asinh({0})", "Math.Asinh({0})", null),
        [Functions.Acosh] = ("Math.Acosh({0})", "Math.Acosh({0})", null),
        [Functions.Atanh] = ("Math.Atanh({0})", "Math.Atanh({0})", null),
        [Functions.Abs] = ("Math.Abs({0})", "Math.Abs({0})", null),
        [Functions.Sign] = ("Sign({0})", "sign' ({0})", "sign"),
        [Functions.Pow] = ("Math.Pow({0}, {1})", "Math.Pow({0}, {1})", null),
        [Functions.Atan2] = ("Math.Atan2({0}, {1})", "Math.Atan2({0}, {1})", null),
        [Functions.Hypot] = ("double.Hypot({0}, {1})", "Double.Hypot({0}, {1})", null),
        [Functions.Min] = ("Math.Min({0}, {1})", "Math.Min({0}, {1})", null),
        [Functions.Max] = ("Math.Max({0}, {1})", "Math.Max({0}, {1})", null),
        [Functions.LogBase] = ("(Math.Log({1}) / Math.Log({0}))", "(Math.Log({1}) / Math.Log({0}))", null),
        [Functions.Sigmoid] = ("Sigmoid({0})", "sigmoid ({0})", "sigmoid"),
        [Functions.Softplus] = ("Softplus({0})", "softplus ({0})", "softplus"),
        [Functions.LogSumExp] = ("LogSumExp({*})", "logSumExp [| {*} |]", "logsumexp"),
    };

    private static readonly Dictionary<string, (string CSharp, string FSharp)> Helpers = new(StringComparer.Ordinal)
    {
        ["sign"] = (
            "    private static double Sign(double x) => double.IsNaN(x) ? double.NaN : Math.Sign(x);",
            "let private sign' (x: float) : float = if Double.IsNaN x then nan else float (Math.Sign x)"),
        ["log1p"] = (
            "    private static double Log1p(double x) { var u = 1.0 + x; return u == 1.0 ? x : Math.Log(u) * x / (u - 1.0); }",
            "let private log1p (x: float) : float = let u = 1.0 + x in if u = 1.0 then x else Math.Log u * x / (u - 1.0)"),
        ["sigmoid"] = (
            "    private static double Sigmoid(double x) { if (x >= 0) { return 1.0 / (1.0 + Math.Exp(-x)); } var e = Math.Exp(x); return e / (1.0 + e); }",
            "let private sigmoid (x: float) : float = if x >= 0.0 then 1.0 / (1.0 + Math.Exp(-x)) else (let e = Math.Exp x in e / (1.0 + e))"),
        ["softplus"] = (
            "    private static double Softplus(double x) => Math.Max(x, 0.0) + Log1p(Math.Exp(-Math.Abs(x)));",
            "let private softplus (x: float) : float = Math.Max(x, 0.0) + log1p (Math.Exp(-(Math.Abs x)))"),
        ["logsumexp"] = (
            "    private static double LogSumExp(params double[] x) { var m = double.NegativeInfinity; foreach (var v in x) { m = Math.Max(m, v); } if (double.IsInfinity(m)) { return m; } var s = 0.0; foreach (var v in x) { s += Math.Exp(v - m); } return m + Log1p(s - 1.0); }",
            "let private logSumExp (x: float[]) : float = let m = Array.max x in if Double.IsInfinity m then m else m + log1p (Array.sumBy (fun v -> Math.Exp(v - m)) x - 1.0)"),
    };

    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        // C# and F# keywords, and names the generated code uses itself.
        "abstract", "and", "as", "assert", "base", "begin", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "done", "double", "downcast", "downto", "elif", "else", "end", "enum", "event",
        "exception", "explicit", "extern", "false", "finally", "fixed", "float", "for", "foreach", "fun", "function", "global", "goto", "if",
        "implicit", "in", "inherit", "inline", "int", "interface", "internal", "is", "lazy", "let", "lock", "long", "match", "member", "module",
        "mutable", "namespace", "new", "not", "null", "object", "of", "open", "operator", "or", "out", "override", "params", "private",
        "protected", "public", "readonly", "rec", "ref", "return", "sbyte", "sealed", "select", "short", "sig", "sizeof", "stackalloc",
        "static", "string", "struct", "switch", "then", "this", "throw", "to", "true", "try", "type", "typeof", "uint", "ulong", "unchecked",
        "unsafe", "upcast", "use", "ushort", "using", "val", "value", "var", "virtual", "void", "volatile", "when", "while", "with", "yield",
        "asr", "land", "lor", "lsl", "lsr", "lxor", "mod", "atomic", "component", "constraint", "constructor", "eager", "external", "functor",
        "include", "method", "mixin", "parallel", "process", "pure", "tailcall", "trait", "Math", "System", "Double", "nan", "infinity",
        "gradient", "Sign", "Sigmoid", "Softplus", "Log1p", "LogSumExp", "sigmoid", "softplus", "log1p", "logSumExp", "Value", "ValueAndGradient",
        "valueAndGradient", "Generated",
    };

    /// <summary>Tells whether an expression can be generated (every function it calls has a System.Math form or a short helper).</summary>
    /// <param name="function">A registry function.</param>
    /// <returns>True when generated code can call it.</returns>
    public static bool Supports(FunctionInfo function) => Templates.ContainsKey(function);

    /// <summary>C# source of a static class with <c>Value(…)</c> and <c>ValueAndGradient(…)</c>.</summary>
    /// <param name="expr">The expression.</param>
    /// <param name="wrt">The gradient's variables; every variable of the expression (sorted) when null.</param>
    /// <param name="name">The class name (a valid identifier).</param>
    /// <returns>Source that compiles with no reference but the .NET base library.</returns>
    /// <exception cref="NotSupportedException">The expression calls a function that cannot be generated (named in the message).</exception>
    public static string CSharp(Expr expr, IReadOnlyList<string>? wrt = null, string name = "Generated") =>
        Generate(expr, TargetLanguage.CSharp, wrt, name);

    /// <summary>F# source of a module with <c>value</c> and <c>valueAndGradient</c>.</summary>
    /// <param name="expr">The expression.</param>
    /// <param name="wrt">The gradient's variables; every variable of the expression (sorted) when null.</param>
    /// <param name="name">The module name (a valid identifier).</param>
    /// <returns>Source that compiles with no reference but FSharp.Core and the .NET base library.</returns>
    /// <exception cref="NotSupportedException">The expression calls a function that cannot be generated (named in the message).</exception>
    public static string FSharp(Expr expr, IReadOnlyList<string>? wrt = null, string name = "Generated") =>
        Generate(expr, TargetLanguage.FSharp, wrt, name);

    /// <summary>Source in either language (see <see cref="CSharp"/> and <see cref="FSharp"/>).</summary>
    /// <param name="expr">The expression.</param>
    /// <param name="language">The target language.</param>
    /// <param name="wrt">The gradient's variables; every variable of the expression (sorted) when null.</param>
    /// <param name="name">The class or module name.</param>
    /// <returns>The source.</returns>
    public static string Generate(Expr expr, TargetLanguage language, IReadOnlyList<string>? wrt = null, string name = "Generated")
    {
        ArgumentNullException.ThrowIfNull(expr);
        if (!Expr.IsValidName(name) || Reserved.Contains(name) && name != "Generated")
        {
            throw new ArgumentException($"'{name}' cannot name the generated class or module.", nameof(name));
        }

        var refused = Traversal.PostOrder(expr).OfType<CallExpr>().Select(c => c.Function).FirstOrDefault(f => !Supports(f));
        if (refused is not null)
        {
            throw new NotSupportedException(
                $"Code generation cannot emit '{refused.Name}': the generated code calls only System.Math and short helpers, and {refused.Name} " +
                $"has neither (it can: {string.Join(", ", Templates.Keys.Select(f => f.Name).Distinct())}).");
        }

        var parameters = expr.Variables.ToArray();
        var gradientVariables = (wrt ?? parameters).ToArray();
        foreach (var w in gradientVariables)
        {
            if (!Expr.IsValidName(w))
            {
                throw new ArgumentException($"'{w}' is not a valid variable name.", nameof(wrt));
            }
        }

        var identifiers = Identifiers(parameters.Concat(gradientVariables).Distinct(StringComparer.Ordinal));
        var gradient = gradientVariables.Select(v => expr.Differentiate(v)).ToArray();
        var writer = new Writer(language, identifiers);
        var valueBody = writer.Body([expr]);
        var valueHelpers = new HashSet<string>(writer.Helpers);
        writer = new Writer(language, identifiers);
        var bothBody = writer.Body([expr, .. gradient]);
        writer.Helpers.UnionWith(valueHelpers);
        if (writer.Helpers.Overlaps(["softplus", "logsumexp"]))
        {
            writer.Helpers.Add("log1p");
        }

        var signature = parameters.Select(p => identifiers[p]).ToArray();
        return language == TargetLanguage.CSharp
            ? CSharpSource(expr, name, signature, gradientVariables, valueBody, bothBody, writer.Helpers)
            : FSharpSource(expr, name, signature, gradientVariables, valueBody, bothBody, writer.Helpers);
    }

    private static string CSharpSource(Expr expr, string name, string[] parameters, string[] wrt, (List<string> Lines, string[] Results) value,
        (List<string> Lines, string[] Results) both, HashSet<string> helpers)
    {
        var args = string.Join(", ", parameters.Select(p => "double " + p));
        var s = new StringBuilder();
        s.AppendLine($"// Generated by AdVerify from: {OneLine(expr)}");
        s.AppendLine($"// The gradient is with respect to: {(wrt.Length == 0 ? "(none)" : string.Join(", ", wrt))}. Shared subexpressions are computed once.");
        s.AppendLine("using System;");
        s.AppendLine();
        s.AppendLine($"public static class {name}");
        s.AppendLine("{");
        s.AppendLine($"    public static double Value({args})");
        s.AppendLine("    {");
        value.Lines.ForEach(l => s.AppendLine($"        var {l};"));
        s.AppendLine($"        return {value.Results[0]};");
        s.AppendLine("    }");
        s.AppendLine();
        s.AppendLine($"    public static (double Value, double[] Gradient) ValueAndGradient({args})");
        s.AppendLine("    {");
        both.Lines.ForEach(l => s.AppendLine($"        var {l};"));
        s.AppendLine($"        return ({both.Results[0]}, new double[] {{ {string.Join(", ", both.Results.Skip(1))} }});");
        s.AppendLine("    }");
        foreach (var h in Helpers.Keys.Where(helpers.Contains))
        {
            s.AppendLine();
            s.AppendLine(Helpers[h].CSharp);
        }

        s.AppendLine("}");
        return s.ToString();
    }

    private static string FSharpSource(Expr expr, string name, string[] parameters, string[] wrt, (List<string> Lines, string[] Results) value,
        (List<string> Lines, string[] Results) both, HashSet<string> helpers)
    {
        var args = parameters.Length == 0 ? "()" : string.Join(" ", parameters.Select(p => $"({p}: float)"));
        var s = new StringBuilder();
        s.AppendLine($"// Generated by AdVerify from: {OneLine(expr)}");
        s.AppendLine($"// The gradient is with respect to: {(wrt.Length == 0 ? "(none)" : string.Join(", ", wrt))}. Shared subexpressions are computed once.");
        s.AppendLine($"module {name}");
        s.AppendLine();
        s.AppendLine("open System");
        foreach (var h in Helpers.Keys.Where(helpers.Contains))
        {
            s.AppendLine();
            s.AppendLine(Helpers[h].FSharp);
        }

        s.AppendLine();
        s.AppendLine($"let value {args} : float =");
        value.Lines.ForEach(l => s.AppendLine($"    let {l}"));
        s.AppendLine($"    {value.Results[0]}");
        s.AppendLine();
        s.AppendLine($"let valueAndGradient {args} : float * float[] =");
        both.Lines.ForEach(l => s.AppendLine($"    let {l}"));
        s.AppendLine($"    ({both.Results[0]}, [| {string.Join("; ", both.Results.Skip(1))} |])");
        return s.ToString();
    }

    private static string OneLine(Expr e)
    {
        var text = Infix.Format(e).Replace('\n', ' ').Replace('\r', ' ');
        return text.Length <= 200 ? text : text[..200] + "…";
    }

    // Variable name → identifier usable in both languages (renamed when it is a keyword or could clash with a temporary).
    private static Dictionary<string, string> Identifiers(IEnumerable<string> names)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var n in names)
        {
            var clash = Reserved.Contains(n) || (n.StartsWith("_t", StringComparison.Ordinal) && n[2..].All(char.IsAsciiDigit)) || n.StartsWith("__", StringComparison.Ordinal);
            map[n] = clash ? $"v{index}_{n.TrimStart('_')}" : n;
            index++;
        }

        return map;
    }

    /// <summary>Emits the nodes of some roots: shared or deep nodes into locals (<c>_t0 = …</c>), the rest inline.</summary>
    private sealed class Writer(TargetLanguage language, Dictionary<string, string> identifiers)
    {
        private const int MaxInline = 24;
        private readonly Dictionary<Expr, (string Code, int Depth)> _code = new(ReferenceEqualityComparer.Instance);
        private readonly List<string> _lines = [];

        public HashSet<string> Helpers { get; } = new(StringComparer.Ordinal);

        public (List<string> Lines, string[] Results) Body(IReadOnlyList<Expr> roots)
        {
            var uses = new Dictionary<Expr, int>(ReferenceEqualityComparer.Instance);
            var order = new List<Expr>();
            foreach (var root in roots)
            {
                foreach (var node in Traversal.PostOrder(root))
                {
                    if (!uses.ContainsKey(node))
                    {
                        uses[node] = 0;
                        order.Add(node);
                    }
                }
            }

            foreach (var node in order)
            {
                foreach (var operand in node.Operands)
                {
                    uses[operand]++;
                }
            }

            foreach (var root in roots)
            {
                uses[root] += 2; // every result is named, so the return line stays short
            }

            foreach (var node in order)
            {
                var (code, depth) = Build(node);
                if (node.Kind is not (ExprKind.Number or ExprKind.Constant or ExprKind.Symbol) && (uses[node] > 1 || depth > MaxInline))
                {
                    var local = "_t" + _lines.Count.ToString(CultureInfo.InvariantCulture);
                    _lines.Add($"{local} = {code}");
                    (code, depth) = (local, 0);
                }

                _code[node] = (code, depth);
            }

            return (_lines, roots.Select(r => _code[r].Code).ToArray());
        }

        private (string Code, int Depth) Build(Expr node)
        {
            switch (node)
            {
                case NumberExpr n:
                    return (Literal(n.Value.ToDouble()), 0);
                case ConstantExpr c:
                    return (c.Name == "pi" ? "Math.PI" : "Math.E", 0);
                case SymbolExpr s:
                    return (identifiers[s.Name], 0);
                case SumExpr:
                    return Join(node.Operands, " + ");
                case ProductExpr:
                    return Product(node.Operands);
                case PowerExpr p:
                    return Power(p);
                case CallExpr call:
                    {
                        var (cs, fs, helper) = Templates[call.Function];
                        if (helper is not null)
                        {
                            Helpers.Add(helper);
                        }

                        var args = call.Operands.Select(o => _code[o].Code).ToArray();
                        var template = language == TargetLanguage.CSharp ? cs : fs;
                        var code = template.Contains("{*}", StringComparison.Ordinal)
                            ? template.Replace("{*}", string.Join(language == TargetLanguage.CSharp ? ", " : "; ", args), StringComparison.Ordinal)
                            : string.Format(CultureInfo.InvariantCulture, template, args);
                        return (code, call.Operands.Max(o => _code[o].Depth) + 1);
                    }

                default:
                    throw new InvalidOperationException($"Unknown expression kind {node.Kind}.");
            }
        }

        private (string Code, int Depth) Join(IReadOnlyList<Expr> operands, string op) =>
            ("(" + string.Join(op, operands.Select(o => _code[o].Code)) + ")", operands.Max(o => _code[o].Depth) + 1);

        // Factors with a negative numeric exponent go to the denominator: x·y^(−2) → (x / (y * y)).
        private (string Code, int Depth) Product(IReadOnlyList<Expr> factors)
        {
            var numerator = factors.Where(f => !IsReciprocal(f)).Select(f => _code[f].Code).ToList();
            var denominator = factors.Where(IsReciprocal).Select(f => PowerCode(((PowerExpr)f).Base, -((NumberExpr)((PowerExpr)f).Exponent).Value.ToDouble())).ToList();
            var depth = factors.Max(f => _code[f].Depth) + 1;
            var top = numerator.Count == 0 ? "1.0" : string.Join(" * ", numerator);
            return denominator.Count == 0 ? ("(" + top + ")", depth) : ($"({top} / ({string.Join(" * ", denominator)}))", depth);
        }

        private static bool IsReciprocal(Expr f) => f is PowerExpr { Exponent: NumberExpr { Value.Sign: < 0 } };

        private (string Code, int Depth) Power(PowerExpr p)
        {
            var depth = Math.Max(_code[p.Base].Depth, _code[p.Exponent].Depth) + 1;
            return p.Exponent is NumberExpr n ? (PowerCode(p.Base, n.Value.ToDouble()), depth) : ($"Math.Pow({_code[p.Base].Code}, {_code[p.Exponent].Code})", depth);
        }

        // b^k for a numeric k: 1 → b, 2 → b * b (an atom), ½ → Math.Sqrt, −1 → 1/b, else Math.Pow.
        private string PowerCode(Expr b, double k)
        {
            var code = _code[b].Code;
            var atom = b.Kind is ExprKind.Symbol or ExprKind.Number or ExprKind.Constant || code.StartsWith("_t", StringComparison.Ordinal);
            return k switch
            {
                1 => code,
                2 when atom => $"({code} * {code})",
                0.5 => $"Math.Sqrt({code})",
                -1 => $"(1.0 / {code})",
                -0.5 => $"(1.0 / Math.Sqrt({code}))",
                _ => $"Math.Pow({code}, {Literal(k)})",
            };
        }

        private string Literal(double v)
        {
            if (double.IsNaN(v) || double.IsInfinity(v))
            {
                return language == TargetLanguage.CSharp
                    ? (double.IsNaN(v) ? "double.NaN" : v > 0 ? "double.PositiveInfinity" : "double.NegativeInfinity")
                    : (double.IsNaN(v) ? "nan" : v > 0 ? "infinity" : "(-infinity)");
            }

            var text = v.ToString("R", CultureInfo.InvariantCulture);
            if (!text.Contains('.', StringComparison.Ordinal) && !text.Contains('E', StringComparison.Ordinal))
            {
                text += ".0";
            }

            return v < 0 ? "(" + text + ")" : text;
        }
    }
}
