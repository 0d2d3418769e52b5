using AdVerify.Expressions;
using AdVerify.Numeric;
using AdVerify.Reverse;
using AdVerify.Symbolic;

namespace AdVerify.Verification;

/// <summary>
/// Compares second derivatives from automatic differentiation (forward over reverse), the
/// symbolic Hessian and finite differences, entry by entry.
/// </summary>
internal static class HessianCheck
{
    private const double Eps = 2.220446049250313e-16;

    /// <summary>The deepest expression whose symbolic Hessian is built.</summary>
    private const int MaxSymbolicDepth = 200;

    public static Dictionary<string, IReadOnlyDictionary<string, double>> Run(Expr expr, IReadOnlyDictionary<string, double> point,
        IReadOnlyList<string> wrt, Func<double[], double> f, double[] x, List<Discrepancy> discrepancies)
    {
        var n = wrt.Count;
        var ad = ExprReverse.Hessian(expr, point, wrt);
        // The symbolic second derivative of a deep composition grows with the square of its
        // depth (found by fuzzing: sin(sin(…)) 1,000 deep took minutes); beyond a depth the AD
        // and finite-difference Hessians are compared without it.
        var depth = Traversal.Depth(expr);
        var symbolicExprs = depth <= MaxSymbolicDepth ? Calculus.Hessian(expr, wrt.ToArray()) : null;
        var fd = FiniteDifference.Hessian(f, x);

        var adMap = new Dictionary<string, double>(StringComparer.Ordinal);
        var symMap = new Dictionary<string, double>(StringComparer.Ordinal);
        var fdMap = new Dictionary<string, double>(StringComparer.Ordinal);
        var scale = 0.0;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                scale = Math.Max(scale, Math.Abs(ad[i, j]));
            }
        }

        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var key = wrt[i] + "," + wrt[j];
                var sym = symbolicExprs is not null && Evaluation.TryEvaluate(symbolicExprs[i, j], point, out var s, out _) ? s : double.NaN;
                adMap[key] = ad[i, j];
                symMap[key] = sym;
                fdMap[key] = fd[i, j].Value;

                // Exact engines: rounding grows with the depth of the computation and the size of the matrix entries.
                var exactTol = 16 * Eps * (depth + 1) * (Math.Abs(ad[i, j]) + scale);
                var voters = new List<PointVerifier.SourceValue> { new(Sources.Ad, ad[i, j], exactTol) };
                if (symbolicExprs is not null)
                {
                    voters.Add(new(Sources.Symbolic, sym, exactTol + (8 * PointVerifier.ValueBound(symbolicExprs[i, j], point))));
                }

                if (fd[i, j].IsValid)
                {
                    voters.Add(new(Sources.FiniteDifference, fd[i, j].Value, (2 * fd[i, j].ErrorEstimate) + exactTol));
                }

                if (j >= i)
                {
                    discrepancies.AddRange(PointVerifier.Compare(key, voters, null));
                }
            }
        }

        var result = new Dictionary<string, IReadOnlyDictionary<string, double>>(StringComparer.Ordinal) { [Sources.Ad] = adMap };
        if (symbolicExprs is not null)
        {
            result[Sources.Symbolic] = symMap;
        }

        result[Sources.FiniteDifference] = fdMap;
        return result;
    }
}
