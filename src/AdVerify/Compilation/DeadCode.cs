namespace AdVerify.Compilation;

/// <summary>
/// Removes what a program does not need: exports of globals nobody reads, instructions whose
/// values are unused (memory writes always stay), and loop variables that feed nothing.
/// </summary>
internal static class DeadCode
{
    public static void Eliminate(IrProgram program)
    {
        for (var pass = 0; pass < 16; pass++)
        {
            var used = new bool[program.Globals];
            Mark(program.Result, used);
            foreach (var block in program.Blocks)
            {
                foreach (var instr in block.Code)
                {
                    Mark(instr.A, used);
                    Mark(instr.B, used);
                }

                foreach (var phi in block.Phis)
                {
                    Mark(phi.Init, used);
                    Mark(phi.Next, used);
                }

                foreach (var (_, value, _) in block.Exports)
                {
                    Mark(value, used);
                }
            }

            var changed = false;
            foreach (var block in program.Blocks)
            {
                changed |= block.Exports.RemoveAll(e => !used[e.Global]) > 0;
                changed |= Compact(block);
            }

            program.Blocks.RemoveAll(b => b.Code.Count == 0 && b.Exports.Count == 0);
            if (!changed)
            {
                return;
            }
        }
    }

    private static void Mark(Ref r, bool[] used)
    {
        if (r.Kind == RefKind.Global)
        {
            used[r.Id] = true;
        }
    }

    /// <summary>Drops the dead instructions and loop variables of one block; true when anything was removed.</summary>
    private static bool Compact(Block block)
    {
        var code = block.Code;
        var phis = block.Phis;
        var liveInstr = new bool[code.Count];
        var livePhi = new bool[phis.Count];
        var work = new Stack<Ref>();
        for (var i = 0; i < code.Count; i++)
        {
            if (!code[i].HasValue)
            {
                liveInstr[i] = true;
                Push(code[i], work);
            }
        }

        foreach (var (_, value, _) in block.Exports)
        {
            work.Push(value);
        }

        while (work.Count > 0)
        {
            var r = work.Pop();
            if (r.Kind == RefKind.Local && !liveInstr[r.Id])
            {
                liveInstr[r.Id] = true;
                Push(code[r.Id], work);
            }
            else if (r.Kind == RefKind.Phi && !livePhi[r.Id])
            {
                livePhi[r.Id] = true;
                work.Push(phis[r.Id].Next);
            }
        }

        if (Array.TrueForAll(liveInstr, l => l) && Array.TrueForAll(livePhi, l => l))
        {
            return false;
        }

        var instrIndex = Renumber(liveInstr);
        var phiIndex = Renumber(livePhi);
        Ref Map(Ref r) => r.Kind switch
        {
            RefKind.Local => Ref.Local(instrIndex[r.Id]),
            RefKind.Phi => Ref.Phi(phiIndex[r.Id]),
            _ => r,
        };

        var kept = new List<Instr>(code.Count);
        for (var i = 0; i < code.Count; i++)
        {
            if (liveInstr[i])
            {
                kept.Add(code[i].WithOperands(Map(code[i].A), Map(code[i].B)));
            }
        }

        var keptPhis = new List<Phi>(phis.Count);
        for (var i = 0; i < phis.Count; i++)
        {
            if (livePhi[i])
            {
                keptPhis.Add(new Phi(phis[i].Init, Map(phis[i].Next)));
            }
        }

        code.Clear();
        code.AddRange(kept);
        phis.Clear();
        phis.AddRange(keptPhis);
        for (var i = 0; i < block.Exports.Count; i++)
        {
            block.Exports[i] = block.Exports[i] with { Value = Map(block.Exports[i].Value) };
        }

        return true;
    }

    private static void Push(Instr instr, Stack<Ref> work)
    {
        work.Push(instr.A);
        work.Push(instr.B);
    }

    private static int[] Renumber(bool[] live)
    {
        var index = new int[live.Length];
        var next = 0;
        for (var i = 0; i < live.Length; i++)
        {
            index[i] = live[i] ? next++ : -1;
        }

        return index;
    }
}
