using AdVerify.Definitions;

namespace AdVerify.Compilation;

/// <summary>
/// Generates the code that computes a plan's values, step by step as written (exact mode: the
/// same operations in the same order as the plain function). Straight units become straight
/// blocks; loop units become loops whose carried values are loop variables. When the reverse
/// sweep will need values (<see cref="Needs"/>), straight values are kept as globals and loop
/// values are stored per iteration in a workspace stream.
/// </summary>
internal sealed class ForwardSweep
{
    private readonly Plan _plan;
    private readonly IrProgram _program;
    private readonly Needs? _needs;
    private readonly Dictionary<int, int> _globals = [];

    public ForwardSweep(Plan plan, IrProgram program, Needs? needs)
    {
        _plan = plan;
        _program = program;
        _needs = needs;
    }

    /// <summary>The global holding a step's value (allocated on first request).</summary>
    public int GlobalOf(int step)
    {
        if (!_globals.TryGetValue(step, out var g))
        {
            g = _program.NewGlobal();
            _globals[step] = g;
        }

        return g;
    }

    /// <summary>Generates every unit, then an epilogue returning the first output and writing outputs from <paramref name="writeFrom"/> on to the output array.</summary>
    public void Build(int writeFrom)
    {
        for (var u = 0; u < _plan.Units.Count; u++)
        {
            if (_plan.Units[u].IsLoop)
            {
                Loop(u);
            }
            else
            {
                Straight(u);
            }
        }

        var block = Block.Straight();
        var bb = new BlockBuilder(block, exact: true);
        for (var i = 0; i < _plan.Outputs.Length; i++)
        {
            var value = Resolve(bb, _plan.Outputs[i], null);
            if (i >= writeFrom)
            {
                bb.Write(Arr.O, Index.Fixed(i - writeFrom), value);
            }

            if (i == 0)
            {
                var g = _program.NewGlobal();
                bb.Export(g, value);
                _program.Result = Ref.Global(g);
            }
        }

        _program.Blocks.Add(block);
    }

    /// <summary>An operand read outside its loop: inputs from the point, constants inline, computed steps from globals or the same block.</summary>
    public Ref Resolve(BlockBuilder bb, int step, Dictionary<int, Ref>? local)
    {
        var op = _plan.Ops[step];
        return op.Code switch
        {
            OpCode.Input => bb.Read(Arr.X, Index.Fixed(op.A)),
            OpCode.Constant => Ref.Const(op.Value),
            _ when local is not null && local.TryGetValue(step, out var r) => r,
            _ => Ref.Global(GlobalOf(step)),
        };
    }

    /// <summary>The instruction computing a step from its operands.</summary>
    public static Ref Emit(BlockBuilder bb, in Operation op, Ref a, Ref b) => op.Code switch
    {
        OpCode.Negate => bb.Neg(a),
        OpCode.Add => bb.Add(a, b),
        OpCode.Subtract => bb.Sub(a, b),
        OpCode.Multiply => bb.Mul(a, b),
        OpCode.Divide => bb.Div(a, b),
        OpCode.Power => bb.Apply(Op.Pow, a, b),
        OpCode.Call => bb.Apply(Op.Call, a, op.B >= 0 ? b : Ref.None, op.Function),
        _ => throw new InvalidOperationException($"{op.Code} is not computed"),
    };

    private void Straight(int unit)
    {
        var segment = _plan.Units[unit];
        var block = Block.Straight();
        var bb = new BlockBuilder(block, exact: true);
        var local = new Dictionary<int, Ref>();
        for (var t = segment.Start; t < segment.End; t++)
        {
            var op = _plan.Ops[t];
            if (!_plan.IsComputed(t) || !_plan.Live[t])
            {
                continue;
            }

            var a = Resolve(bb, op.A, local);
            var b = op.OperandCount == 2 ? Resolve(bb, op.B, local) : Ref.None;
            var value = Emit(bb, op, a, b);
            local[t] = value;
            if (_plan.Foreign[t] || (_needs?.Value[t] ?? false))
            {
                bb.Export(GlobalOf(t), value);
            }
        }

        _program.Blocks.Add(block);
    }

    private void Loop(int unit)
    {
        var segment = _plan.Units[unit];
        var (s, p, count) = (segment.Start, segment.Period, segment.Count);
        var live = _plan.LiveBody[unit];
        var carried = _plan.Carried[unit];
        var stream = _needs?.Streams.GetValueOrDefault(unit);
        if (stream is { Before: > 0 })
        {
            // The stream starts with the values of the iterations "before" the loop, read by carried operands.
            var pre = Block.Straight();
            var pb = new BlockBuilder(pre, exact: true);
            for (var j = 0; j < p; j++)
            {
                for (var i = 1; i <= stream.Carried[j]; i++)
                {
                    pb.Write(Arr.W, stream.At(j, -i) with { Stride = 0 }, Ref.Global(GlobalOf(s + j - (i * p))));
                }
            }

            _program.Blocks.Add(pre);
        }

        var block = Block.Loop(count);
        var bb = new BlockBuilder(block, exact: true);
        var phis = new Ref[p][];
        for (var j = 0; j < p; j++)
        {
            phis[j] = new Ref[carried[j] + 1];
            for (var i = 1; i <= carried[j]; i++)
            {
                phis[j][i] = bb.NewPhi(Ref.Global(GlobalOf(s + j - (i * p))));
            }
        }

        var body = new Ref[p];
        for (var j = 0; j < p; j++)
        {
            var op = _plan.Ops[s + j];
            if (!Reroller.IsComputed(op) || !live[j])
            {
                continue;
            }

            var a = Operand(bb, segment.Operands![2 * j], body, phis);
            var b = op.OperandCount == 2 ? Operand(bb, segment.Operands[(2 * j) + 1], body, phis) : Ref.None;
            body[j] = Emit(bb, op, a, b);
            if (stream is not null && stream.Slot[j] >= 0)
            {
                bb.Write(Arr.W, stream.At(j, 0), body[j]);
            }
        }

        for (var j = 0; j < p; j++)
        {
            for (var i = 1; i <= carried[j]; i++)
            {
                // A step no live iteration needs is not computed; what it would carry is never read.
                bb.SetNext(phis[j][i], i > 1 ? phis[j][i - 1] : body[j].IsNone ? Ref.Const(double.NaN) : body[j]);
            }

            var last = s + ((count - 1) * p) + j;
            if (_plan.IsComputed(last) && _plan.Foreign[last] && live[j])
            {
                bb.Export(GlobalOf(last), body[j]);
            }
        }

        _program.Blocks.Add(block);
    }

    private Ref Operand(BlockBuilder bb, Operand d, Ref[] body, Ref[][] phis) => d.Kind switch
    {
        OperandKind.Input => bb.Read(Arr.X, new Index(d.Base, d.Stride)),
        OperandKind.Constant => Ref.Const(d.Value),
        OperandKind.Local => body[d.Step],
        OperandKind.Carry => phis[d.Step][d.Distance],
        OperandKind.Outer => Ref.Global(GlobalOf(d.Step)),
        _ => throw new InvalidOperationException("a loop operand is missing"),
    };
}
