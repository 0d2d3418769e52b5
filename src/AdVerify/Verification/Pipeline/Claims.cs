using AdVerify.Definitions;

namespace AdVerify.Verification.Pipeline;

/// <summary>A claimed gradient's entries at a point, with each entry's own rounding bound.</summary>
/// <param name="Values">One value per differentiated variable (NaN where nothing is claimed or the claim is undefined).</param>
/// <param name="Bounds">Absolute rounding bounds of computing each value (0 when unknown).</param>
/// <param name="Notes">Problems met (an undefined claim, with the reason).</param>
internal sealed record ClaimValues(double[] Values, double[] Bounds, IReadOnlyList<string> Notes);

/// <summary>
/// A gradient the user claims: either one written formula per variable (evaluated as written,
/// charged for its own rounding) or C# code returning the whole gradient.
/// </summary>
internal abstract class ClaimedGradient
{
    /// <summary>Tells whether the claim covers a variable.</summary>
    public abstract bool Claims(int variable);

    /// <summary>The claimed entries for the differentiated variables at a point.</summary>
    public abstract ClaimValues Evaluate(double[] x, IReadOnlyList<int> wrt, IReadOnlyList<string> names);
}

/// <summary>One formula per variable, each a computation over the definition's variables.</summary>
internal sealed class WrittenClaims(IReadOnlyDictionary<int, Computation> formulas) : ClaimedGradient
{
    public IReadOnlyDictionary<int, Computation> Formulas { get; } = formulas;

    public override bool Claims(int variable) => Formulas.ContainsKey(variable);

    public override ClaimValues Evaluate(double[] x, IReadOnlyList<int> wrt, IReadOnlyList<string> names)
    {
        var values = new double[wrt.Count];
        var bounds = new double[wrt.Count];
        var notes = new List<string>();
        for (var k = 0; k < wrt.Count; k++)
        {
            if (!Formulas.TryGetValue(wrt[k], out var c))
            {
                values[k] = double.NaN;
                continue;
            }

            if (!c.TryEvaluate(x, out values[k], out var issue))
            {
                notes.Add($"the claimed derivative for {names[wrt[k]]} is undefined at the point: {issue!.Message}");
                values[k] = double.NaN;
                continue;
            }

            bounds[k] = new ErrorModel(c, x).ValueBound();
        }

        return new ClaimValues(values, bounds, notes);
    }
}

/// <summary>C# code returning the whole gradient (one entry per variable of the definition).</summary>
internal sealed class DelegateClaim(Func<double[], double[]> gradient) : ClaimedGradient
{
    public override bool Claims(int variable) => true;

    public override ClaimValues Evaluate(double[] x, IReadOnlyList<int> wrt, IReadOnlyList<string> names)
    {
        var g = gradient((double[])x.Clone());
        if (g is null || g.Length != x.Length)
        {
            throw new ClaimShapeException($"the claimed gradient has {g?.Length ?? 0} entries but the function has {x.Length} variable(s) ({string.Join(", ", names)})");
        }

        return new ClaimValues(wrt.Select(i => g[i]).ToArray(), new double[wrt.Count], []);
    }
}

/// <summary>Float code returning the whole gradient in single precision (one entry per variable of the definition).</summary>
internal sealed class FloatDelegateClaim(Func<float[], float[]> gradient) : ClaimedGradient
{
    public override bool Claims(int variable) => true;

    public override ClaimValues Evaluate(double[] x, IReadOnlyList<int> wrt, IReadOnlyList<string> names)
    {
        var g = gradient(Array.ConvertAll(x, v => (float)v));
        if (g is null || g.Length != x.Length)
        {
            throw new ClaimShapeException($"the claimed gradient has {g?.Length ?? 0} entries but the function has {x.Length} variable(s) ({string.Join(", ", names)})");
        }

        return new ClaimValues(wrt.Select(i => (double)g[i]).ToArray(), new double[wrt.Count], []);
    }
}

/// <summary>A claimed gradient of the wrong length: bad input, reported as an error verdict.</summary>
internal sealed class ClaimShapeException(string message) : Exception(message);
