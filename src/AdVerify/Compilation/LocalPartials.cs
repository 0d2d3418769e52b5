using System.Collections.Concurrent;
using AdVerify.Definitions;
using AdVerify.Expressions;
using AdVerify.Symbolic;

namespace AdVerify.Compilation;

/// <summary>
/// The local partial derivatives of one kind of step (an arithmetic operation, a power with a
/// given constant exponent, a call of one registry function), taken from the symbolic engine:
/// the step is written as an expression in placeholders a and b and differentiated by
/// <see cref="Calculus"/> (so calls use <see cref="DerivativeRules"/>, the symbolic rule card,
/// and a constant exponent uses the power rule, never a logarithm of the base). Each partial is
/// lowered once to a small instruction template; instantiating it binds a, b and the step's own
/// value (a partial such as exp′ = exp or tanh′ = 1 − tanh² reuses the value already computed).
/// The compiled path owns no derivative rules of its own.
/// </summary>
internal sealed class LocalPartials
{
    private static readonly ConcurrentDictionary<(Op, FunctionInfo?, long?, int), LocalPartials> Cache = new();
    private static readonly Expr A = Expr.Symbol("a");
    private static readonly Expr B = Expr.Symbol("b");

    private readonly List<TInstr> _code = [];
    private readonly TRef[] _roots;
    private readonly Dictionary<Expr, TRef> _lowered = new(ReferenceEqualityComparer.Instance);
    private readonly Expr _own;
    private readonly FunctionInfo? _function;

    private LocalPartials(Expr own, Expr[] partials, FunctionInfo? function)
    {
        _own = own;
        _function = function;
        _roots = partials.Select(Lower).ToArray();
        Uses = _roots.Select(Reach).ToArray();
    }

    /// <summary>Per partial: whether it reads operand a, operand b, and the step's own value.</summary>
    public (bool A, bool B, bool Own)[] Uses { get; }

    public int Count => _roots.Length;

    /// <summary>
    /// The partials of a step; a power whose exponent is the constant <paramref name="exponent"/> has one
    /// partial (by its base). A call passes its operand count (a variadic function such as logsumexp is
    /// called with one or two operands).
    /// </summary>
    /// <exception cref="NotSupportedException">The function has no symbolic derivative rule.</exception>
    public static LocalPartials For(Op op, FunctionInfo? function, double? exponent = null, int operands = 0) =>
        Cache.GetOrAdd((op, function, exponent is { } e ? BitConverter.DoubleToInt64Bits(e) : null, op == Op.Call ? operands : 0), key => Create(op, function, exponent, key.Item4));

    /// <summary>Emits the partials into a block; partials not wanted (their slot in <paramref name="wanted"/> false) are skipped.</summary>
    public void Instantiate(BlockBuilder builder, Ref a, Ref b, Ref own, ReadOnlySpan<bool> wanted, Span<Ref> result)
    {
        var temps = new Ref[_code.Count];
        var needed = new bool[_code.Count];
        for (var p = 0; p < _roots.Length; p++)
        {
            if (wanted[p])
            {
                // An integer order (besselj's n) that varies has no derivative: the caller falls back with this reason.
                if (_function is not null && _function.IntegerArguments.Contains(p))
                {
                    throw DerivativeRules.NotDifferentiable(_function, p);
                }

                MarkNeeded(_roots[p], needed);
            }
        }

        Ref Bind(TRef t) => t.Kind switch
        {
            TKind.A => a,
            TKind.B => b,
            TKind.Own => own,
            TKind.Const => Ref.Const(t.Value),
            _ => temps[t.Id],
        };

        for (var i = 0; i < _code.Count; i++)
        {
            if (needed[i])
            {
                var c = _code[i];
                temps[i] = builder.Apply(c.Op, Bind(c.A), c.B.Kind == TKind.None ? Ref.None : Bind(c.B), c.Function);
            }
        }

        for (var p = 0; p < _roots.Length; p++)
        {
            result[p] = wanted[p] ? Bind(_roots[p]) : Ref.None;
        }
    }

    private static LocalPartials Create(Op op, FunctionInfo? function, double? exponent, int operands)
    {
        if (op == Op.Call && !function!.Accepts(operands))
        {
            throw new InvalidOperationException($"{function.Name} takes {function.ArityText}, not {operands}");
        }

        var own = op switch
        {
            Op.Neg => -A,
            Op.Add => A + B,
            Op.Sub => A - B,
            Op.Mul => A * B,
            Op.Div => A / B,
            Op.Pow when exponent is { } e => Expr.Pow(A, ComputationBuilder.ExactOf(e) ?? throw new NotSupportedException($"the exponent {e} is not a finite number")),
            Op.Pow => Expr.Pow(A, B),
            Op.Call when operands == 1 => Expr.Call(function!, A),
            Op.Call => Expr.Call(function!, A, B),
            _ => throw new InvalidOperationException($"{op} has no partial derivatives"),
        };
        var binary = op is Op.Add or Op.Sub or Op.Mul or Op.Div || (op == Op.Pow && exponent is null) || (op == Op.Call && operands == 2);

        // An integer order gets no partial (a placeholder 0 that Instantiate refuses to hand out).
        Expr Partial(int slot, string name) =>
            op == Op.Call && function!.IntegerArguments.Contains(slot) ? Expr.Zero : own.Differentiate(name);
        Expr[] partials = binary ? [Partial(0, "a"), Partial(1, "b")] : [Partial(0, "a")];
        return new LocalPartials(own, partials, op == Op.Call ? function : null);
    }

    private void MarkNeeded(TRef t, bool[] needed)
    {
        if (t.Kind == TKind.Temp && !needed[t.Id])
        {
            needed[t.Id] = true;
            MarkNeeded(_code[t.Id].A, needed);
            MarkNeeded(_code[t.Id].B, needed);
        }
    }

    private (bool A, bool B, bool Own) Reach(TRef root)
    {
        var needed = new bool[_code.Count];
        MarkNeeded(root, needed);
        bool Any(TKind kind) => root.Kind == kind || _code.Where((c, i) => needed[i]).Any(c => c.A.Kind == kind || c.B.Kind == kind);
        return (Any(TKind.A), Any(TKind.B), Any(TKind.Own));
    }

    private TRef Emit(Op op, TRef a, TRef b = default, FunctionInfo? function = null)
    {
        _code.Add(new TInstr(op, a, b, function));
        return new TRef(TKind.Temp, _code.Count - 1, 0);
    }

    /// <summary>Lowers a partial derivative expression, computing powers as <see cref="RealPower"/> does.</summary>
    private TRef Lower(Expr e)
    {
        if (ReferenceEquals(e, _own))
        {
            return new TRef(TKind.Own, 0, 0);
        }

        if (_lowered.TryGetValue(e, out var done))
        {
            return done;
        }

        var result = e switch
        {
            NumberExpr n => new TRef(TKind.Const, 0, n.Value.ToDouble()),
            ConstantExpr k => new TRef(TKind.Const, 0, k.Value),
            SymbolExpr s when ReferenceEquals(s, A) => new TRef(TKind.A, 0, 0),
            SymbolExpr s when ReferenceEquals(s, B) => new TRef(TKind.B, 0, 0),
            SumExpr sum => Fold(Op.Add, sum.Operands),
            ProductExpr p when p.Operands[0] is NumberExpr { Value.IsInteger: true } m && m.Value == Rational.MinusOne =>
                Emit(Op.Neg, Fold(Op.Mul, p.Operands.Skip(1).ToArray())),
            ProductExpr p => Fold(Op.Mul, p.Operands),
            PowerExpr pw => Power(pw),
            CallExpr call when call.Operands.Count == 1 => Emit(Op.Call, Lower(call.Operands[0]), default, call.Function),
            CallExpr call => Chain(call),
            _ => throw new InvalidOperationException($"unexpected node {e} in a derivative rule"),
        };
        _lowered[e] = result;
        return result;
    }

    // A call of more than two operands (a flattened logsumexp) as f(f(a, b), c): exact for the associative variadic functions.
    private TRef Chain(CallExpr call)
    {
        var acc = Emit(Op.Call, Lower(call.Operands[0]), Lower(call.Operands[1]), call.Function);
        for (var i = 2; i < call.Operands.Count; i++)
        {
            acc = Emit(Op.Call, acc, Lower(call.Operands[i]), call.Function);
        }

        return acc;
    }

    private TRef Fold(Op op, IReadOnlyList<Expr> operands)
    {
        var acc = Lower(operands[0]);
        for (var i = 1; i < operands.Count; i++)
        {
            acc = Emit(op, acc, Lower(operands[i]));
        }

        return acc;
    }

    private TRef Power(PowerExpr pw)
    {
        var (form, n) = RealPower.Classify(pw.Exponent);
        switch (form)
        {
            case PowerForm.Sqrt:
                return Emit(Op.Call, Lower(pw.Base), default, Functions.Sqrt);
            case PowerForm.ReciprocalSqrt:
                return Emit(Op.Div, new TRef(TKind.Const, 0, 1), Lower(Expr.Pow(pw.Base, Expr.Half)));
            case PowerForm.SmallInteger:
                var power = IntegerPower(Lower(pw.Base), Math.Abs(n));
                return n > 0 ? power : Emit(Op.Div, new TRef(TKind.Const, 0, 1), power);
            default:
                return Emit(Op.Pow, Lower(pw.Base), Lower(pw.Exponent));
        }
    }

    private TRef IntegerPower(TRef x, int n)
    {
        if (n == 1)
        {
            return x;
        }

        if (n % 2 == 0)
        {
            var half = IntegerPower(x, n / 2);
            return Emit(Op.Mul, half, half);
        }

        return Emit(Op.Mul, IntegerPower(x, n - 1), x);
    }

    private enum TKind : byte
    {
        None,
        A,
        B,
        Own,
        Const,
        Temp,
    }

    private readonly record struct TRef(TKind Kind, int Id, double Value);

    private readonly record struct TInstr(Op Op, TRef A, TRef B, FunctionInfo? Function);
}
