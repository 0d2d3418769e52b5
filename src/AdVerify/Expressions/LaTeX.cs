namespace AdVerify.Expressions;

/// <summary>Typesetting of expressions as LaTeX math-mode text.</summary>
public static class LaTeX
{
    /// <summary>
    /// Prints an expression as LaTeX: <c>\frac{a}{b}</c> for quotients, <c>\sqrt{x}</c> and
    /// <c>\sqrt[3]{x}</c> for roots, <c>e^{x}</c> for exponentials, <c>x^{2}</c> for powers,
    /// <c>\sin\left(x\right)</c> for calls, <c>\pi</c>, Greek letters for variables named
    /// <c>alpha</c>, <c>sigma</c> …, and subscripts for names such as <c>x_1</c>.
    /// </summary>
    /// <param name="expr">The expression.</param>
    /// <returns>The LaTeX text (without math delimiters).</returns>
    public static string Format(Expr expr)
    {
        ArgumentNullException.ThrowIfNull(expr);
        return new LaTeXWriter().Write(expr);
    }

    /// <summary>The LaTeX form of a variable name: <c>alpha</c> → <c>\alpha</c>, <c>x_1</c> → <c>x_{1}</c>, <c>rate</c> → <c>\mathrm{rate}</c>.</summary>
    /// <param name="name">The variable name.</param>
    /// <returns>The LaTeX text.</returns>
    public static string FormatName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return LaTeXWriter.Name(name);
    }
}
