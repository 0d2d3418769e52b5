using AdVerify.Definitions;

namespace AdVerify.Compilation;

/// <summary>
/// A computation cut into units for code generation: loops found by the <see cref="Reroller"/>
/// and straight stretches of at most <see cref="MaxStraight"/> computed steps. Records, per
/// step, its unit, whether it reaches an output (dead steps get no code) and whether a step of
/// another unit reads it (such values are passed between blocks as globals), and per loop which
/// body steps are carried into later iterations.
/// </summary>
internal sealed class Plan
{
    /// <summary>The most computed steps of one straight block.</summary>
    public const int MaxStraight = 128;

    public Plan(Computation computation, IReadOnlyList<int> outputs)
    {
        Ops = computation.Operations as Operation[] ?? [.. computation.Operations];
        Dimension = computation.Inputs.Count;
        Outputs = [.. outputs];
        var n = Ops.Length;
        MaxUser = new int[n];
        Array.Fill(MaxUser, -1);
        for (var u = 0; u < n; u++)
        {
            var op = Ops[u];
            for (var slot = 0; slot < op.OperandCount; slot++)
            {
                var o = slot == 0 ? op.A : op.B;
                MaxUser[o] = Math.Max(MaxUser[o], u);
            }
        }

        foreach (var o in Outputs)
        {
            MaxUser[o] = n;
        }

        Live = new bool[n];
        foreach (var o in Outputs)
        {
            Live[o] = true;
        }

        for (var u = n - 1; u >= 0; u--)
        {
            if (Live[u] && Reroller.IsComputed(Ops[u]))
            {
                Live[Ops[u].A] = true;
                if (Ops[u].OperandCount == 2)
                {
                    Live[Ops[u].B] = true;
                }
            }
        }

        UnitOf = new int[n];
        Array.Fill(UnitOf, -1);
        foreach (var segment in Reroller.Find(Ops, MaxUser))
        {
            if (segment.IsLoop)
            {
                AddUnit(segment, segment.Start, segment.End);
            }
            else
            {
                Chop(segment.Start, segment.End);
            }
        }

        Foreign = new bool[n];
        for (var u = 0; u < n; u++)
        {
            var op = Ops[u];
            if (!Reroller.IsComputed(op))
            {
                continue;
            }

            for (var slot = 0; slot < op.OperandCount; slot++)
            {
                var o = slot == 0 ? op.A : op.B;
                if (Reroller.IsComputed(Ops[o]) && UnitOf[o] != UnitOf[u])
                {
                    Foreign[o] = true;
                }
            }
        }

        foreach (var o in Outputs)
        {
            Foreign[o] = true;
        }
    }

    public Operation[] Ops { get; }

    public int Dimension { get; }

    public int[] Outputs { get; }

    /// <summary>The units in order: straight stretches and loops.</summary>
    public List<Segment> Units { get; } = [];

    /// <summary>Per step: its unit, or −1 for inputs and constants (they are read where used).</summary>
    public int[] UnitOf { get; }

    /// <summary>Per step: the last step using it (the step count for outputs).</summary>
    public int[] MaxUser { get; }

    /// <summary>Per step: whether an output depends on it.</summary>
    public bool[] Live { get; }

    /// <summary>Per step: whether another unit reads it (or it is an output).</summary>
    public bool[] Foreign { get; }

    /// <summary>Per loop unit: body steps alive in some iteration.</summary>
    public Dictionary<int, bool[]> LiveBody { get; } = [];

    /// <summary>Per loop unit: for each body step, how many iterations back it is carried (0: not carried).</summary>
    public Dictionary<int, int[]> Carried { get; } = [];

    public int LoopCount => Units.Count(u => u.IsLoop);

    /// <summary>The steps that compute something (not inputs or constants).</summary>
    public int ComputedSteps => UnitOf.Count(u => u >= 0);

    /// <summary>The computed steps inside loops.</summary>
    public int LoopSteps => UnitOf.Count(u => u >= 0 && Units[u].IsLoop);

    public bool IsComputed(int step) => Reroller.IsComputed(Ops[step]);

    private void Chop(int start, int end)
    {
        var from = start;
        var computed = 0;
        for (var t = start; t < end; t++)
        {
            if (Reroller.IsComputed(Ops[t]) && ++computed > MaxStraight)
            {
                AddUnit(new Segment(from, t - from, 1, null), from, t);
                from = t;
                computed = 1;
            }
        }

        AddUnit(new Segment(from, end - from, 1, null), from, end);
    }

    private void AddUnit(Segment segment, int start, int end)
    {
        var unit = Units.Count;
        Units.Add(segment);
        for (var t = start; t < end; t++)
        {
            if (Reroller.IsComputed(Ops[t]))
            {
                UnitOf[t] = unit;
            }
        }

        if (!segment.IsLoop)
        {
            return;
        }

        var p = segment.Period;
        var live = new bool[p];
        for (var t = start; t < end; t++)
        {
            live[(t - start) % p] |= Live[t];
        }

        var carried = new int[p];
        for (var j = 0; j < p; j++)
        {
            for (var slot = 0; slot < 2 && live[j]; slot++)
            {
                if (segment.Operands![(2 * j) + slot] is { Kind: OperandKind.Carry } d)
                {
                    carried[d.Step] = Math.Max(carried[d.Step], d.Distance);
                }
            }
        }

        LiveBody[unit] = live;
        Carried[unit] = carried;
    }
}
