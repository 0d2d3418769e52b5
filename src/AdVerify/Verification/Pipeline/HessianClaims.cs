using AdVerify.Definitions;

namespace AdVerify.Verification.Pipeline;

/// <summary>A claimed Hessian's entries at a point (indices into the differentiated variables), each with its own rounding bound.</summary>
/// <param name="Values">Per entry: NaN where nothing is claimed or the claim is undefined.</param>
/// <param name="Bounds">Absolute rounding bounds of computing each entry (0 when unknown).</param>
/// <param name="Claimed">Which entries the claim states (the orientation as given; the mirror is not filled in).</param>
/// <param name="Notes">Problems met (an undefined claimed entry, with the reason).</param>
internal sealed record HessianClaimValues(double[,] Values, double[,] Bounds, bool[,] Claimed, IReadOnlyList<string> Notes)
{
    /// <summary>The claimed entry at (i, j), or its mirror (j, i) when only that one is given; null when neither is claimed.</summary>
    public (double Value, double Bound)? At(int i, int j) =>
        Claimed[i, j] ? (Values[i, j], Bounds[i, j]) : Claimed[j, i] ? (Values[j, i], Bounds[j, i]) : null;

    /// <summary>True when every entry is claimed in at least one orientation (so uᵀHv of the claim is the full product).</summary>
    public bool IsComplete
    {
        get
        {
            var n = Claimed.GetLength(0);
            for (var i = 0; i < n; i++)
            {
                for (var j = i; j < n; j++)
                {
                    if (At(i, j) is null)
                    {
                        return false;
                    }
                }
            }

            return true;
        }
    }
}

/// <summary>
/// A Hessian the user claims: written formulas per entry (keys "row,column", evaluated as written and
/// charged for their own rounding) or C# code returning the whole matrix.
/// </summary>
internal abstract class ClaimedHessian
{
    /// <summary>The claimed entries for the differentiated variables at a point.</summary>
    public abstract HessianClaimValues Evaluate(double[] x, IReadOnlyList<int> wrt, IReadOnlyList<string> names);

    /// <summary>The claim at the point; C# code that throws is bad input, reported as an error verdict naming the exception.</summary>
    public HessianClaimValues EvaluateAt(PointContext ctx)
    {
        try
        {
            return Evaluate(ctx.X, ctx.Problem.Wrt, ctx.Problem.Definition.Variables);
        }
        catch (Exception e) when (e is not (OutOfMemoryException or ClaimShapeException))
        {
            throw new ClaimShapeException($"the claimed Hessian threw {e.GetType().Name}: {e.Message}");
        }
    }
}

/// <summary>One formula per claimed entry, keyed by (row, column) indices into the definition's variables.</summary>
internal sealed class WrittenHessianClaims(IReadOnlyDictionary<(int Row, int Column), Computation> formulas) : ClaimedHessian
{
    public IReadOnlyDictionary<(int Row, int Column), Computation> Formulas { get; } = formulas;

    public override HessianClaimValues Evaluate(double[] x, IReadOnlyList<int> wrt, IReadOnlyList<string> names)
    {
        var n = wrt.Count;
        var values = new double[n, n];
        var bounds = new double[n, n];
        var claimed = new bool[n, n];
        var notes = new List<string>();
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                values[i, j] = double.NaN;
                if (!Formulas.TryGetValue((wrt[i], wrt[j]), out var c))
                {
                    continue;
                }

                claimed[i, j] = true;
                if (!c.TryEvaluate(x, out values[i, j], out var issue))
                {
                    notes.Add($"the claimed second derivative {Vote.Entry(names[wrt[i]] + "," + names[wrt[j]])} is undefined at the point: {issue!.Message}");
                    values[i, j] = double.NaN;
                    continue;
                }

                bounds[i, j] = new ErrorModel(c, x).ValueBound();
            }
        }

        return new HessianClaimValues(values, bounds, claimed, notes);
    }
}

/// <summary>C# code returning the whole Hessian (n × n over the definition's variables).</summary>
internal sealed class DelegateHessianClaim(Func<double[], double[,]> hessian) : ClaimedHessian
{
    public override HessianClaimValues Evaluate(double[] x, IReadOnlyList<int> wrt, IReadOnlyList<string> names)
    {
        var h = hessian((double[])x.Clone());
        if (h is null || h.GetLength(0) != x.Length || h.GetLength(1) != x.Length)
        {
            var shape = h is null ? "nothing" : $"a {h.GetLength(0)}×{h.GetLength(1)} matrix";
            throw new ClaimShapeException($"the claimed Hessian is {shape} but the function has {x.Length} variable(s) ({string.Join(", ", names)}): it must be {x.Length}×{x.Length}");
        }

        var n = wrt.Count;
        var values = new double[n, n];
        var claimed = new bool[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                values[i, j] = h[wrt[i], wrt[j]];
                claimed[i, j] = true;
            }
        }

        return new HessianClaimValues(values, new double[n, n], claimed, []);
    }
}
