using System.Numerics;

namespace AdVerify.Expressions;

/// <summary>
/// A product (or a power with a negative numeric exponent) seen as a signed fraction for
/// printing: sign, integer coefficients of numerator and denominator, the factors of the
/// numerator, and the denominator factors as bases with positive exponents. Both the infix
/// and the LaTeX writers print products from this one decomposition.
/// </summary>
internal sealed class Quotient
{
    private Quotient(bool negative, BigInteger numeratorCoefficient, BigInteger denominatorCoefficient)
    {
        Negative = negative;
        NumeratorCoefficient = numeratorCoefficient;
        DenominatorCoefficient = denominatorCoefficient;
    }

    /// <summary>True when the whole fraction is negative.</summary>
    public bool Negative { get; }

    /// <summary>The absolute value of the coefficient's numerator.</summary>
    public BigInteger NumeratorCoefficient { get; }

    /// <summary>The coefficient's denominator (1 when the coefficient is an integer).</summary>
    public BigInteger DenominatorCoefficient { get; }

    /// <summary>Factors above the fraction bar, in canonical order.</summary>
    public List<Expr> Numerator { get; } = [];

    /// <summary>Factors below the bar, with positive exponents (the reciprocals of the factors written there).</summary>
    public List<Expr> Denominator { get; } = [];

    /// <summary>True when the denominator is empty and the coefficient is an integer.</summary>
    public bool IsWhole => Denominator.Count == 0 && DenominatorCoefficient.IsOne;

    /// <summary>Tells whether a node prints as a fraction: any product, or a power with a negative numeric exponent.</summary>
    /// <param name="e">The node.</param>
    /// <returns>True for products and reciprocal powers.</returns>
    public static bool Applies(Expr e) => e is ProductExpr || IsReciprocal(e, out _);

    /// <summary>True for a number below zero or a product with a negative coefficient: terms a sum prints with <c>−</c>.</summary>
    /// <param name="e">The term.</param>
    /// <returns>True when the term carries a minus sign.</returns>
    public static bool IsNegative(Expr e) =>
        e switch
        {
            NumberExpr n => n.Value.Sign < 0,
            ProductExpr p => p.Span[0] is NumberExpr c && c.Value.Sign < 0,
            _ => false,
        };

    /// <summary>Splits a node into a fraction.</summary>
    /// <param name="e">A product, or a power with a negative numeric exponent.</param>
    /// <param name="negate">True to flip the sign (a subtracted term of a sum).</param>
    /// <param name="opaque">Factors to keep whole in the numerator (named temporaries), or null.</param>
    /// <returns>The decomposition.</returns>
    public static Quotient Of(Expr e, bool negate, Func<Expr, bool>? opaque)
    {
        var factors = e is ProductExpr p ? p.Operands : [e];
        var coefficient = factors[0] is NumberExpr n ? n.Value : Rational.One;
        if (negate)
        {
            coefficient = -coefficient;
        }

        var q = new Quotient(coefficient.Sign < 0, BigInteger.Abs(coefficient.Numerator), coefficient.Denominator);
        foreach (var f in factors)
        {
            if (f is NumberExpr)
            {
                continue;
            }

            if ((opaque is null || !opaque(f)) && IsReciprocal(f, out var positive))
            {
                q.Denominator.Add(positive);
            }
            else
            {
                q.Numerator.Add(f);
            }
        }

        return q;
    }

    /// <summary>
    /// True for b^(−k) with a numeric k &gt; 0 whose positive counterpart b^k is still a power
    /// (so that 1/b^k reads back as b^(−k); 0^(−2) is not one, since 0^2 folds to 0).
    /// </summary>
    private static bool IsReciprocal(Expr e, out Expr positive)
    {
        positive = e;
        if (e is not PowerExpr { Exponent: NumberExpr { Value: { Sign: < 0 } k } } p)
        {
            return false;
        }

        positive = Expr.Pow(p.Base, Expr.Number(-k));
        return (-k).IsOne || positive is PowerExpr;
    }
}
