namespace AdVerify.Tests.Symbolic;

/// <summary>A high-accuracy numeric derivative for checking symbolic ones: the 5-point central stencil with one Richardson step (error O(h⁶)).</summary>
internal static class NumericDerivative
{
    public static double Central(Func<double, double> f, double x, double relativeStep = 1e-3)
    {
        var h = relativeStep * Math.Max(1, Math.Abs(x));
        return (16 * FivePoint(f, x, h / 2) - FivePoint(f, x, h)) / 15;
    }

    private static double FivePoint(Func<double, double> f, double x, double h) =>
        (-f(x + 2 * h) + 8 * f(x + h) - 8 * f(x - h) + f(x - 2 * h)) / (12 * h);

    public static bool Close(double actual, double expected, double relative) =>
        Math.Abs(actual - expected) <= relative * Math.Max(1, Math.Abs(expected));
}
