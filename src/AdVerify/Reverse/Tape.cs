using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AdVerify.Forward;

namespace AdVerify.Reverse;

/// <summary>
/// A reverse-mode tape (Wengert list) in structure-of-arrays form. A node is an input
/// (<see cref="Variable"/>) or a recorded result with up to four edges, each edge holding a
/// parent node and the partial derivative with respect to it. <see cref="Var{T}"/> numbers
/// carry up to two (node, coefficient) terms and fold operations into them as they go, so a
/// node is written only when a result depends on more than two nodes (about one node per
/// statement, as in Adept): <c>sum += 100·(x₂ − x₁²)² + (1 − x₁)²</c> writes one node with three
/// edges, not eight. <see cref="Backward(Var{T})"/> sweeps the nodes from the output back to the
/// start, accumulating adjoints into every input. Node 0 stands for "no node" (constants).
/// Storage is kept across <see cref="Reset"/>, so a warm tape records and sweeps without
/// allocating. Each thread has its own current tape (<see cref="Current"/>), so parallel
/// evaluations never share state.
/// </summary>
/// <typeparam name="T">The scalar of values and partials: double, or a dual number for forward-over-reverse.</typeparam>
public sealed class Tape<T>
    where T : INumber<T>, ITrigonometricFunctions<T>, IHyperbolicFunctions<T>, IExponentialFunctions<T>,
        ILogarithmicFunctions<T>, IPowerFunctions<T>, IRootFunctions<T>
{
    /// <summary>The most edges one recorded node has.</summary>
    private const int MaxEdges = 4;

    [ThreadStatic]
    private static Tape<T>? _current;

    [ThreadStatic]
    private static Tape<T>? _spare;

    private Var<T>[] _inputs = [];
    private int[] _ends;     // _ends[i]: one past node i's last edge; node i's edges start at _ends[i - 1]
    private int[] _parents;  // per edge: the parent node
    private T[] _partials;   // per edge: ∂node/∂parent
    private T[] _adjoints;   // per node
    private int _count;      // nodes, including node 0
    private int _edges;

    /// <summary>Creates an empty tape.</summary>
    /// <param name="capacity">The initial number of nodes it can hold without growing.</param>
    public Tape(int capacity = 1024)
    {
        var nodes = Math.Max(2, capacity);
        _ends = new int[nodes];
        _adjoints = new T[nodes];
        _parents = new int[2 * nodes];
        _partials = new T[2 * nodes];
        _count = 1;
    }

    /// <summary>The tape that operations on this thread record into (created on first use).</summary>
    public static Tape<T> Current
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => CurrentOrNull ?? CreateCurrent();
    }

    /// <summary>
    /// This thread's current tape, if any. The common scalars (double, and Dual&lt;double&gt; for
    /// forward over reverse) keep it in a non-generic class, whose thread statics the JIT reads
    /// without a helper; other scalars use a generic thread static. The type tests are JIT-time
    /// constants.
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

    /// <summary>The number of nodes (inputs and recorded results), including node 0.</summary>
    public int Count => _count;

    /// <summary>The number of edges (recorded partial derivatives).</summary>
    public int EdgeCount => _edges;

    /// <summary>Forgets every recorded node but keeps the storage for reuse.</summary>
    public void Reset()
    {
        _count = 1;
        _edges = 0;
    }

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
    public Var<T> Variable(T value)
    {
        var n = _count;
        if ((uint)n >= (uint)_ends.Length)
        {
            Grow();
        }

        _ends[n] = _edges;
        _count = n + 1;
        return new Var<T>(value, n);
    }

    /// <summary>
    /// Records a number as a node of its own (one edge per term it carries), so that its adjoint
    /// can be read after a backward sweep; variables and constants come back unchanged.
    /// </summary>
    /// <param name="number">A number computed on this tape.</param>
    /// <returns>A number with the same value standing for exactly that node.</returns>
    public Var<T> Record(Var<T> number)
    {
        if (number.IsConstant || number.IsNode)
        {
            return number;
        }

        var (i0, c0, i1, c1) = number.Terms;
        return new Var<T>(number.Value, Push(i0, c0, i1, c1, 0, T.Zero, 0, T.Zero));
    }

    /// <summary>Sweeps backward from one output seeded with adjoint 1.</summary>
    /// <param name="output">The output.</param>
    public void Backward(Var<T> output) => Backward(output, T.One);

    /// <summary>Sweeps backward from one output with a given seed adjoint.</summary>
    /// <param name="output">The output.</param>
    /// <param name="seed">Its adjoint (for example 1, or a component of a cotangent vector).</param>
    public void Backward(Var<T> output, T seed)
    {
        var top = Top(output);
        ClearAdjoints();
        Seed(output, seed);
        Sweep(top);
    }

    /// <summary>Sweeps backward once from several outputs at once (a vector–Jacobian product).</summary>
    /// <param name="outputs">The outputs.</param>
    /// <param name="seeds">Their adjoints (the cotangent vector).</param>
    public void Backward(ReadOnlySpan<Var<T>> outputs, ReadOnlySpan<T> seeds)
    {
        if (outputs.Length != seeds.Length)
        {
            throw new ArgumentException($"Need one seed per output: {outputs.Length} outputs, {seeds.Length} seeds.", nameof(seeds));
        }

        var top = 0;
        foreach (var o in outputs)
        {
            top = Math.Max(top, Top(o));
        }

        ClearAdjoints();
        for (var i = 0; i < outputs.Length; i++)
        {
            Seed(outputs[i], seeds[i]);
        }

        Sweep(top);
    }

    /// <summary>
    /// The adjoint (derivative of the swept output) of a variable after <see cref="Backward(Var{T})"/>:
    /// of an input made by <see cref="Variable"/>, or of a number passed through <see cref="Record(Var{T})"/>.
    /// </summary>
    /// <param name="variable">A variable of this tape, or a constant.</param>
    /// <returns>Its adjoint; zero for constants.</returns>
    /// <exception cref="InvalidOperationException">The number is an intermediate result that the tape folded into later nodes.</exception>
    public T Adjoint(Var<T> variable)
    {
        if (variable.IsConstant)
        {
            return T.Zero;
        }

        if (!variable.IsNode)
        {
            throw new InvalidOperationException(
                $"The number {variable} is an intermediate result that the tape folded into later nodes, so it has no adjoint of its own: " +
                "ask for the adjoints of variables, or pass the number through Tape.Record first.");
        }

        var index = variable.Terms.I0;
        return (uint)index < (uint)_count ? _adjoints[index] : throw NotOnThisTape();
    }

    /// <summary>
    /// Records a node whose derivative is c0·d(i0) + c1·d(i1) + d0·d(j0) + d1·d(j1) on this
    /// thread's current tape (an index 0 contributes nothing). Operations call it only when a
    /// result depends on more than two nodes, so it stays out of line.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static int Record(int i0, T c0, int i1, T c1, int j0, T d0, int j1, T d1) =>
        Current.Push(i0, c0, i1, c1, j0, d0, j1, d1);

    private int Push(int i0, T c0, int i1, T c1, int j0, T d0, int j1, T d1)
    {
        var n = _count;
        var e = _edges;
        if ((uint)n >= (uint)_ends.Length || (uint)(e + MaxEdges) > (uint)_parents.Length || (uint)(e + MaxEdges) > (uint)_partials.Length)
        {
            Grow();
        }

        // Every term is written; a slot whose index is 0 is then overwritten by the next term or
        // left past the end, so the writes need no branches.
        ref var parent = ref MemoryMarshal.GetArrayDataReference(_parents);
        ref var partial = ref MemoryMarshal.GetArrayDataReference(_partials);
        Unsafe.Add(ref parent, e) = i0;
        Unsafe.Add(ref partial, e) = c0;
        e += i0 != 0 ? 1 : 0;
        Unsafe.Add(ref parent, e) = i1;
        Unsafe.Add(ref partial, e) = c1;
        e += i1 != 0 ? 1 : 0;
        Unsafe.Add(ref parent, e) = j0;
        Unsafe.Add(ref partial, e) = d0;
        e += j0 != 0 ? 1 : 0;
        Unsafe.Add(ref parent, e) = j1;
        Unsafe.Add(ref partial, e) = d1;
        e += j1 != 0 ? 1 : 0;
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_ends), n) = e; // n < _ends.Length (checked above)
        _edges = e;
        _count = n + 1;
        return n;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Tape<T> CreateCurrent() => CurrentOrNull = new Tape<T>();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow()
    {
        if (_count >= _ends.Length)
        {
            var nodes = checked(_ends.Length * 2);
            Array.Resize(ref _ends, nodes);
            Array.Resize(ref _adjoints, nodes);
        }

        if (_edges + MaxEdges > _parents.Length)
        {
            var edges = checked(Math.Max(_parents.Length * 2, _edges + MaxEdges));
            Array.Resize(ref _parents, edges);
            Array.Resize(ref _partials, edges);
        }
    }

    private int Top(Var<T> output)
    {
        var (i0, _, i1, _) = output.Terms;
        var top = Math.Max(i0, i1);
        return top < _count ? top : throw NotOnThisTape();
    }

    private static InvalidOperationException NotOnThisTape() =>
        new("The number was not recorded on this tape (or the tape was reset since).");

    private void Seed(Var<T> output, T seed)
    {
        var (i0, c0, i1, c1) = output.Terms;
        if (i0 != 0)
        {
            _adjoints[i0] += c0 * seed;
        }

        if (i1 != 0)
        {
            _adjoints[i1] += c1 * seed;
        }
    }

    // Clear every recorded node, not just those up to the output: inputs recorded after the
    // output (or every input, when the output is a constant) must read adjoint 0, not the value
    // left over from the previous sweep.
    private void ClearAdjoints() => _adjoints.AsSpan(0, _count).Clear();

    private void Sweep(int top)
    {
        // top < Count <= every array's node length was checked, and every node's edges lie below
        // _edges <= the edge arrays' length, so nodes and edges need no bounds checks; parent
        // indices stay checked (the span keeps the length in a register).
        ref var ends = ref MemoryMarshal.GetArrayDataReference(_ends);
        ref var parent = ref MemoryMarshal.GetArrayDataReference(_parents);
        ref var partial = ref MemoryMarshal.GetArrayDataReference(_partials);
        var adj = _adjoints.AsSpan();
        ref var adj0 = ref MemoryMarshal.GetReference(adj);
        var end = Unsafe.Add(ref ends, top);
        for (var i = top; i > 0; i--)
        {
            var start = Unsafe.Add(ref ends, i - 1);
            var a = Unsafe.Add(ref adj0, i);
            for (var k = start; k < end; k++)
            {
                adj[Unsafe.Add(ref parent, k)] += a * Unsafe.Add(ref partial, k);
            }

            end = start;
        }
    }

    /// <summary>
    /// Records n variables as nodes first … first + n − 1 and returns a buffer of n numbers owned by this
    /// tape (reused across calls of the same size) for the caller to fill with <c>new Var&lt;T&gt;(value, first + i)</c>.
    /// </summary>
    internal Var<T>[] ReserveInputs(int n, out int first)
    {
        if (_inputs.Length != n)
        {
            _inputs = new Var<T>[n];
        }

        if (_count + n > _ends.Length)
        {
            var nodes = Math.Max(_ends.Length * 2, _count + n);
            Array.Resize(ref _ends, nodes);
            Array.Resize(ref _adjoints, nodes);
        }

        first = _count;
        _ends.AsSpan(first, n).Fill(_edges);
        _count = first + n;
        return _inputs;
    }

    /// <summary>The adjoint of a node after a sweep (for the inputs made by <see cref="ReserveInputs"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal T NodeAdjoint(int node) => _adjoints[node];

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
