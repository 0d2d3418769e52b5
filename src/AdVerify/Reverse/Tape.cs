using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AdVerify.Forward;

namespace AdVerify.Reverse;

/// <summary>
/// A reverse-mode tape (Wengert list): every operation on <see cref="Var{T}"/> numbers appends a
/// node holding the indices of at most two parents and the local partial derivatives with
/// respect to them. <see cref="Backward(Var{T})"/> sweeps the nodes from the output back to the
/// start, accumulating adjoints into every input. Node 0 is a sink standing for "no parent":
/// constants live there, so recording needs no branches. Storage is kept across
/// <see cref="Reset"/>, so a warm tape records and sweeps without allocating.
/// Each thread has its own current tape (<see cref="Current"/>), so parallel evaluations
/// never share state.
/// </summary>
/// <typeparam name="T">The scalar of values and partials: double, or a dual number for forward-over-reverse.</typeparam>
public sealed class Tape<T>
    where T : INumber<T>, ITrigonometricFunctions<T>, IHyperbolicFunctions<T>, IExponentialFunctions<T>,
        ILogarithmicFunctions<T>, IPowerFunctions<T>, IRootFunctions<T>
{
    [ThreadStatic]
    private static Tape<T>? _current;

    [ThreadStatic]
    private static Tape<T>? _spare;

    private Var<T>[] _inputs = [];
    private Node[] _nodes;
    private T[] _adjoints;
    private int _count;

    /// <summary>Creates an empty tape.</summary>
    /// <param name="capacity">The initial number of nodes it can hold without growing.</param>
    public Tape(int capacity = 1024)
    {
        _nodes = new Node[Math.Max(2, capacity)];
        _adjoints = new T[_nodes.Length];
        _count = 1;
    }

    /// <summary>The tape that operations on this thread record into (created on first use).</summary>
    public static Tape<T> Current
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => CurrentOrNull ?? CreateCurrent();
    }

    /// <summary>
    /// This thread's current tape, if any. Every recorded operation reads it, so the common scalars
    /// (double, and Dual&lt;double&gt; for forward over reverse) keep it in a non-generic class, whose
    /// thread statics the JIT reads inline; other scalars use a generic thread static (a helper call).
    /// The type tests are JIT-time constants.
    /// </summary>
    private static Tape<T>? CurrentOrNull
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get =>
            typeof(T) == typeof(double) ? Unsafe.As<Tape<T>?>(CurrentTapes.OfDouble)
            : typeof(T) == typeof(Dual<double>) ? Unsafe.As<Tape<T>?>(CurrentTapes.OfDual)
            : _current;
        set
        {
            if (typeof(T) == typeof(double))
            {
                CurrentTapes.OfDouble = Unsafe.As<Tape<double>?>(value);
            }
            else if (typeof(T) == typeof(Dual<double>))
            {
                CurrentTapes.OfDual = Unsafe.As<Tape<Dual<double>>?>(value);
            }
            else
            {
                _current = value;
            }
        }
    }

    /// <summary>The number of recorded nodes, including the constant sink at index 0.</summary>
    public int Count => _count;

    /// <summary>Forgets every recorded node but keeps the storage for reuse.</summary>
    public void Reset() => _count = 1;

    /// <summary>Makes this tape the current one on this thread until the returned scope is disposed.</summary>
    /// <returns>A scope that restores the previously current tape.</returns>
    public Scope Activate()
    {
        var previous = CurrentOrNull;
        CurrentOrNull = this;
        return new Scope(previous);
    }

    /// <summary>Records a new independent variable.</summary>
    /// <param name="value">Its value.</param>
    /// <returns>The variable.</returns>
    public Var<T> Variable(T value) => new(value, Push(0, T.Zero, 0, T.Zero));

    /// <summary>Sweeps backward from one output seeded with adjoint 1.</summary>
    /// <param name="output">The output.</param>
    public void Backward(Var<T> output) => Backward(output, T.One);

    /// <summary>Sweeps backward from one output with a given seed adjoint.</summary>
    /// <param name="output">The output.</param>
    /// <param name="seed">Its adjoint (for example 1, or a component of a cotangent vector).</param>
    public void Backward(Var<T> output, T seed)
    {
        ClearAdjoints(output.Index);
        _adjoints[output.Index] += seed;
        Sweep(output.Index);
    }

    /// <summary>Sweeps backward once from several outputs at once (a vector–Jacobian product).</summary>
    /// <param name="outputs">The outputs.</param>
    /// <param name="seeds">Their adjoints (the cotangent vector).</param>
    public void Backward(ReadOnlySpan<Var<T>> outputs, ReadOnlySpan<T> seeds)
    {
        if (outputs.Length != seeds.Length)
        {
            throw new ArgumentException("Need one seed per output.", nameof(seeds));
        }

        var top = 0;
        foreach (var o in outputs)
        {
            top = Math.Max(top, o.Index);
        }

        ClearAdjoints(top);
        for (var i = 0; i < outputs.Length; i++)
        {
            _adjoints[outputs[i].Index] += seeds[i];
        }

        Sweep(top);
    }

    /// <summary>The adjoint (derivative of the swept output) of a variable after <see cref="Backward(Var{T})"/>.</summary>
    /// <param name="variable">A variable recorded on this tape.</param>
    /// <returns>Its adjoint; zero for constants.</returns>
    public T Adjoint(Var<T> variable) => variable.Index == 0 ? T.Zero : _adjoints[variable.Index];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int Append(int p0, T d0, int p1, T d1) =>
        (p0 | p1) == 0 ? 0 : Push(p0, d0, p1, d1); // constants in, constant out: nothing to record

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Push(int p0, T d0, int p1, T d1)
    {
        var count = _count;
        var nodes = _nodes;
        if ((uint)count >= (uint)nodes.Length)
        {
            nodes = Grow();
        }

        // count < nodes.Length holds here (checked, or just grown), so no second bounds check.
        ref var n = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(nodes), count);
        n.P0 = p0;
        n.P1 = p1;
        n.D0 = d0;
        n.D1 = d1;
        _count = count + 1;
        return count;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Tape<T> CreateCurrent() => CurrentOrNull = new Tape<T>();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private Node[] Grow()
    {
        Array.Resize(ref _nodes, _nodes.Length * 2);
        Array.Resize(ref _adjoints, _nodes.Length);
        return _nodes;
    }

    private void ClearAdjoints(int top)
    {
        if (top >= _count)
        {
            throw new InvalidOperationException("The output was not recorded on this tape (or the tape was reset since).");
        }

        // Clear every recorded node, not just those up to the output: inputs recorded after the
        // output (or every input, when the output is a constant) must read adjoint 0, not the
        // value left over from the previous sweep.
        _adjoints.AsSpan(0, _count).Clear();
    }

    private void Sweep(int top)
    {
        // top < Count <= length was checked by ClearAdjoints, so node i and adjoint i need no
        // bounds checks; parent indices come from user-held numbers and stay checked (the span
        // keeps the length in a register).
        ref var node0 = ref MemoryMarshal.GetArrayDataReference(_nodes);
        var adj = _adjoints.AsSpan();
        ref var adj0 = ref MemoryMarshal.GetReference(adj);
        for (var i = top; i > 0; i--)
        {
            ref readonly var n = ref Unsafe.Add(ref node0, i);
            var a = Unsafe.Add(ref adj0, i);
            adj[n.P0] += a * n.D0;
            adj[n.P1] += a * n.D1;
        }
    }

    /// <summary>A buffer of n inputs owned by this tape (reused across calls of the same size).</summary>
    internal Var<T>[] InputBuffer(int n)
    {
        if (_inputs.Length != n)
        {
            _inputs = new Var<T>[n];
        }

        return _inputs;
    }

    /// <summary>Takes this thread's spare tape (or a new one) for exclusive use by a facade call.</summary>
    internal static Tape<T> Rent()
    {
        var tape = _spare ?? new Tape<T>();
        _spare = null;
        tape.Reset();
        return tape;
    }

    /// <summary>Gives a rented tape back for reuse by the next call on this thread.</summary>
    internal static void Return(Tape<T> tape) => _spare = tape;

    private struct Node
    {
        public int P0;
        public int P1;
        public T D0;
        public T D1;
    }

    /// <summary>Restores the previously current tape when disposed.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly Tape<T>? _previous;

        internal Scope(Tape<T>? previous) => _previous = previous;

        /// <summary>Restores the previously current tape.</summary>
        public void Dispose() => CurrentOrNull = _previous;
    }
}

/// <summary>The per-thread current tapes of the common scalars (see <c>Tape&lt;T&gt;.CurrentOrNull</c>).</summary>
internal static class CurrentTapes
{
    [ThreadStatic]
    internal static Tape<double>? OfDouble;

    [ThreadStatic]
    internal static Tape<Dual<double>>? OfDual;
}
