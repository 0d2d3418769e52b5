using System.Runtime.CompilerServices;
using AdVerify.Forward;

namespace AdVerify.Reverse;

/// <summary>
/// How a <see cref="Var{T}"/> carries its derivative: d(this) = c₀·d(node i₀) + c₁·d(node i₁),
/// where index 0 means "no term" (its coefficient is then meaningless and never read). An
/// operation with local partials ∂a, ∂b scales its operands' terms and merges terms on the same
/// node; only when more than two distinct nodes remain does it write a node to the tape
/// (<see cref="Tape{T}.Record(int, T, int, T, int, T, int, T)"/>) and stand for that node. This is
/// Adept's statement-level recording done at run time: chains of unary operations, operations
/// with constants, squares and short sums write nothing, and a node keeps every partial of the
/// expression that produced it.
/// </summary>
public readonly partial struct Var<T>
{
    private readonly T _c0;
    private readonly T _c1;
    private readonly int _i0;
    private readonly int _i1;

    /// <summary>The value.</summary>
    public T Value { [MethodImpl(MethodImplOptions.AggressiveInlining)] get; }

    /// <summary>A number standing for exactly one node (an input or a recorded result).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal Var(T value, int node)
    {
        Value = value;
        _i0 = node;
        _c0 = T.One;
        _i1 = 0;
        _c1 = T.Zero;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Var(T value, int i0, T c0, int i1, T c1)
    {
        Value = value;
        _i0 = i0;
        _c0 = c0;
        _i1 = i1;
        _c1 = c1;
    }

    /// <summary>The terms: d(this) = C0·d(node I0) + C1·d(node I1), index 0 meaning no term.</summary>
    internal (int I0, T C0, int I1, T C1) Terms => (_i0, _c0, _i1, _c1);

    /// <summary>True when the number is exactly one node with coefficient 1 (a variable or a recorded result).</summary>
    internal bool IsNode => _i0 != 0 && _i1 == 0 && IsExactlyOne(_c0);

    private static bool IsExactlyOne(T c)
    {
        if (typeof(T) == typeof(double))
        {
            return (double)(object)c == 1.0;
        }

        if (typeof(T) == typeof(Dual<double>))
        {
            var d = (Dual<double>)(object)c;
            return d.Value == 1.0 && d.Tangent == 0.0;
        }

        // Other scalars compare by primal value only, so compare the bits with those of T.One.
        if (!RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            var one = T.One;
            ref var x = ref Unsafe.As<T, byte>(ref c);
            ref var y = ref Unsafe.As<T, byte>(ref one);
            for (var k = 0; k < Unsafe.SizeOf<T>(); k++)
            {
                if (Unsafe.Add(ref x, k) != Unsafe.Add(ref y, k))
                {
                    return false;
                }
            }

            return true;
        }

        return c == T.One;
    }

    /// <summary>r with the terms of a scaled by ∂a.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Var<T> Chain(T r, Var<T> a, T da) => new(r, a._i0, a._c0 * da, a._i1, a._c1 * da);

    /// <summary>r with the terms of a (derivative 1): a plus a constant.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Var<T> Shifted(T r, Var<T> a) => new(r, a._i0, a._c0, a._i1, a._c1);

    /// <summary>−a.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Var<T> Negated(Var<T> a) => new(-a.Value, a._i0, -a._c0, a._i1, -a._c1);

    /// <summary>r with the terms of a scaled by ∂a merged with those of b scaled by ∂b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Var<T> Chain(T r, Var<T> a, T da, Var<T> b, T db) =>
        Combine(r, a._i0, a._c0 * da, a._i1, a._c1 * da, b._i0, b._c0 * db, b._i1, b._c1 * db);

    /// <summary>r with the terms of a merged with those of b (or of −b): a sum or difference.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Var<T> Combine(T r, Var<T> a, Var<T> b, bool negate) =>
        negate
            ? Combine(r, a._i0, a._c0, a._i1, a._c1, b._i0, -b._c0, b._i1, -b._c1)
            : Combine(r, a._i0, a._c0, a._i1, a._c1, b._i0, b._c0, b._i1, b._c1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Var<T> Combine(T r, int i0, T c0, int i1, T c1, int j0, T d0, int j1, T d1)
    {
        if (j0 == 0)
        {
            return new(r, i0, c0, i1, c1);
        }

        if (i0 == 0)
        {
            return new(r, j0, d0, j1, d1);
        }

        if (((i0 ^ j0) | (i1 ^ j1)) == 0)
        {
            // The same nodes (x·x, a·a, …): add the coefficients.
            return new(r, i0, c0 + d0, i1, c1 + d1);
        }

        // Inline for doubles; out of line for nested scalars, whose dual arithmetic would otherwise
        // exhaust the JIT's inlining budget for the user's function.
        return typeof(T) == typeof(double)
            ? Merge(r, i0, c0, i1, c1, j0, d0, j1, d1)
            : MergeOutOfLine(r, i0, c0, i1, c1, j0, d0, j1, d1);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Var<T> MergeOutOfLine(T r, int i0, T c0, int i1, T c1, int j0, T d0, int j1, T d1) =>
        Merge(r, i0, c0, i1, c1, j0, d0, j1, d1);

    /// <summary>Merges (i0, c0), (i1, c1) with (j0, d0), (j1, d1) where i0 and j0 are nodes; records a node when three or four distinct nodes remain.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Var<T> Merge(T r, int i0, T c0, int i1, T c1, int j0, T d0, int j1, T d1)
    {
        var m0 = c0;
        var m1 = c1;
        var k1 = i1;
        if (j0 == i0)
        {
            m0 += d0;
        }
        else if (j0 == k1)
        {
            m1 += d0;
        }
        else if (k1 == 0)
        {
            k1 = j0;
            m1 = d0;
        }
        else
        {
            goto Full;
        }

        if (j1 != 0)
        {
            if (j1 == i0)
            {
                m0 += d1;
            }
            else if (j1 == k1)
            {
                m1 += d1;
            }
            else if (k1 == 0)
            {
                k1 = j1;
                m1 = d1;
            }
            else
            {
                goto Full;
            }
        }

        return new(r, i0, m0, k1, m1);

    Full:
        return new(r, Tape<T>.Record(i0, c0, i1, c1, j0, d0, j1, d1));
    }
}
