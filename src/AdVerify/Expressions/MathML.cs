using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;

namespace AdVerify.Expressions;

/// <summary>
/// Presentation MathML output (the markup browsers render natively inside HTML), alongside
/// infix text and LaTeX: <c>&lt;mfrac&gt;</c> for quotients, <c>&lt;msqrt&gt;</c> and
/// <c>&lt;mroot&gt;</c> for roots, <c>&lt;msup&gt;</c> for powers and eˣ, subscripts for
/// Bessel orders and logarithm bases, bars for |x|, and function names with the invisible
/// function-application operator. A function's symbol is taken from its registry LaTeX form
/// (<c>\Gamma</c> → Γ, <c>\operatorname{erf}</c> → erf), so the registry stays the one source.
/// </summary>
public static partial class MathML
{
    private const string Namespace = "http://www.w3.org/1998/Math/MathML";

    private const int SumLevel = 1;
    private const int ProductLevel = 2;
    private const int PowerLevel = 3;
    private const int AtomLevel = 4;

    private static readonly Dictionary<string, string> Greek = new(StringComparer.Ordinal)
    {
        ["alpha"] = "α", ["beta"] = "β", ["gamma"] = "γ", ["delta"] = "δ", ["epsilon"] = "ε", ["theta"] = "θ", ["lambda"] = "λ",
        ["mu"] = "μ", ["sigma"] = "σ", ["tau"] = "τ", ["phi"] = "φ", ["psi"] = "ψ", ["omega"] = "ω", ["Gamma"] = "Γ", ["pi"] = "π",
    };

    /// <summary>Writes an expression as a complete <c>&lt;math&gt;</c> element.</summary>
    /// <param name="expr">The expression.</param>
    /// <param name="display">True for a display (block) formula, false for inline.</param>
    /// <returns>The MathML markup.</returns>
    public static string Format(Expr expr, bool display = false)
    {
        ArgumentNullException.ThrowIfNull(expr);
        var body = new StringBuilder();
        Write(expr, body, 0);
        return $"<math xmlns=\"{Namespace}\"{(display ? " display=\"block\"" : "")}><mrow>{body}</mrow></math>";
    }

    // Writes e, in parentheses when its level is below what the context needs; returns nothing.
    private static void Write(Expr e, StringBuilder s, int needed)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        var inner = new StringBuilder();
        var level = Node(e, inner);
        if (level < needed)
        {
            s.Append("<mrow><mo>(</mo>").Append(inner).Append("<mo>)</mo></mrow>");
        }
        else
        {
            s.Append(inner);
        }
    }

    private static int Node(Expr e, StringBuilder s)
    {
        switch (e)
        {
            case NumberExpr n:
                return Number(n.Value, s);
            case ConstantExpr c:
                s.Append(c.Name == "pi" ? "<mi>π</mi>" : "<mi>e</mi>");
                return AtomLevel;
            case SymbolExpr v:
                s.Append(Identifier(v.Name));
                return AtomLevel;
            case SumExpr sum:
                for (var i = 0; i < sum.Operands.Count; i++)
                {
                    var term = sum.Operands[i];
                    var negative = Quotient.IsNegative(term);
                    if (i > 0 || negative)
                    {
                        s.Append(negative ? "<mo>−</mo>" : "<mo>+</mo>");
                    }

                    Write(negative ? Expr.Negate(term) : term, s, negative ? ProductLevel : SumLevel);
                }

                return SumLevel;
            case PowerExpr p when Quotient.Applies(p):
            case ProductExpr:
                return Fraction(e, s);
            case PowerExpr p:
                return Power(p, s);
            case CallExpr call:
                return Call(call, s);
            default:
                throw new InvalidOperationException($"Unknown expression kind {e.Kind}.");
        }
    }

    private static int Number(Rational v, StringBuilder s)
    {
        var sign = v.Sign < 0 ? "<mo>−</mo>" : "";
        var numerator = BigInteger.Abs(v.Numerator).ToString(CultureInfo.InvariantCulture);
        s.Append(sign);
        s.Append(v.IsInteger ? $"<mn>{numerator}</mn>" : $"<mfrac><mn>{numerator}</mn><mn>{v.Denominator.ToString(CultureInfo.InvariantCulture)}</mn></mfrac>");
        return v.Sign < 0 ? SumLevel : v.IsInteger ? AtomLevel : ProductLevel;
    }

    private static int Fraction(Expr e, StringBuilder s)
    {
        var q = Quotient.Of(e, negate: false, opaque: null);
        if (q.Negative)
        {
            s.Append("<mo>−</mo>");
        }

        var top = new StringBuilder();
        Factors(q.NumeratorCoefficient, q.Numerator, top);
        if (q.IsWhole)
        {
            s.Append(top);
            return q.Negative ? SumLevel : ProductLevel;
        }

        var bottom = new StringBuilder();
        Factors(q.DenominatorCoefficient, q.Denominator, bottom);
        s.Append("<mfrac><mrow>").Append(top).Append("</mrow><mrow>").Append(bottom).Append("</mrow></mfrac>");
        return q.Negative ? SumLevel : ProductLevel;
    }

    private static void Factors(BigInteger coefficient, IReadOnlyList<Expr> factors, StringBuilder s)
    {
        var count = 0;
        if (!coefficient.IsOne || factors.Count == 0)
        {
            s.Append($"<mn>{coefficient.ToString(CultureInfo.InvariantCulture)}</mn>");
            count++;
        }

        foreach (var f in factors)
        {
            if (count++ > 0)
            {
                s.Append(f is NumberExpr || f is PowerExpr { Base: NumberExpr } ? "<mo>·</mo>" : "<mo>&#x2062;</mo>");
            }

            Write(f, s, PowerLevel);
        }
    }

    private static int Power(PowerExpr p, StringBuilder s)
    {
        if (p.Exponent is NumberExpr { Value: var k } && k.Numerator.IsOne && k.Denominator > 1 && k.Denominator < 1000)
        {
            var radicand = new StringBuilder();
            Write(p.Base, radicand, 0);
            s.Append(k.Denominator == 2
                ? $"<msqrt>{radicand}</msqrt>"
                : $"<mroot><mrow>{radicand}</mrow><mn>{k.Denominator.ToString(CultureInfo.InvariantCulture)}</mn></mroot>");
            return AtomLevel;
        }

        s.Append("<msup><mrow>");
        Write(p.Base, s, AtomLevel);
        s.Append("</mrow><mrow>");
        Write(p.Exponent, s, 0);
        s.Append("</mrow></msup>");
        return PowerLevel;
    }

    private static int Call(CallExpr call, StringBuilder s)
    {
        var f = call.Function;
        var args = call.Operands;
        if (ReferenceEquals(f, Functions.Exp))
        {
            s.Append("<msup><mi>e</mi><mrow>");
            Write(args[0], s, 0);
            s.Append("</mrow></msup>");
            return PowerLevel;
        }

        if (ReferenceEquals(f, Functions.Abs))
        {
            s.Append("<mrow><mo>|</mo>");
            Write(args[0], s, 0);
            s.Append("<mo>|</mo></mrow>");
            return AtomLevel;
        }

        if (f.LaTeX.StartsWith(@"\sqrt[3]", StringComparison.Ordinal))
        {
            var radicand = new StringBuilder();
            Write(args[0], radicand, 0);
            s.Append($"<mroot><mrow>{radicand}</mrow><mn>3</mn></mroot>");
            return AtomLevel;
        }

        // Templates of the registry's LaTeX: X_{#1}\left(#2\right) (a subscript) and X^{(#1)}\left(#2\right) (a superscript).
        var template = Template().Match(f.LaTeX);
        var rest = args;
        if (template.Success)
        {
            var head = Symbol(template.Groups["head"].Value);
            var first = new StringBuilder();
            Write(args[0], first, 0);
            s.Append(template.Groups["kind"].Value == "_"
                ? $"<msub>{head}<mrow>{first}</mrow></msub>"
                : $"<msup>{head}<mrow><mo>(</mo>{first}<mo>)</mo></mrow></msup>");
            rest = args.Skip(1).ToArray();
        }
        else
        {
            s.Append(Symbol(f.LaTeX));
        }

        s.Append("<mo>&#x2061;</mo><mrow><mo>(</mo>");
        for (var i = 0; i < rest.Count; i++)
        {
            if (i > 0)
            {
                s.Append("<mo>,</mo>");
            }

            Write(rest[i], s, 0);
        }

        s.Append("<mo>)</mo></mrow>");
        return AtomLevel;
    }

    // A function's symbol from its LaTeX: \sin → sin, \operatorname{erf} → erf, \Gamma → Γ, \mathrm{B} → B, \ln\Gamma → lnΓ, erf^{-1} → erf⁻¹.
    private static string Symbol(string latex)
    {
        var subscripted = Subscripted().Match(latex);
        if (subscripted.Success)
        {
            return $"<msub>{Symbol(subscripted.Groups["head"].Value)}<mn>{Escape(subscripted.Groups["sub"].Value)}</mn></msub>";
        }

        var inverse = latex.EndsWith("^{-1}", StringComparison.Ordinal);
        var text = inverse ? latex[..^5] : latex;
        var prime = text.EndsWith('\'');
        text = prime ? text[..^1] : text;
        text = Command().Replace(text, m => m.Groups["arg"].Success ? m.Groups["arg"].Value : Greek.GetValueOrDefault(m.Groups["name"].Value, m.Groups["name"].Value));
        var mi = $"<mi>{Escape(text)}</mi>";
        return inverse ? $"<msup>{mi}<mrow><mo>−</mo><mn>1</mn></mrow></msup>" : prime ? $"<msup>{mi}<mo>′</mo></msup>" : mi;
    }

    // A variable: Greek names as letters, x_1 as a subscript.
    private static string Identifier(string name)
    {
        var underscore = name.IndexOf('_', StringComparison.Ordinal);
        if (underscore > 0 && underscore < name.Length - 1)
        {
            return $"<msub>{Identifier(name[..underscore])}<mi>{Escape(name[(underscore + 1)..])}</mi></msub>";
        }

        return $"<mi>{Escape(Greek.GetValueOrDefault(name, name))}</mi>";
    }

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    [GeneratedRegex(@"^(?<head>.+?)(?<kind>[_^])\{\(?#1\)?\}\\left\(#2\\right\)$")]
    private static partial Regex Template();

    [GeneratedRegex(@"^(?<head>\\[A-Za-z]+)_\{(?<sub>[0-9]+)\}$")]
    private static partial Regex Subscripted();

    [GeneratedRegex(@"\\(?:operatorname|mathrm)\{(?<arg>[^}]*)\}|\\(?<name>[A-Za-z]+)")]
    private static partial Regex Command();
}
