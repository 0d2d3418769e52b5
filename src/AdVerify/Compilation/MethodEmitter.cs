using System.Reflection;
using System.Reflection.Emit;
using AdVerify.Expressions;

namespace AdVerify.Compilation;

/// <summary>
/// Emits the blocks of one method for <see cref="Emitter"/>: each block's values in locals
/// (reused once dead), loops as counted loops over pointers advanced by their strides, loop
/// variables updated together at the end of an iteration, exports into locals (and into the
/// workspace when another method reads them).
/// </summary>
internal sealed class MethodEmitter(ILGenerator il, IrProgram program, Emitter.Layout layout, Dictionary<(FunctionInfo, int), int> slots, Action<Arr> loadBase)
{
    private static readonly MethodInfo Pow = typeof(Math).GetMethod(nameof(Math.Pow), [typeof(double), typeof(double)])!;
    private static readonly FieldInfo Targets = typeof(KernelClosure).GetField(nameof(KernelClosure.Targets))!;

    private readonly Dictionary<int, LocalBuilder> _globals = [];
    private readonly Stack<LocalBuilder> _free = new();
    private readonly Dictionary<(Arr, long), LocalBuilder> _streams = [];
    private LocalBuilder[] _values = [];
    private LocalBuilder[] _phis = [];
    private bool _inLoop;

    public void EmitBody(List<Block> blocks, bool last)
    {
        foreach (var block in blocks)
        {
            EmitBlock(block);
        }

        if (last)
        {
            Load(program.Result);
        }
        else
        {
            il.Emit(OpCodes.Ldc_R8, 0.0);
        }

        il.Emit(OpCodes.Ret);
    }

    private void EmitBlock(Block block)
    {
        var code = block.Code;
        var lastUse = new int[code.Count];
        Array.Fill(lastUse, -1);
        for (var i = 0; i < code.Count; i++)
        {
            Use(code[i].A, i, lastUse);
            Use(code[i].B, i, lastUse);
        }

        foreach (var phi in block.Phis)
        {
            Use(phi.Next, code.Count, lastUse);
        }

        foreach (var (_, value, _) in block.Exports)
        {
            Use(value, code.Count, lastUse);
        }

        _values = new LocalBuilder[code.Count];
        var top = il.DefineLabel();
        LocalBuilder? counter = null;
        var preloaded = new List<(int Global, LocalBuilder Local)>();
        if (block.IsLoop)
        {
            // Globals are read once before the loop, loop variables start at their initial values.
            foreach (var g in code.SelectMany(i => new[] { i.A, i.B }).Concat(block.Phis.Select(p => p.Next))
                         .Where(r => r.Kind == RefKind.Global && !_globals.ContainsKey(r.Id)).Select(r => r.Id).Distinct())
            {
                Load(Ref.Global(g));
                var local = Take();
                il.Emit(OpCodes.Stloc, local);
                _globals[g] = local;
                preloaded.Add((g, local));
            }

            _phis = new LocalBuilder[block.Phis.Count];
            for (var p = 0; p < _phis.Length; p++)
            {
                _phis[p] = il.DeclareLocal(typeof(double));
                Load(block.Phis[p].Init);
                il.Emit(OpCodes.Stloc, _phis[p]);
            }

            _streams.Clear();
            foreach (var (arr, stride) in code.Where(i => i.Op >= Op.Read && i.Index.Stride != 0).Select(i => (i.Array, i.Index.Stride)).Distinct())
            {
                var pointer = il.DeclareLocal(typeof(nint));
                loadBase(arr);
                il.Emit(OpCodes.Stloc, pointer);
                _streams[(arr, stride)] = pointer;
            }

            counter = il.DeclareLocal(typeof(long));
            il.Emit(OpCodes.Ldc_I8, block.Count);
            il.Emit(OpCodes.Stloc, counter);
            il.MarkLabel(top);
            _inLoop = true;
        }

        for (var i = 0; i < code.Count; i++)
        {
            EmitInstr(code[i]);
            Release(code[i].A, i, lastUse);
            if (code[i].B != code[i].A)
            {
                Release(code[i].B, i, lastUse);
            }

            if (code[i].HasValue)
            {
                if (lastUse[i] < 0)
                {
                    il.Emit(OpCodes.Pop);
                }
                else
                {
                    _values[i] = Take();
                    il.Emit(OpCodes.Stloc, _values[i]);
                }
            }
        }

        // A loop variable exported as it was during the last iteration is saved before the update.
        var during = new Dictionary<int, LocalBuilder>();
        if (block.IsLoop)
        {
            foreach (var export in block.Exports.Where(e => !e.Final && e.Value.Kind == RefKind.Phi))
            {
                if (!during.ContainsKey(export.Value.Id))
                {
                    during[export.Value.Id] = il.DeclareLocal(typeof(double));
                    il.Emit(OpCodes.Ldloc, _phis[export.Value.Id]);
                    il.Emit(OpCodes.Stloc, during[export.Value.Id]);
                }
            }

            foreach (var phi in block.Phis)
            {
                Load(phi.Next);
            }

            for (var p = _phis.Length - 1; p >= 0; p--)
            {
                il.Emit(OpCodes.Stloc, _phis[p]);
            }

            foreach (var ((_, stride), pointer) in _streams)
            {
                il.Emit(OpCodes.Ldloc, pointer);
                il.Emit(OpCodes.Ldc_I8, stride * sizeof(double));
                il.Emit(OpCodes.Conv_I);
                il.Emit(OpCodes.Add);
                il.Emit(OpCodes.Stloc, pointer);
            }

            il.Emit(OpCodes.Ldloc, counter!);
            il.Emit(OpCodes.Ldc_I8, 1L);
            il.Emit(OpCodes.Sub);
            il.Emit(OpCodes.Dup);
            il.Emit(OpCodes.Stloc, counter!);
            il.Emit(OpCodes.Brtrue, top);
            _inLoop = false;
        }

        foreach (var (g, value, final) in block.Exports)
        {
            if (!final && value.Kind == RefKind.Phi && during.TryGetValue(value.Id, out var saved))
            {
                il.Emit(OpCodes.Ldloc, saved);
            }
            else
            {
                Load(value);
            }

            var local = il.DeclareLocal(typeof(double));
            il.Emit(OpCodes.Stloc, local);
            if (layout.GlobalSlots[g] >= 0)
            {
                Address(Arr.W, Index.Fixed(layout.GlobalSlots[g]), global: true);
                il.Emit(OpCodes.Ldloc, local);
                il.Emit(OpCodes.Stind_R8);
            }

            _globals[g] = local;
        }

        // Values of this block are dead now; locals of preloaded globals may be reused.
        for (var i = 0; i < code.Count; i++)
        {
            if (_values[i] is { } v && lastUse[i] == code.Count)
            {
                _free.Push(v);
            }
        }

        foreach (var (g, local) in preloaded)
        {
            _globals.Remove(g);
            _free.Push(local);
        }
    }

    private static void Use(Ref r, int at, int[] lastUse)
    {
        if (r.Kind == RefKind.Local)
        {
            lastUse[r.Id] = Math.Max(lastUse[r.Id], at);
        }
    }

    private void Release(Ref r, int at, int[] lastUse)
    {
        if (r.Kind == RefKind.Local && lastUse[r.Id] == at)
        {
            _free.Push(_values[r.Id]);
        }
    }

    private LocalBuilder Take() => _free.Count > 0 ? _free.Pop() : il.DeclareLocal(typeof(double));

    private void EmitInstr(Instr instr)
    {
        switch (instr.Op)
        {
            case Op.Read:
                Address(instr.Array, instr.Index);
                il.Emit(OpCodes.Ldind_R8);
                return;
            case Op.Write:
                Address(instr.Array, instr.Index);
                Load(instr.A);
                il.Emit(OpCodes.Stind_R8);
                return;
            case Op.Accumulate:
                Address(instr.Array, instr.Index);
                il.Emit(OpCodes.Dup);
                il.Emit(OpCodes.Ldind_R8);
                Load(instr.A);
                il.Emit(OpCodes.Add);
                il.Emit(OpCodes.Stind_R8);
                return;
            case Op.Neg:
                Load(instr.A);
                il.Emit(OpCodes.Neg);
                return;
            case Op.Pow:
                Load(instr.A);
                Load(instr.B);
                il.Emit(OpCodes.Call, Pow);
                return;
            case Op.Call:
                EmitCall(instr);
                return;
            default:
                Load(instr.A);
                Load(instr.B);
                il.Emit(instr.Op switch { Op.Add => OpCodes.Add, Op.Sub => OpCodes.Sub, Op.Mul => OpCodes.Mul, _ => OpCodes.Div });
                return;
        }
    }

    private void EmitCall(Instr instr)
    {
        var f = instr.Function!;
        var count = instr.Operands;
        var plan = CallPlan.For(f, count);
        if (plan.NeedsTarget)
        {
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldfld, Targets);
            il.Emit(OpCodes.Ldc_I4, slots[(f, count)]);
            il.Emit(OpCodes.Ldelem_Ref);
            il.Emit(OpCodes.Castclass, plan.ThroughDelegate ? CallPlan.DelegateOf(f, count).GetType() : plan.Method.DeclaringType!);
        }

        Load(instr.A);
        if (count == 2)
        {
            Load(instr.B);
        }

        il.Emit(plan.ThroughDelegate ? OpCodes.Callvirt : OpCodes.Call, plan.Method);
    }

    private void Load(Ref r)
    {
        switch (r.Kind)
        {
            case RefKind.Const:
                il.Emit(OpCodes.Ldc_R8, r.Value);
                break;
            case RefKind.Local:
                il.Emit(OpCodes.Ldloc, _values[r.Id]);
                break;
            case RefKind.Phi:
                il.Emit(OpCodes.Ldloc, _phis[r.Id]);
                break;
            case RefKind.Global when _globals.TryGetValue(r.Id, out var local):
                il.Emit(OpCodes.Ldloc, local);
                break;
            case RefKind.Global:
                Address(Arr.W, Index.Fixed(layout.GlobalSlots[r.Id]), global: true);
                il.Emit(OpCodes.Ldind_R8);
                break;
            default:
                throw new InvalidOperationException("an operand is missing");
        }
    }

    /// <summary>Pushes the address of an array element: globals sit at the start of the workspace, its data after them.</summary>
    private void Address(Arr array, Index index, bool global = false)
    {
        var position = array == Arr.W && !global ? index.Base + layout.DataOffset : index.Base;
        if (_inLoop && index.Stride != 0)
        {
            il.Emit(OpCodes.Ldloc, _streams[(array, index.Stride)]);
        }
        else
        {
            loadBase(array);
        }

        if (position != 0)
        {
            il.Emit(OpCodes.Ldc_I8, position * sizeof(double));
            il.Emit(OpCodes.Conv_I);
            il.Emit(OpCodes.Add);
        }
    }
}
