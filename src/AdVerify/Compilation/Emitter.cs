using System.Reflection;
using System.Reflection.Emit;
using AdVerify.Expressions;

namespace AdVerify.Compilation;

/// <summary>A compiled program: the point, direction, gradient, Hessian-vector product, workspace and output arrays, by reference to their first elements.</summary>
internal delegate double Kernel(ref double x, ref double v, ref double g, ref double h, ref double w, ref double o);

/// <summary>The objects compiled code needs at run time: the targets of the functions it calls.</summary>
internal sealed class KernelClosure
{
    public object[] Targets = [];
}

/// <summary>
/// Turns an <see cref="IrProgram"/> into IL with <see cref="DynamicMethod"/>. The entry method pins
/// the six arrays and works on raw addresses (no bounds checks: every position is fixed at compile
/// time and the caller checks the lengths). Blocks are grouped into methods of at most
/// <see cref="MethodBudget"/> instructions, so no method grows past what the JIT optimises; values
/// that cross methods go through the workspace. A loop keeps its variables in locals and walks
/// each array with a pointer advanced by its stride.
/// </summary>
internal static class Emitter
{
    /// <summary>The most instructions one method holds (a single larger block gets a method of its own).</summary>
    public const int MethodBudget = 1500;

    private static readonly MethodInfo Pow = typeof(Math).GetMethod(nameof(Math.Pow), [typeof(double), typeof(double)])!;
    private static readonly FieldInfo Targets = typeof(KernelClosure).GetField(nameof(KernelClosure.Targets))!;
    private static readonly Type[] ChunkParameters = [typeof(KernelClosure), typeof(nint), typeof(nint), typeof(nint), typeof(nint), typeof(nint), typeof(nint)];

    /// <summary>Compiles the program into a kernel, and says how long a workspace it needs and how many methods it has.</summary>
    public static (Kernel Kernel, long Workspace, int Methods) Emit(IrProgram program, string name)
    {
        var closure = new KernelClosure();
        var targetSlots = new Dictionary<FunctionInfo, int>(ReferenceEqualityComparer.Instance);
        var targets = new List<object>();
        foreach (var f in program.Blocks.SelectMany(b => b.Code).Where(i => i.Op == Op.Call).Select(i => i.Function!).Distinct())
        {
            var plan = CallPlan.For(f);
            if (plan.NeedsTarget)
            {
                var d = CallPlan.DelegateOf(f);
                targetSlots[f] = targets.Count;
                targets.Add(plan.ThroughDelegate ? d : d.Target!);
            }
        }

        closure.Targets = [.. targets];
        var methods = Partition(program.Blocks);
        var crossing = CrossingGlobals(program, methods);
        var slots = new int[program.Globals];
        var crossingCount = 0;
        for (var g = 0; g < slots.Length; g++)
        {
            slots[g] = crossing[g] ? crossingCount++ : -1;
        }

        var layout = new Layout(slots, crossingCount);
        var entry = new DynamicMethod(name, typeof(double),
            [typeof(KernelClosure), .. Enumerable.Repeat(typeof(double).MakeByRefType(), 6)], typeof(KernelClosure).Module, skipVisibility: true)
        {
            InitLocals = false,
        };
        var il = entry.GetILGenerator();
        var bases = new LocalBuilder[6];
        for (var i = 0; i < 6; i++)
        {
            var pinned = il.DeclareLocal(typeof(double).MakeByRefType(), pinned: true);
            bases[i] = il.DeclareLocal(typeof(nint));
            il.Emit(OpCodes.Ldarg, i + 1);
            il.Emit(OpCodes.Stloc, pinned);
            il.Emit(OpCodes.Ldloc, pinned);
            il.Emit(OpCodes.Conv_U);
            il.Emit(OpCodes.Stloc, bases[i]);
        }

        if (methods.Count == 1)
        {
            new MethodEmitter(il, program, layout, targetSlots, a => il.Emit(OpCodes.Ldloc, bases[(int)a])).EmitBody(methods[0], last: true);
        }
        else
        {
            for (var m = 0; m < methods.Count; m++)
            {
                var chunk = new DynamicMethod($"{name}_{m}", typeof(double), ChunkParameters, typeof(KernelClosure).Module, skipVisibility: true)
                {
                    InitLocals = false,
                };
                var cil = chunk.GetILGenerator();
                new MethodEmitter(cil, program, layout, targetSlots, a => cil.Emit(OpCodes.Ldarg, (int)a + 1)).EmitBody(methods[m], last: m == methods.Count - 1);
                il.Emit(OpCodes.Ldarg_0);
                foreach (var b in bases)
                {
                    il.Emit(OpCodes.Ldloc, b);
                }

                il.Emit(OpCodes.Call, chunk);
                if (m < methods.Count - 1)
                {
                    il.Emit(OpCodes.Pop);
                }
            }

            il.Emit(OpCodes.Ret);
        }

        var workspace = crossingCount + program.Workspace;
        return (entry.CreateDelegate<Kernel>(closure), workspace, methods.Count);
    }

    /// <summary>The workspace: globals read by other methods first (at their slots), then the program's data.</summary>
    private sealed record Layout(int[] GlobalSlots, int DataOffset);

    private static List<List<Block>> Partition(List<Block> blocks)
    {
        var methods = new List<List<Block>> { new() };
        var size = 0;
        foreach (var block in blocks)
        {
            if (size > 0 && size + block.Code.Count > MethodBudget)
            {
                methods.Add([]);
                size = 0;
            }

            methods[^1].Add(block);
            size += block.Code.Count;
        }

        return methods;
    }

    /// <summary>The globals read in a method other than the one that defines them (these are stored in the workspace).</summary>
    private static bool[] CrossingGlobals(IrProgram program, List<List<Block>> methods)
    {
        var definedIn = new int[program.Globals];
        var crossing = new bool[program.Globals];
        Array.Fill(definedIn, -1);
        for (var m = 0; m < methods.Count; m++)
        {
            foreach (var block in methods[m])
            {
                foreach (var r in block.Code.SelectMany(i => new[] { i.A, i.B }).Concat(block.Phis.SelectMany(p => new[] { p.Init, p.Next })).Concat(block.Exports.Select(e => e.Value)))
                {
                    if (r.Kind == RefKind.Global && definedIn[r.Id] != m)
                    {
                        crossing[r.Id] = true;
                    }
                }

                foreach (var (g, _, _) in block.Exports)
                {
                    definedIn[g] = m;
                }
            }
        }

        if (program.Result.Kind == RefKind.Global && definedIn[program.Result.Id] != methods.Count - 1)
        {
            crossing[program.Result.Id] = true;
        }

        return crossing;
    }

    /// <summary>Emits the blocks of one method.</summary>
    private sealed class MethodEmitter(ILGenerator il, IrProgram program, Layout layout, Dictionary<FunctionInfo, int> slots, Action<Arr> loadBase)
    {
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
            var plan = CallPlan.For(f);
            if (plan.NeedsTarget)
            {
                il.Emit(OpCodes.Ldarg_0);
                il.Emit(OpCodes.Ldfld, Targets);
                il.Emit(OpCodes.Ldc_I4, slots[f]);
                il.Emit(OpCodes.Ldelem_Ref);
                il.Emit(OpCodes.Castclass, plan.ThroughDelegate ? CallPlan.DelegateOf(f).GetType() : plan.Method.DeclaringType!);
            }

            Load(instr.A);
            if (f.Arity == 2)
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
}
