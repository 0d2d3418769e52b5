using AdVerify.Expressions;

namespace AdVerify.Symbolic;

/// <summary>How a power node is computed in double precision.</summary>
internal enum PowerForm
{
    /// <summary>Math.Pow(base, exponent).</summary>
    General,

    /// <summary>Math.Sqrt(base), for the exponent 1/2.</summary>
    Sqrt,

    /// <summary>1 / Math.Sqrt(base), for the exponent −1/2.</summary>
    ReciprocalSqrt,

    /// <summary>Repeated multiplication, for small integer exponents.</summary>
    SmallInteger,
}

/// <summary>
/// The one definition of how powers are computed, shared by <see cref="Evaluation"/> and
/// <see cref="Compiler"/> so that both give bit-identical results. The form depends only on
/// the exponent node (never on a computed value).
/// </summary>
internal static class RealPower
{
    /// <summary>The largest |n| for which xⁿ is computed by multiplication rather than Math.Pow.</summary>
    public const int MaxMultipliedExponent = 32;

    private static readonly Rational Half = Rational.Half;
    private static readonly Rational MinusHalf = -Rational.Half;

    public static (PowerForm Form, int N) Classify(Expr exponent)
    {
        if (exponent is NumberExpr n)
        {
            var v = n.Value;
            if (v == Half)
            {
                return (PowerForm.Sqrt, 0);
            }

            if (v == MinusHalf)
            {
                return (PowerForm.ReciprocalSqrt, 0);
            }

            if (v.IsInteger && !v.IsZero && v.Numerator.GetBitLength() <= 7 && int.Abs((int)v.Numerator) <= MaxMultipliedExponent)
            {
                return (PowerForm.SmallInteger, (int)v.Numerator);
            }
        }

        return (PowerForm.General, 0);
    }

    public static double Evaluate(PowerForm form, int n, double b, double e) => form switch
    {
        PowerForm.Sqrt => Math.Sqrt(b),
        PowerForm.ReciprocalSqrt => 1.0 / Math.Sqrt(b),
        PowerForm.SmallInteger => n > 0 ? IntegerPower(b, n) : 1.0 / IntegerPower(b, -n),
        _ => Math.Pow(b, e),
    };

    /// <summary>xⁿ for n ≥ 1 by the recursion x¹ = x, x²ᵏ = (xᵏ)², x²ᵏ⁺¹ = x²ᵏ·x (the compiler emits the same steps).</summary>
    public static double IntegerPower(double x, int n)
    {
        if (n == 1)
        {
            return x;
        }

        if (n % 2 == 0)
        {
            var half = IntegerPower(x, n / 2);
            return half * half;
        }

        return IntegerPower(x, n - 1) * x;
    }
}
