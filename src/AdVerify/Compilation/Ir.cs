using AdVerify.Expressions;

namespace AdVerify.Compilation;

/// <summary>The arrays a compiled kernel works on.</summary>
internal enum Arr : byte
{
    /// <summary>The point (read only).</summary>
    X,

    /// <summary>The direction of a Hessian-vector product (read only).</summary>
    V,

    /// <summary>The gradient (accumulated).</summary>
    G,

    /// <summary>The Hessian-vector product (accumulated).</summary>
    H,

    /// <summary>The workspace: stored values, adjoint slots and globals.</summary>
    W,

    /// <summary>The outputs of a multi-output program.</summary>
    O,
}

/// <summary>An array position: <c>Base + k·Stride</c>, where k counts the iterations of the enclosing loop (0 outside loops).</summary>
internal readonly record struct Index(long Base, long Stride)
{
    public static Index Fixed(long position) => new(position, 0);

    /// <summary>The same positions visited in the opposite order by a loop of <paramref name="count"/> iterations.</summary>
    public Index Reversed(long count) => new(Base + ((count - 1) * Stride), -Stride);

    public Index Shifted(long by) => this with { Base = Base + by };
}

internal enum RefKind : byte
{
    None,
    Const,
    Local,
    Phi,
    Global,
}

/// <summary>
/// An operand: a constant, an earlier instruction of the same block (<see cref="RefKind.Local"/>),
/// a loop-carried variable of the block (<see cref="RefKind.Phi"/>) or a value exported by an
/// earlier block (<see cref="RefKind.Global"/>). Constants compare by their bits, so 0 and −0 differ.
/// </summary>
internal readonly record struct Ref(RefKind Kind, int Id, long Bits)
{
    public static readonly Ref None;

    public double Value => BitConverter.Int64BitsToDouble(Bits);

    public bool IsNone => Kind == RefKind.None;

    public bool IsConst => Kind == RefKind.Const;

    public static Ref Const(double value) => new(RefKind.Const, 0, BitConverter.DoubleToInt64Bits(value));

    public static Ref Local(int index) => new(RefKind.Local, index, 0);

    public static Ref Phi(int index) => new(RefKind.Phi, index, 0);

    public static Ref Global(int index) => new(RefKind.Global, index, 0);

    public bool Is(double value) => IsConst && Value == value;
}

/// <summary>The instructions: arithmetic, calls, and memory accesses with affine positions.</summary>
internal enum Op : byte
{
    Neg,
    Add,
    Sub,
    Mul,
    Div,
    Pow,
    Call,
    Read,
    Write,
    Accumulate,
}

/// <summary>One instruction: <see cref="Op.Read"/> loads <c>Array[Index]</c>, <see cref="Op.Write"/> stores A there, <see cref="Op.Accumulate"/> adds A to it.</summary>
internal readonly record struct Instr(Op Op, Ref A, Ref B, FunctionInfo? Function, Arr Array, Index Index)
{
    public bool HasValue => Op < Op.Write;

    public int Operands => Op switch
    {
        Op.Read => 0,
        Op.Neg or Op.Write or Op.Accumulate => 1,
        Op.Call => B.IsNone ? 1 : 2,
        _ => 2,
    };

    public Ref Operand(int i) => i == 0 ? A : B;

    public Instr WithOperands(Ref a, Ref b) => this with { A = a, B = b };
}

/// <summary>A loop-carried variable: <see cref="Init"/> on entry, then <see cref="Next"/> (evaluated at the end of each iteration).</summary>
internal readonly record struct Phi(Ref Init, Ref Next);

/// <summary>
/// A value a block passes on as a global. For a loop, a body value is taken from the last
/// iteration; a loop variable (<see cref="RefKind.Phi"/>) as it was during the last iteration, or
/// with <see cref="Final"/> as updated after it (the value it would carry into one more iteration).
/// </summary>
internal readonly record struct Export(int Global, Ref Value, bool Final);

/// <summary>
/// A straight-line block, or a loop whose body runs <see cref="Count"/> times with the iteration
/// counter k = 0, 1, …. After the block, each export copies a value (a body instruction's value
/// in the last iteration, or a loop variable's final value) into a global.
/// </summary>
internal sealed class Block(bool isLoop, long count)
{
    public bool IsLoop { get; } = isLoop;

    public long Count { get; } = count;

    public List<Instr> Code { get; } = [];

    public List<Phi> Phis { get; } = [];

    public List<Export> Exports { get; } = [];

    public static Block Straight() => new(false, 1);

    public static Block Loop(long count) => new(true, count);
}

/// <summary>
/// A compiled program: blocks run in order, globals passed between them, a workspace of
/// <see cref="Workspace"/> doubles (for values stored by loops), and the value returned.
/// </summary>
internal sealed class IrProgram
{
    public List<Block> Blocks { get; } = [];

    public int Globals { get; set; }

    public long Workspace { get; set; }

    public Ref Result { get; set; } = Ref.Const(0);

    public int NewGlobal() => Globals++;

    public long Allocate(long length)
    {
        var start = Workspace;
        Workspace += length;
        return start;
    }

    public int InstructionCount => Blocks.Sum(b => b.Code.Count);
}

/// <summary>Readable listings of programs, for tests and debugging.</summary>
internal static class IrText
{
    public static string Write(IrProgram program)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"globals {program.Globals}, workspace {program.Workspace}, result {Name(program.Result)}");
        foreach (var block in program.Blocks)
        {
            text.AppendLine(block.IsLoop ? $"loop ×{block.Count}" : "block");
            for (var p = 0; p < block.Phis.Count; p++)
            {
                text.AppendLine($"  φ{p} = {Name(block.Phis[p].Init)} → {Name(block.Phis[p].Next)}");
            }

            for (var i = 0; i < block.Code.Count; i++)
            {
                var c = block.Code[i];
                var at = $"{c.Array}[{c.Index.Base}{(c.Index.Stride != 0 ? $"+{c.Index.Stride}k" : "")}]";
                text.AppendLine(c.Op switch
                {
                    Op.Read => $"  %{i} = {at}",
                    Op.Write => $"  {at} = {Name(c.A)}",
                    Op.Accumulate => $"  {at} += {Name(c.A)}",
                    Op.Call => $"  %{i} = {c.Function!.Name}({Name(c.A)}{(c.B.IsNone ? "" : ", " + Name(c.B))})",
                    _ => $"  %{i} = {c.Op} {Name(c.A)} {Name(c.B)}",
                });
            }

            foreach (var (g, v, final) in block.Exports)
            {
                text.AppendLine($"  g{g} := {Name(v)}{(final ? " (final)" : "")}");
            }
        }

        return text.ToString();
    }

    private static string Name(Ref r) => r.Kind switch
    {
        RefKind.Const => r.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        RefKind.Local => $"%{r.Id}",
        RefKind.Phi => $"φ{r.Id}",
        RefKind.Global => $"g{r.Id}",
        _ => "",
    };
}
