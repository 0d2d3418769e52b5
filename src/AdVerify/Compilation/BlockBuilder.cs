using AdVerify.Expressions;

namespace AdVerify.Compilation;

/// <summary>
/// Appends instructions to a <see cref="Block"/>, computing each distinct pure instruction once
/// (value numbering) and folding constants. In exact mode (the function's own value code) only
/// folds that give the same bits as the unfolded code are made (x·1, x/1, −(−x), x·(−1), constant
/// operands), so compiled values equal the plain function's bit for bit; in derivative mode
/// zeros are also dropped (0·x = 0, x + 0 = x), as structurally zero derivative terms are.
/// </summary>
internal sealed class BlockBuilder(Block block, bool exact)
{
    private readonly Dictionary<Instr, int> _pure = [];
    private readonly Dictionary<Index, int> _workspaceReads = [];

    public Block Block { get; } = block;

    public bool Exact { get; set; } = exact;

    public Ref Neg(Ref a) => Apply(Op.Neg, a, Ref.None);

    public Ref Add(Ref a, Ref b) => Apply(Op.Add, a, b);

    public Ref Sub(Ref a, Ref b) => Apply(Op.Sub, a, b);

    public Ref Mul(Ref a, Ref b) => Apply(Op.Mul, a, b);

    public Ref Div(Ref a, Ref b) => Apply(Op.Div, a, b);

    /// <summary>a + b where a missing (<see cref="Ref.None"/>) term counts as zero.</summary>
    public Ref Sum(Ref a, Ref b) => a.IsNone ? b : b.IsNone ? a : Add(a, b);

    /// <summary>An arithmetic instruction or a call (folded and shared where possible).</summary>
    public Ref Apply(Op op, Ref a, Ref b, FunctionInfo? function = null)
    {
        var folded = Fold(op, a, b, function);
        return folded.IsNone ? Append(new Instr(op, a, b, function, Arr.X, default)) : folded;
    }

    public Ref Read(Arr array, Index index)
    {
        if (array == Arr.W)
        {
            if (_workspaceReads.TryGetValue(index, out var existing))
            {
                return Ref.Local(existing);
            }

            var r = Append(new Instr(Op.Read, Ref.None, Ref.None, null, array, index), share: false);
            _workspaceReads[index] = r.Id;
            return r;
        }

        return Append(new Instr(Op.Read, Ref.None, Ref.None, null, array, index));
    }

    public void Write(Arr array, Index index, Ref value) => Store(Op.Write, array, index, value);

    public void Accumulate(Arr array, Index index, Ref value)
    {
        if (!value.IsNone && !(value.IsConst && value.Value == 0 && !Exact))
        {
            Store(Op.Accumulate, array, index, value);
        }
    }

    public Ref NewPhi(Ref init)
    {
        Block.Phis.Add(new Phi(init, Ref.None));
        return Ref.Phi(Block.Phis.Count - 1);
    }

    public void SetNext(Ref phi, Ref next) => Block.Phis[phi.Id] = Block.Phis[phi.Id] with { Next = next };

    public void Export(int global, Ref value, bool final = false) => Block.Exports.Add(new Export(global, value, final));

    private void Store(Op op, Arr array, Index index, Ref value)
    {
        if (array == Arr.W)
        {
            _workspaceReads.Clear();
        }

        Block.Code.Add(new Instr(op, value, Ref.None, null, array, index));
    }

    private Ref Append(Instr instr, bool share = true)
    {
        if (share && _pure.TryGetValue(instr, out var existing))
        {
            return Ref.Local(existing);
        }

        Block.Code.Add(instr);
        var index = Block.Code.Count - 1;
        if (share)
        {
            _pure[instr] = index;
        }

        return Ref.Local(index);
    }

    private Instr? Definition(Ref r) => r.Kind == RefKind.Local ? Block.Code[r.Id] : null;

    private bool IsNeg(Ref r, out Ref inner)
    {
        if (Definition(r) is { Op: Op.Neg } d)
        {
            inner = d.A;
            return true;
        }

        inner = Ref.None;
        return false;
    }

    private bool IsZero(Ref r) => !Exact && r.Is(0);

    private Ref Fold(Op op, Ref a, Ref b, FunctionInfo? function)
    {
        if (a.IsConst && (b.IsConst || op is Op.Neg || (op == Op.Call && b.IsNone)) && (op != Op.Call || function!.IsBuiltIn))
        {
            return Ref.Const(Evaluate(op, a.Value, b.IsNone ? null : b.Value, function));
        }

        switch (op)
        {
            case Op.Neg:
                return IsNeg(a, out var inner) ? inner : Ref.None;
            case Op.Add:
                return IsZero(a) ? b
                    : IsZero(b) || (b.IsConst && double.IsNegative(b.Value) && b.Value == 0) ? a
                    : IsNeg(b, out var nb) ? Sub(a, nb)
                    : IsNeg(a, out var na) ? Sub(b, na)
                    : Ref.None;
            case Op.Sub:
                return (b.IsConst && b.Value == 0 && !double.IsNegative(b.Value)) || IsZero(b) ? a
                    : IsZero(a) ? Neg(b)
                    : IsNeg(b, out var nb2) ? Add(a, nb2)
                    : Ref.None;
            case Op.Mul:
                return IsZero(a) || IsZero(b) ? Ref.Const(0)
                    : a.Is(1) ? b
                    : b.Is(1) ? a
                    : a.Is(-1) ? Neg(b)
                    : b.Is(-1) ? Neg(a)
                    : IsNeg(a, out var ma) && IsNeg(b, out var mb) ? Mul(ma, mb)
                    : Ref.None;
            case Op.Div:
                return b.Is(1) ? a
                    : b.Is(-1) ? Neg(a)
                    : IsZero(a) ? Ref.Const(0)
                    : Ref.None;
            default:
                return Ref.None;
        }
    }

    internal static double Evaluate(Op op, double a, double? b, FunctionInfo? function) => op switch
    {
        Op.Neg => -a,
        Op.Add => a + b!.Value,
        Op.Sub => a - b!.Value,
        Op.Mul => a * b!.Value,
        Op.Div => a / b!.Value,
        Op.Pow => Math.Pow(a, b!.Value),
        Op.Call => b is { } y ? (function!.IsVariadic ? function.Evaluate([a, y]) : function!.Evaluate(a, y)) : function!.IsVariadic ? function.Evaluate([a]) : function.Evaluate(a),
        _ => throw new InvalidOperationException($"{op} has no constant value"),
    };
}
