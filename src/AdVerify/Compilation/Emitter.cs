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

    private static readonly Type[] ChunkParameters = [typeof(KernelClosure), typeof(nint), typeof(nint), typeof(nint), typeof(nint), typeof(nint), typeof(nint)];

    /// <summary>Compiles the program into a kernel, and says how long a workspace it needs and how many methods it has.</summary>
    public static (Kernel Kernel, long Workspace, int Methods) Emit(IrProgram program, string name)
    {
        var closure = new KernelClosure();
        var targetSlots = new Dictionary<(FunctionInfo, int), int>();
        var targets = new List<object>();
        foreach (var (f, count) in program.Blocks.SelectMany(b => b.Code).Where(i => i.Op == Op.Call).Select(i => (i.Function!, i.Operands)).Distinct())
        {
            var plan = CallPlan.For(f, count);
            if (plan.NeedsTarget)
            {
                var d = CallPlan.DelegateOf(f, count);
                targetSlots[(f, count)] = targets.Count;
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
    internal sealed record Layout(int[] GlobalSlots, int DataOffset);

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
}
