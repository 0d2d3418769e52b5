using AdVerify.Definitions;

namespace AdVerify.Compilation;

/// <summary>
/// Generates the adjoint code (reverse mode by source transformation): units in reverse order,
/// steps in reverse order, each step's adjoint times its local partials (<see cref="LocalPartials"/>)
/// added to its operands' adjoints. Inside a block adjoints are values; between blocks they are
/// passed as globals (a new one each time a block adds to them); input adjoints are added into the gradient (contributions to
/// one input from one block or iteration are summed first). A loop becomes a loop running
/// backwards: what the forward loop carried from iteration to iteration, the reverse loop carries
/// back as adjoint loop variables, and the adjoint of a value read by every iteration is summed in
/// a loop variable and added once after the loop.
/// </summary>
internal sealed class ReverseSweep(Plan plan, IrProgram program, ForwardSweep forward, Needs needs)
{
    // Per step: the global holding the adjoint contributed so far by later units.
    private readonly Dictionary<int, int> _adjoint = [];

    public void Build()
    {
        if (plan.Ops[plan.Outputs[0]] is { Code: OpCode.Input } input)
        {
            // f(x) = xᵢ: the gradient is a unit vector.
            var block = Block.Straight();
            new BlockBuilder(block, exact: false).Accumulate(Arr.G, Index.Fixed(input.A), Ref.Const(1));
            program.Blocks.Add(block);
        }

        for (var u = plan.Units.Count - 1; u >= 0; u--)
        {
            if (plan.Units[u].IsLoop)
            {
                Loop(u);
            }
            else
            {
                Straight(u);
            }
        }
    }

    /// <summary>The adjoint arriving from later units (and the seed 1 of the output).</summary>
    private Ref Incoming(BlockBuilder bb, int step)
    {
        var adjoint = _adjoint.TryGetValue(step, out var g) ? Ref.Global(g) : Ref.None;
        return step == plan.Outputs[0] ? bb.Sum(adjoint, Ref.Const(1)) : adjoint;
    }

    /// <summary>Adds a block's contributions to the adjoints of steps in earlier units: each becomes a new global, exported after the block.</summary>
    private void Pass(BlockBuilder bb, Dictionary<int, Ref> contributions)
    {
        foreach (var (step, c) in contributions)
        {
            var g = program.NewGlobal();
            bb.Export(g, bb.Sum(_adjoint.TryGetValue(step, out var before) ? Ref.Global(before) : Ref.None, c));
            _adjoint[step] = g;
        }
    }

    private void Straight(int unit)
    {
        var segment = plan.Units[unit];
        var block = Block.Straight();
        var bb = new BlockBuilder(block, exact: false);
        var adjoints = new Dictionary<int, Ref>();
        var earlier = new Dictionary<int, Ref>();
        var inputs = new Dictionary<Index, Ref>();
        Span<Ref> partials = stackalloc Ref[2];
        for (var t = segment.End - 1; t >= segment.Start; t--)
        {
            if (!plan.IsComputed(t) || !plan.Live[t])
            {
                continue;
            }

            var adjoint = bb.Sum(adjoints.GetValueOrDefault(t), Incoming(bb, t));
            if (adjoint.IsNone)
            {
                continue;
            }

            var op = plan.Ops[t];
            Instantiate(bb, op, slot => forward.Resolve(bb, slot == -1 ? t : slot == 0 ? op.A : op.B, null), partials);
            for (var slot = 0; slot < 2; slot++)
            {
                if (partials[slot].IsNone)
                {
                    continue;
                }

                var o = slot == 0 ? op.A : op.B;
                var c = bb.Mul(adjoint, partials[slot]);
                if (plan.Ops[o].Code == OpCode.Input)
                {
                    var at = Index.Fixed(plan.Ops[o].A);
                    inputs[at] = bb.Sum(inputs.GetValueOrDefault(at), c);
                }
                else if (plan.UnitOf[o] == unit)
                {
                    adjoints[o] = bb.Sum(adjoints.GetValueOrDefault(o), c);
                }
                else
                {
                    earlier[o] = bb.Sum(earlier.GetValueOrDefault(o), c);
                }
            }
        }

        foreach (var (at, c) in inputs)
        {
            bb.Accumulate(Arr.G, at, c);
        }

        Pass(bb, earlier);
        program.Blocks.Add(block);
    }

    private void Loop(int unit)
    {
        var segment = plan.Units[unit];
        var (s, p, count) = (segment.Start, segment.Period, segment.Count);
        var live = plan.LiveBody[unit];
        var carried = plan.Carried[unit];
        // Adjoints entering at the last iteration (values used after the loop, the output).
        var prologue = Block.Straight();
        var pb = new BlockBuilder(prologue, exact: false);
        var entering = new Ref[p];
        for (var j = 0; j < p; j++)
        {
            var last = s + ((count - 1) * p) + j;
            if (live[j] && plan.IsComputed(last) && Incoming(pb, last) is { IsNone: false } incoming)
            {
                var g = program.NewGlobal();
                pb.Export(g, incoming);
                entering[j] = Ref.Global(g);
            }
        }

        program.Blocks.Add(prologue);
        var block = Block.Loop(count);
        var bb = new BlockBuilder(block, exact: false);

        // back[j][i] carries the adjoint of "body step j, i iterations earlier" from iteration k + 1 to k.
        var back = new Ref[p][];
        var body = new Ref[p];
        var carriedAdjoint = new Ref[p][];
        for (var j = 0; j < p; j++)
        {
            var length = Math.Max(carried[j], entering[j].IsNone ? 0 : 1);
            back[j] = new Ref[length + 1];
            carriedAdjoint[j] = new Ref[length + 1];
            for (var i = 1; i <= length; i++)
            {
                back[j][i] = bb.NewPhi(i == 1 && !entering[j].IsNone ? entering[j] : Ref.Const(0));
            }

            body[j] = length >= 1 ? back[j][1] : Ref.None;
            for (var i = 1; i < length; i++)
            {
                carriedAdjoint[j][i] = back[j][i + 1];
            }
        }

        var sums = new Dictionary<(bool Input, long Key), (Ref Phi, Ref Current)>();
        var inputs = new Dictionary<Index, Ref>();
        Span<Ref> partials = stackalloc Ref[2];
        for (var j = p - 1; j >= 0; j--)
        {
            var op = plan.Ops[s + j];
            if (!Reroller.IsComputed(op) || !live[j] || body[j].IsNone)
            {
                continue;
            }

            var adjoint = body[j];
            var jj = j;
            Instantiate(bb, op, slot => slot == -1 ? BodyValue(bb, unit, jj) : Value(bb, unit, segment.Operands![(2 * jj) + slot]), partials, segment.Operands, j);
            for (var slot = 0; slot < 2; slot++)
            {
                if (partials[slot].IsNone)
                {
                    continue;
                }

                var c = bb.Mul(adjoint, partials[slot]);
                var d = segment.Operands![(2 * j) + slot];
                switch (d.Kind)
                {
                    case OperandKind.Input when d.Stride == 0:
                        Add(bb, sums, (true, d.Base), c);
                        break;
                    case OperandKind.Input:
                        var at = new Index(d.Base, d.Stride);
                        inputs[at] = bb.Sum(inputs.GetValueOrDefault(at), c);
                        break;
                    case OperandKind.Local:
                        body[d.Step] = bb.Sum(body[d.Step], c);
                        break;
                    case OperandKind.Carry:
                        carriedAdjoint[d.Step][d.Distance] = bb.Sum(carriedAdjoint[d.Step][d.Distance], c);
                        break;
                    case OperandKind.Outer:
                        Add(bb, sums, (false, d.Step), c);
                        break;
                }
            }
        }

        var epilogue = Block.Straight();
        var eb = new BlockBuilder(epilogue, exact: false);
        var earlier = new Dictionary<int, Ref>();
        AccumulateInputs(bb, eb, inputs);
        for (var j = 0; j < p; j++)
        {
            for (var i = 1; i < back[j].Length; i++)
            {
                var next = carriedAdjoint[j][i];
                bb.SetNext(back[j][i], next.IsNone ? Ref.Const(0) : next);
                if (i <= carried[j])
                {
                    // After the last (k = 0) iteration this is the adjoint of the value carried in from before the loop.
                    var g = program.NewGlobal();
                    bb.Export(g, back[j][i], final: true);
                    var init = s + j - (i * p);
                    earlier[init] = eb.Sum(earlier.GetValueOrDefault(init), Ref.Global(g));
                }
            }
        }

        foreach (var ((input, key), (phi, current)) in sums)
        {
            bb.SetNext(phi, current);
            var g = program.NewGlobal();
            bb.Export(g, phi, final: true);
            if (input)
            {
                eb.Accumulate(Arr.G, Index.Fixed(key), Ref.Global(g));
            }
            else
            {
                earlier[(int)key] = eb.Sum(earlier.GetValueOrDefault((int)key), Ref.Global(g));
            }
        }

        Pass(eb, earlier);

        for (var i = 0; i < block.Code.Count; i++)
        {
            if (block.Code[i].Op >= Op.Read)
            {
                block.Code[i] = block.Code[i] with { Index = block.Code[i].Index.Reversed(count) };
            }
        }

        program.Blocks.Add(block);
        program.Blocks.Add(epilogue);
    }

    /// <summary>
    /// Adds a reverse iteration's input adjoints into the gradient. When the element one
    /// accumulation touches is touched by another in the next reverse iteration (inputs xₖ and
    /// xₖ₊₁ in the same body), the first contribution is carried in a loop variable and added to
    /// the second, so each element is updated once instead of twice (and the loop does not wait on
    /// its own store); the last carried value is added after the loop.
    /// </summary>
    private void AccumulateInputs(BlockBuilder bb, BlockBuilder after, Dictionary<Index, Ref> inputs)
    {
        var carriedIn = new Dictionary<Index, Ref>();
        foreach (var at in inputs.Keys.OrderBy(i => i.Stride).ThenBy(i => i.Base * Math.Sign(i.Stride)))
        {
            var total = bb.Sum(inputs[at], carriedIn.GetValueOrDefault(at));
            var next = at.Shifted(at.Stride);
            if (at.Stride != 0 && inputs.ContainsKey(next))
            {
                var phi = bb.NewPhi(Ref.Const(0));
                bb.SetNext(phi, total);
                carriedIn[next] = phi;
                var g = program.NewGlobal();
                bb.Export(g, phi, final: true);
                after.Accumulate(Arr.G, Index.Fixed(at.Base), Ref.Global(g));
            }
            else
            {
                bb.Accumulate(Arr.G, at, total);
            }
        }
    }

    private static void Add(BlockBuilder bb, Dictionary<(bool, long), (Ref Phi, Ref Current)> sums, (bool, long) key, Ref c)
    {
        if (!sums.TryGetValue(key, out var sum))
        {
            var phi = bb.NewPhi(Ref.Const(0));
            sum = (phi, phi);
        }

        sums[key] = (sum.Phi, bb.Add(sum.Current, c));
    }

    /// <summary>A loop operand's forward value in iteration k: from the point, the stream, a global, or recomputed.</summary>
    private Ref Value(BlockBuilder bb, int unit, Operand d) => d.Kind switch
    {
        OperandKind.Input => bb.Read(Arr.X, new Index(d.Base, d.Stride)),
        OperandKind.Constant => Ref.Const(d.Value),
        OperandKind.Local => BodyValue(bb, unit, d.Step),
        OperandKind.Carry => bb.Read(Arr.W, needs.Streams[unit].At(d.Step, -d.Distance)),
        OperandKind.Outer => Ref.Global(forward.GlobalOf(d.Step)),
        _ => throw new InvalidOperationException("a loop operand is missing"),
    };

    /// <summary>Body step j's forward value in iteration k: recomputed as the forward loop computed it, or read from the stream.</summary>
    private Ref BodyValue(BlockBuilder bb, int unit, int j)
    {
        if (!needs.Recompute[unit][j])
        {
            return bb.Read(Arr.W, needs.Streams[unit].At(j, 0));
        }

        var segment = plan.Units[unit];
        var op = plan.Ops[segment.Start + j];
        var a = Value(bb, unit, segment.Operands![2 * j]);
        var b = op.OperandCount == 2 ? Value(bb, unit, segment.Operands[(2 * j) + 1]) : Ref.None;
        bb.Exact = true;
        var value = ForwardSweep.Emit(bb, op, a, b);
        bb.Exact = false;
        return value;
    }

    /// <summary>
    /// Emits the wanted local partials of a step; <paramref name="value"/> gives operand slot 0 or 1's
    /// forward value, or (for −1) the step's own.
    /// </summary>
    private void Instantiate(BlockBuilder bb, in Operation op, Func<int, Ref> value, Span<Ref> result, Operand[]? operands = null, int j = 0)
    {
        var partials = Needs.Partials(plan, op);
        Span<bool> wanted = stackalloc bool[2];
        wanted.Clear();
        if (operands is null)
        {
            Needs.Wanted(plan, op, partials, wanted);
        }
        else
        {
            for (var slot = 0; slot < partials.Count; slot++)
            {
                wanted[slot] = operands[(2 * j) + slot].Kind != OperandKind.Constant;
            }
        }

        var (a, b, own) = (false, false, false);
        for (var slot = 0; slot < partials.Count; slot++)
        {
            if (wanted[slot])
            {
                (a, b, own) = (a | partials.Uses[slot].A, b | partials.Uses[slot].B, own | partials.Uses[slot].Own);
            }
        }

        result.Clear();
        partials.Instantiate(bb, a ? value(0) : Ref.None, b ? value(1) : Ref.None, own ? value(-1) : Ref.None, wanted, result);
    }
}
