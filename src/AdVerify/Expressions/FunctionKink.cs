namespace AdVerify.Expressions;

/// <summary>
/// A place where a registry function is defined but not differentiable: abs at 0, the tie of
/// min and max, hypot at the origin, the domain edge of asin, the branch cut of atan2. The
/// verifier's kink detector asks every call of an expression whether its arguments sit on one
/// of these, and hands only such points to the (more expensive) numeric smoothness classifier.
/// </summary>
public sealed class FunctionKink
{
    private readonly Func<double[], bool> _isAt;
    private readonly Func<double[], string> _describe;
    private readonly Func<double[], (double Left, double Right)>? _slopes;

    /// <summary>Creates a kink description.</summary>
    /// <param name="where">Where it is, in words over the argument names (for example <c>x = 0</c>).</param>
    /// <param name="isAt">Tells whether an argument list sits exactly on the kink.</param>
    /// <param name="describe">Completes the sentence "f(…) …" for an argument list on the kink (for example <c>has argument 0</c>).</param>
    /// <param name="oneSidedSlopes">
    /// For a one-argument function, the slopes from the left and from the right at the kink
    /// (±∞ for a vertical tangent); null where one-sided slopes do not describe it (a jump, or
    /// a function of two arguments).
    /// </param>
    public FunctionKink(string where, Func<double[], bool> isAt, Func<double[], string> describe,
        Func<double[], (double Left, double Right)>? oneSidedSlopes = null)
    {
        Where = where ?? throw new ArgumentNullException(nameof(where));
        _isAt = isAt ?? throw new ArgumentNullException(nameof(isAt));
        _describe = describe ?? throw new ArgumentNullException(nameof(describe));
        _slopes = oneSidedSlopes;
    }

    /// <summary>Where the kink is, in words over the argument names, for example <c>x = 0</c>.</summary>
    public string Where { get; }

    /// <summary>True when the one-sided slopes are known (see <see cref="OneSidedSlopes"/>).</summary>
    public bool HasOneSidedSlopes => _slopes is not null;

    /// <summary>Tells whether an argument list sits exactly on the kink.</summary>
    /// <param name="args">The real arguments.</param>
    /// <returns>True on the kink.</returns>
    public bool IsAt(double[] args) => _isAt(args);

    /// <summary>The end of the sentence "f(…) …" explaining the kink at an argument list on it.</summary>
    /// <param name="args">The real arguments (on the kink).</param>
    /// <returns>For example <c>has argument 0</c>.</returns>
    public string Describe(double[] args) => _describe(args);

    /// <summary>The slopes from the left and from the right at an argument on the kink.</summary>
    /// <param name="args">The real arguments (on the kink).</param>
    /// <returns>The left and right derivatives.</returns>
    /// <exception cref="InvalidOperationException">The kink has no one-sided slopes (<see cref="HasOneSidedSlopes"/> is false).</exception>
    public (double Left, double Right) OneSidedSlopes(double[] args) =>
        _slopes is not null ? _slopes(args) : throw new InvalidOperationException($"The kink at {Where} has no one-sided slopes.");

    /// <inheritdoc />
    public override string ToString() => Where;
}
