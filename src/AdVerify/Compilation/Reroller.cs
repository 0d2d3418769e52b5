using AdVerify.Definitions;

namespace AdVerify.Compilation;

/// <summary>Where a loop-body operand comes from.</summary>
internal enum OperandKind : byte
{
    None,

    /// <summary>Input <c>Base + k·Stride</c>.</summary>
    Input,

    /// <summary>The constant <see cref="Operand.Value"/>.</summary>
    Constant,

    /// <summary>Body step <see cref="Operand.Step"/> of the same iteration.</summary>
    Local,

    /// <summary>Body step <see cref="Operand.Step"/> of the iteration <see cref="Operand.Distance"/> before (before the loop: the steps just ahead of it).</summary>
    Carry,

    /// <summary>The step <see cref="Operand.Step"/> (an absolute index before the loop), the same in every iteration.</summary>
    Outer,
}

/// <summary>One operand of a loop-body step, described for every iteration at once.</summary>
internal readonly record struct Operand(OperandKind Kind, long Base, long Stride, int Step, int Distance, double Value);

/// <summary>
/// A run of steps: straight (<see cref="Period"/> steps once) or a loop (<see cref="Count"/>
/// iterations of <see cref="Period"/> steps each, with operands per body step and slot in
/// <see cref="Operands"/>).
/// </summary>
internal sealed record Segment(int Start, int Period, int Count, Operand[]? Operands)
{
    public bool IsLoop => Operands is not null;

    public int End => Start + (Period * Count);
}

/// <summary>
/// Loop rerolling: finds periodic runs in a traced computation (what a C# loop unrolls into) so
/// they can be compiled as loops again. Two steps a period p apart match when they have the same
/// operation and function, equal constants, inputs whose indices differ by the same stride in
/// every iteration, and computed operands either at the same relative distance (carried from an
/// earlier iteration, or earlier in the same one) or fixed before the run. Runs are found
/// greedily from the front, trying as periods the distances to the next few steps of the same
/// shape and keeping the one that covers most. A run is cut short where a step of a non-final
/// iteration is used after the run (values leave a loop only from its last iteration).
/// </summary>
internal static class Reroller
{
    /// <summary>The longest loop body, in steps.</summary>
    public const int MaxPeriod = 128;

    /// <summary>The most iterations back a value may be carried.</summary>
    public const int MaxCarry = 4;

    /// <summary>The fewest iterations worth a loop.</summary>
    public const int MinIterations = 3;

    private const int Candidates = 8;

    public static List<Segment> Find(Operation[] ops, int[] maxUser)
    {
        var n = ops.Length;
        var next = NextOfSameShape(ops);
        var segments = new List<Segment>();
        var straight = -1;
        var s = 0;
        var matcher = new Matcher(ops, maxUser);
        while (s < n)
        {
            if (IsComputed(ops[s]) && matcher.Best(s, next) is { } loop)
            {
                if (straight >= 0)
                {
                    segments.Add(new Segment(straight, s - straight, 1, null));
                    straight = -1;
                }

                segments.Add(loop);
                s = loop.End;
                continue;
            }

            if (straight < 0)
            {
                straight = s;
            }

            s++;
        }

        if (straight >= 0)
        {
            segments.Add(new Segment(straight, n - straight, 1, null));
        }

        return segments;
    }

    internal static bool IsComputed(in Operation op) => op.Code is not (OpCode.Input or OpCode.Constant);

    private static int[] NextOfSameShape(Operation[] ops)
    {
        var next = new int[ops.Length];
        var last = new Dictionary<long, int>();
        for (var t = ops.Length - 1; t >= 0; t--)
        {
            var key = Shape(ops, t);
            next[t] = last.TryGetValue(key, out var u) ? u : -1;
            last[key] = t;
        }

        return next;
    }

    private static long Shape(Operation[] ops, int t)
    {
        var op = ops[t];
        var h = new HashCode();
        h.Add(op.Code);
        h.Add(op.Function);
        if (op.Code == OpCode.Constant)
        {
            h.Add(BitConverter.DoubleToInt64Bits(op.Value));
        }
        else if (IsComputed(op))
        {
            for (var slot = 0; slot < op.OperandCount; slot++)
            {
                var target = ops[slot == 0 ? op.A : op.B];
                h.Add(target.Code switch { OpCode.Input => 0L, OpCode.Constant => BitConverter.DoubleToInt64Bits(target.Value) | 1, _ => 2L });
            }
        }

        return h.ToHashCode();
    }

    private sealed class Matcher(Operation[] ops, int[] maxUser)
    {
        private readonly long[] _delta = new long[2 * MaxPeriod];
        private readonly long[] _self = new long[MaxPeriod];

        public Segment? Best(int s, int[] next)
        {
            Segment? best = null;
            var candidate = next[s];
            for (var tries = 0; candidate >= 0 && candidate - s <= MaxPeriod && tries < Candidates; tries++, candidate = next[candidate])
            {
                var p = candidate - s;
                if (best is not null && p % best.Period == 0)
                {
                    continue;
                }

                var count = Iterations(s, p);
                if (count >= MinIterations && (best is null || (long)count * p > (long)best.Count * best.Period) && Describe(s, p, count) is { } loop)
                {
                    best = loop;
                }
            }

            return best;
        }

        /// <summary>How many iterations of period p starting at s repeat the first one.</summary>
        private int Iterations(int s, int p)
        {
            var t = s;
            while (t + p < ops.Length && Pair(t, t + p, (t - s) % p, first: t < s + p, p))
            {
                t++;
            }

            return (t - s + p) / p;
        }

        private bool Pair(int t, int u, int j, bool first, int p)
        {
            var a = ops[t];
            var b = ops[u];
            if (a.Code != b.Code || !ReferenceEquals(a.Function, b.Function))
            {
                return false;
            }

            switch (a.Code)
            {
                case OpCode.Input:
                    return Same(ref _self[j], b.A - a.A, first);
                case OpCode.Constant:
                    return BitConverter.DoubleToInt64Bits(a.Value) == BitConverter.DoubleToInt64Bits(b.Value);
            }

            for (var slot = 0; slot < a.OperandCount; slot++)
            {
                var x = slot == 0 ? a.A : a.B;
                var y = slot == 0 ? b.A : b.B;
                var ox = ops[x];
                var oy = ops[y];
                long delta;
                if (ox.Code == OpCode.Input && oy.Code == OpCode.Input)
                {
                    delta = oy.A - ox.A;
                }
                else if (ox.Code == OpCode.Constant && oy.Code == OpCode.Constant)
                {
                    if (BitConverter.DoubleToInt64Bits(ox.Value) != BitConverter.DoubleToInt64Bits(oy.Value))
                    {
                        return false;
                    }

                    delta = 0;
                }
                else if (IsComputed(ox) && IsComputed(oy) && (y - x == 0 || y - x == p))
                {
                    delta = y - x;
                }
                else
                {
                    return false;
                }

                if (!Same(ref _delta[(2 * j) + slot], delta, first))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool Same(ref long expected, long delta, bool first)
        {
            if (first)
            {
                expected = delta;
                return true;
            }

            return expected == delta;
        }

        /// <summary>The loop's operand descriptions, after cutting it where values leave early; null when it is not a usable loop.</summary>
        private Segment? Describe(int s, int p, int count)
        {
            count = CutAtEarlyExits(s, p, count);
            var operands = new Operand[2 * p];
            var carry = 0;
            for (var j = 0; j < p; j++)
            {
                var op = ops[s + j];
                if (!IsComputed(op))
                {
                    continue;
                }

                for (var slot = 0; slot < op.OperandCount; slot++)
                {
                    var o = slot == 0 ? op.A : op.B;
                    var later = slot == 0 ? ops[s + j + p].A : ops[s + j + p].B;
                    var target = ops[o];
                    Operand d;
                    if (target.Code == OpCode.Input)
                    {
                        d = new Operand(OperandKind.Input, target.A, ops[later].A - target.A, 0, 0, 0);
                    }
                    else if (target.Code == OpCode.Constant)
                    {
                        d = new Operand(OperandKind.Constant, 0, 0, 0, 0, target.Value);
                    }
                    else if (later == o)
                    {
                        if (o >= s)
                        {
                            return null; // every iteration reads the first iteration's value
                        }

                        d = new Operand(OperandKind.Outer, 0, 0, o, 0, 0);
                    }
                    else
                    {
                        var distance = s + j - o;
                        if (distance <= j)
                        {
                            d = new Operand(OperandKind.Local, 0, 0, j - distance, 0, 0);
                        }
                        else
                        {
                            var m = (distance - j + p - 1) / p;
                            d = new Operand(OperandKind.Carry, 0, 0, j - distance + (m * p), m, 0);
                            carry = Math.Max(carry, m);
                        }
                    }

                    operands[(2 * j) + slot] = d;
                }
            }

            return carry > MaxCarry || count <= carry || count < MinIterations ? null : new Segment(s, p, count, operands);
        }

        /// <summary>Ends the run after the first iteration that has a step used after the run (or the output).</summary>
        private int CutAtEarlyExits(int s, int p, int count)
        {
            while (true)
            {
                var end = s + (count * p);
                var cut = count;
                for (var t = s; t < end - p && cut == count; t++)
                {
                    if (maxUser[t] >= end)
                    {
                        cut = ((t - s) / p) + 1;
                    }
                }

                if (cut == count)
                {
                    return count;
                }

                count = cut;
            }
        }
    }
}
