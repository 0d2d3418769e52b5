using AdVerify.Definitions;

namespace AdVerify.Compilation;

/// <summary>
/// The forward values the reverse sweep reads, found before any code is generated: for every
/// live step, the operands (and own value) its wanted local partials use. Straight values become
/// globals; loop-body values are stored per iteration in a workspace stream.
/// </summary>
internal sealed class Needs
{
    public Needs(Plan plan, IrProgram program)
    {
        Value = new bool[plan.Ops.Length];
        for (var u = 0; u < plan.Units.Count; u++)
        {
            var segment = plan.Units[u];
            if (!segment.IsLoop)
            {
                for (var t = segment.Start; t < segment.End; t++)
                {
                    if (plan.IsComputed(t) && plan.Live[t])
                    {
                        var op = plan.Ops[t];
                        var (a, b, own) = Reads(plan, op);
                        Mark(plan, a ? op.A : -1);
                        Mark(plan, b ? op.B : -1);
                        Mark(plan, own ? t : -1);
                    }
                }

                continue;
            }

            var p = segment.Period;
            var store = new bool[p];
            var before = new int[p];
            var live = plan.LiveBody[u];
            var recompute = Recomputable(plan, segment);
            Recompute[u] = recompute;
            void NeedBody(int j)
            {
                if (!recompute[j])
                {
                    store[j] = true;
                    return;
                }

                for (var slot = 0; slot < plan.Ops[segment.Start + j].OperandCount; slot++)
                {
                    NeedOperand(segment.Operands![(2 * j) + slot]);
                }
            }

            void NeedOperand(Operand d)
            {
                switch (d.Kind)
                {
                    case OperandKind.Local:
                        NeedBody(d.Step);
                        break;
                    case OperandKind.Carry:
                        store[d.Step] = true;
                        before[d.Step] = Math.Max(before[d.Step], d.Distance);
                        break;
                    case OperandKind.Outer:
                        Value[d.Step] = true;
                        break;
                }
            }

            for (var j = 0; j < p; j++)
            {
                var op = plan.Ops[segment.Start + j];
                if (!Reroller.IsComputed(op) || !live[j])
                {
                    continue;
                }

                var (a, b, own) = Reads(plan, op);
                if (own)
                {
                    NeedBody(j);
                }

                for (var slot = 0; slot < 2; slot++)
                {
                    if (slot == 0 ? a : b)
                    {
                        NeedOperand(segment.Operands![(2 * j) + slot]);
                    }
                }
            }

            if (Array.IndexOf(store, true) >= 0)
            {
                Streams[u] = new Stream(store, before, segment.Count, program);
            }
        }
    }

    /// <summary>Per step outside loops (or read by a loop as a fixed operand): whether its value is kept for the reverse sweep.</summary>
    public bool[] Value { get; }

    /// <summary>Per loop unit: the stream of stored body values.</summary>
    public Dictionary<int, Stream> Streams { get; } = [];

    /// <summary>Per loop unit: the body steps the reverse loop recomputes rather than stores.</summary>
    public Dictionary<int, bool[]> Recompute { get; } = [];

    /// <summary>The most arithmetic operations recomputing one body value may take.</summary>
    public const int MaxRecompute = 6;

    /// <summary>
    /// Body steps cheaper to recompute in the reverse loop than to store and load: sums,
    /// differences, products and negations of inputs, constants, fixed values and other such
    /// steps of the same iteration (nothing carried from an earlier iteration), at most
    /// <see cref="MaxRecompute"/> operations each. Calls, powers and quotients are stored.
    /// </summary>
    private static bool[] Recomputable(Plan plan, Segment segment)
    {
        var p = segment.Period;
        var recompute = new bool[p];
        var cost = new int[p];
        for (var j = 0; j < p; j++)
        {
            var op = plan.Ops[segment.Start + j];
            if (op.Code is not (OpCode.Negate or OpCode.Add or OpCode.Subtract or OpCode.Multiply))
            {
                continue;
            }

            var total = 1;
            var ok = true;
            for (var slot = 0; slot < op.OperandCount && ok; slot++)
            {
                var d = segment.Operands![(2 * j) + slot];
                ok = d.Kind != OperandKind.Carry && (d.Kind != OperandKind.Local || recompute[d.Step]);
                total += d.Kind == OperandKind.Local ? cost[d.Step] : 0;
            }

            recompute[j] = ok && total <= MaxRecompute;
            cost[j] = total;
        }

        return recompute;
    }

    /// <summary>The local partials of a step, as in the symbolic rule card.</summary>
    public static LocalPartials Partials(Plan plan, in Operation op) => op.Code switch
    {
        OpCode.Negate => LocalPartials.For(Op.Neg, null),
        OpCode.Add => LocalPartials.For(Op.Add, null),
        OpCode.Subtract => LocalPartials.For(Op.Sub, null),
        OpCode.Multiply => LocalPartials.For(Op.Mul, null),
        OpCode.Divide => LocalPartials.For(Op.Div, null),
        OpCode.Power when plan.Ops[op.B] is { Code: OpCode.Constant } c && double.IsFinite(c.Value) => LocalPartials.For(Op.Pow, null, c.Value),
        OpCode.Power => LocalPartials.For(Op.Pow, null),
        OpCode.Call => LocalPartials.For(Op.Call, op.Function, null, op.OperandCount),
        _ => throw new InvalidOperationException($"{op.Code} has no partial derivatives"),
    };

    /// <summary>Which partials of a step are wanted: those by operands that are not constants.</summary>
    public static void Wanted(Plan plan, in Operation op, LocalPartials partials, Span<bool> wanted)
    {
        for (var slot = 0; slot < partials.Count; slot++)
        {
            wanted[slot] = plan.Ops[slot == 0 ? op.A : op.B].Code != OpCode.Constant;
        }
    }

    private static (bool A, bool B, bool Own) Reads(Plan plan, in Operation op)
    {
        var partials = Partials(plan, op);
        Span<bool> wanted = stackalloc bool[2];
        Wanted(plan, op, partials, wanted);
        var (a, b, own) = (false, false, false);
        for (var slot = 0; slot < partials.Count; slot++)
        {
            if (wanted[slot])
            {
                var uses = partials.Uses[slot];
                (a, b, own) = (a | uses.A, b | uses.B, own | uses.Own);
            }
        }

        return (a, b, own);
    }

    private void Mark(Plan plan, int step)
    {
        if (step >= 0 && plan.IsComputed(step))
        {
            Value[step] = true;
        }
    }
}

/// <summary>
/// Body values of one loop stored per iteration, interleaved (<see cref="Width"/> values per
/// iteration), preceded by <see cref="Before"/> iterations holding the values carried into the loop.
/// </summary>
internal sealed class Stream
{
    public Stream(bool[] store, int[] before, int count, IrProgram program)
    {
        Slot = new int[store.Length];
        var width = 0;
        for (var j = 0; j < store.Length; j++)
        {
            Slot[j] = store[j] ? width++ : -1;
        }

        Width = width;
        Carried = before;
        Before = before.Max();
        Base = program.Allocate((long)(count + Before) * width);
    }

    public int[] Slot { get; }

    public int[] Carried { get; }

    public int Width { get; }

    public int Before { get; }

    public long Base { get; }

    /// <summary>Where body step j of iteration k + <paramref name="offset"/> is stored, as a position in iteration k.</summary>
    public Index At(int j, int offset) => new(Base + ((offset + Before) * (long)Width) + Slot[j], Width);
}
