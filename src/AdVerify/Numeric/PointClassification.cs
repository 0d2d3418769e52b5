using System.Globalization;

namespace AdVerify.Numeric;

/// <summary>How a function behaves at a point along one variable or direction.</summary>
public enum SmoothnessKind
{
    /// <summary>Left and right derivatives agree within their error estimates.</summary>
    Differentiable,

    /// <summary>Finite left and right derivatives that differ beyond their error estimates (abs at 0).</summary>
    Kink,

    /// <summary>A one-sided difference quotient grows without bound as the step shrinks (sqrt or cbrt at 0).</summary>
    InfiniteSlope,

    /// <summary>The value jumps: a one-sided limit differs from the value (sign at 0).</summary>
    Jump,

    /// <summary>The point is on the edge of the domain: the function is undefined on one side and smooth on the other.</summary>
    DomainEdge,

    /// <summary>The function is undefined (outside its domain or not finite) at the point.</summary>
    Undefined,
}

/// <summary>The verdict of <see cref="SmoothnessClassifier"/> at one point and variable.</summary>
/// <param name="Kind">What the function looks like there.</param>
/// <param name="Value">The function value at the point.</param>
/// <param name="Left">The left derivative (NaN when undefined or infinite; ±∞ for an infinite slope).</param>
/// <param name="Right">The right derivative (NaN when undefined or infinite; ±∞ for an infinite slope).</param>
/// <param name="LeftEstimate">The left one-sided estimate with its error, when computed.</param>
/// <param name="RightEstimate">The right one-sided estimate with its error, when computed.</param>
/// <param name="Message">A human-readable sentence such as "kink at x = 0: left slope -1, right slope 1".</param>
public sealed record PointClassification(
    SmoothnessKind Kind,
    double Value,
    double Left,
    double Right,
    DerivativeEstimate? LeftEstimate,
    DerivativeEstimate? RightEstimate,
    string Message)
{
    /// <summary>True when the function is differentiable at the point (in the tested direction).</summary>
    public bool IsDifferentiable => Kind == SmoothnessKind.Differentiable;

    /// <inheritdoc />
    public override string ToString() => Message;

    /// <summary>Formats a number compactly for messages (six significant digits).</summary>
    /// <param name="v">The number.</param>
    /// <returns>The text.</returns>
    internal static string Format(double v) => v == 0 ? "0" : v.ToString("G6", CultureInfo.InvariantCulture);
}
