using System.Linq.Expressions;
using System.Reflection;
using AdVerify.Expressions;
using AdVerify.Numeric;
using MathNet.Numerics;
using LinqExpression = System.Linq.Expressions.Expression;

namespace AdVerify.Symbolic;

/// <summary>
/// Translates expression DAGs into System.Linq.Expressions statements for <see cref="Compiler"/>.
/// Nodes are emitted children first; a node used more than once is computed once into a local
/// variable, and a node whose inlined form would grow deeper than
/// <see cref="Compiler.MaxInlineDepth"/> is also stored in a local, so the expression tree
/// handed to the LINQ compiler (which recurses over tree depth) stays shallow however deep the
/// expression is. Sums and products are folded left to right, as <see cref="Evaluation"/> does.
/// </summary>
internal sealed class ExpressionEmitter
{
    private static readonly LinqExpression One = LinqExpression.Constant(1.0);

    // Every registered built-in function mapped to the method the compiled code calls.
    private static readonly Dictionary<FunctionInfo, Func<LinqExpression[], LinqExpression>> Calls = new(ReferenceEqualityComparer.Instance)
    {
        [Functions.Sqrt] = a => MathCall(nameof(Math.Sqrt), a),
        [Functions.Cbrt] = a => MathCall(nameof(Math.Cbrt), a),
        [Functions.Exp] = a => MathCall(nameof(Math.Exp), a),
        [Functions.Log] = a => MathCall(nameof(Math.Log), a),
        [Functions.Log10] = a => MathCall(nameof(Math.Log10), a),
        [Functions.Log2] = a => MathCall(nameof(Math.Log2), a),
        [Functions.Sin] = a => MathCall(nameof(Math.Sin), a),
        [Functions.Cos] = a => MathCall(nameof(Math.Cos), a),
        [Functions.Tan] = a => MathCall(nameof(Math.Tan), a),
        [Functions.Sec] = a => LinqExpression.Divide(One, MathCall(nameof(Math.Cos), a)),
        [Functions.Csc] = a => LinqExpression.Divide(One, MathCall(nameof(Math.Sin), a)),
        [Functions.Cot] = a => LinqExpression.Divide(One, MathCall(nameof(Math.Tan), a)),
        [Functions.Asin] = a => MathCall(nameof(Math.Asin), a),
        [Functions.Acos] = a => MathCall(nameof(Math.Acos), a),
        [Functions.Atan] = a => MathCall(nameof(Math.Atan), a),
        [Functions.Sinh] = a => MathCall(nameof(Math.Sinh), a),
        [Functions.Cosh] = a => MathCall(nameof(Math.Cosh), a),
        [Functions.Tanh] = a => MathCall(nameof(Math.Tanh), a),
        [Functions.Asinh] = a => MathCall(nameof(Math.Asinh), a),
        [Functions.Acosh] = a => MathCall(nameof(Math.Acosh), a),
        [Functions.Atanh] = a => MathCall(nameof(Math.Atanh), a),
        [Functions.Abs] = a => MathCall(nameof(Math.Abs), a),
        [Functions.Sign] = a => Delegate(Functions.Sign, a), // Math.Sign throws on NaN; the registry's sign returns NaN.
        [Functions.Erf] = a => LinqExpression.Call(Method(typeof(SpecialFunctions), nameof(SpecialFunctions.Erf), 1), a),
        [Functions.Pow] = a => MathCall(nameof(Math.Pow), a),
        [Functions.Atan2] = a => MathCall(nameof(Math.Atan2), a),
        [Functions.Hypot] = a => LinqExpression.Call(Method(typeof(Functions), nameof(Functions.Hypotenuse), 2), a),
        [Functions.Min] = a => MathCall(nameof(Math.Min), a),
        [Functions.Max] = a => MathCall(nameof(Math.Max), a),
        [Functions.LogBase] = a => SpecialCall(nameof(Special.LogBase), a),
        [Functions.Gamma] = a => SpecialCall(nameof(Special.Gamma), a),
        [Functions.LogGamma] = a => SpecialCall(nameof(Special.LogGamma), a),
        [Functions.Digamma] = a => SpecialCall(nameof(Special.Digamma), a),
        [Functions.Polygamma] = a => SpecialCall(nameof(Special.Polygamma), a),
        [Functions.Beta] = a => SpecialCall(nameof(Special.Beta), a),
        [Functions.Erfc] = a => SpecialCall(nameof(Special.Erfc), a),
        [Functions.ErfInv] = a => SpecialCall(nameof(Special.ErfInv), a),
        [Functions.BesselJ] = a => SpecialCall(nameof(Special.BesselJ), a),
        [Functions.BesselY] = a => SpecialCall(nameof(Special.BesselY), a),
        [Functions.BesselI] = a => SpecialCall(nameof(Special.BesselI), a),
        [Functions.BesselK] = a => SpecialCall(nameof(Special.BesselK), a),
        [Functions.AiryAi] = a => SpecialCall(nameof(Special.AiryAi), a),
        [Functions.AiryBi] = a => SpecialCall(nameof(Special.AiryBi), a),
        [Functions.AiryAiPrime] = a => SpecialCall(nameof(Special.AiryAiPrime), a),
        [Functions.AiryBiPrime] = a => SpecialCall(nameof(Special.AiryBiPrime), a),
        [Functions.Sigmoid] = a => SpecialCall(nameof(Special.Sigmoid), a),
        [Functions.Softplus] = a => SpecialCall(nameof(Special.Softplus), a),
        [Functions.LogSumExp] = a => LinqExpression.Call(typeof(Special).GetMethod(nameof(Special.LogSumExp))!, LinqExpression.NewArrayInit(typeof(double), a)),
    };

    private readonly ParameterExpression _input;
    private readonly Dictionary<string, int> _index;
    private readonly List<ParameterExpression> _locals = [];
    private readonly List<LinqExpression> _statements = [];
    private readonly Dictionary<Expr, (LinqExpression Code, int Depth)> _emitted = new(ReferenceEqualityComparer.Instance);

    public ExpressionEmitter(ParameterExpression input, IReadOnlyList<string> variables)
    {
        _input = input;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < variables.Count; i++)
        {
            var name = variables[i] ?? throw new ArgumentException("A variable name is null.", nameof(variables));
            if (!_index.TryAdd(name, i))
            {
                throw new ArgumentException($"The variable '{name}' is listed twice.", nameof(variables));
            }
        }
    }

    /// <summary>The local variables holding shared or spilled nodes.</summary>
    public IReadOnlyList<ParameterExpression> Locals => _locals;

    /// <summary>The assignments to the locals, in evaluation order.</summary>
    public IReadOnlyList<LinqExpression> Statements => _statements;

    /// <summary>True when the compiled code calls a dedicated method (not a delegate) for the function.</summary>
    public static bool HasDirectMapping(FunctionInfo function) => Calls.ContainsKey(function);

    /// <summary>Emits every node of the roots and returns, per root, the expression computing it.</summary>
    public LinqExpression[] Emit(IReadOnlyList<Expr> roots)
    {
        var order = PostOrder(roots, out var uses);
        var missing = order.OfType<SymbolExpr>().Select(s => s.Name).Where(n => !_index.ContainsKey(n))
            .OrderBy(n => n, StringComparer.Ordinal).ToArray();
        if (missing.Length > 0)
        {
            throw new ArgumentException(
                $"The expression uses variable(s) {string.Join(", ", missing.Select(n => $"'{n}'"))} missing from the variable list " +
                $"[{string.Join(", ", _index.Keys)}].", "variables");
        }

        foreach (var node in order)
        {
            var (code, depth) = Build(node);
            if (node.Kind is not (ExprKind.Number or ExprKind.Constant) && (uses[node] > 1 || depth > Compiler.MaxInlineDepth))
            {
                (code, depth) = (Spill(code), 0);
            }

            _emitted[node] = (code, depth);
        }

        return roots.Select(r => _emitted[r].Code).ToArray();
    }

    private static List<Expr> PostOrder(IReadOnlyList<Expr> roots, out Dictionary<Expr, int> uses)
    {
        var order = new List<Expr>();
        uses = new Dictionary<Expr, int>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Expr Node, int Next)>();
        foreach (var root in roots)
        {
            ArgumentNullException.ThrowIfNull(root);
            if (uses.TryGetValue(root, out var n))
            {
                uses[root] = n + 1;
                continue;
            }

            uses[root] = 1;
            stack.Push((root, 0));
            while (stack.Count > 0)
            {
                var (node, next) = stack.Pop();
                var ops = node.Operands;
                if (next == ops.Count)
                {
                    order.Add(node);
                    continue;
                }

                stack.Push((node, next + 1));
                var child = ops[next];
                if (uses.TryGetValue(child, out var c))
                {
                    uses[child] = c + 1;
                }
                else
                {
                    uses[child] = 1;
                    stack.Push((child, 0));
                }
            }
        }

        return order;
    }

    private (LinqExpression Code, int Depth) Build(Expr node)
    {
        switch (node)
        {
            case NumberExpr n:
                return (LinqExpression.Constant(n.Value.ToDouble()), 0);
            case ConstantExpr c:
                return (LinqExpression.Constant(c.Value), 0);
            case SymbolExpr s:
                return (LinqExpression.ArrayIndex(_input, LinqExpression.Constant(_index[s.Name])), 1);
            case SumExpr or ProductExpr:
                return Fold(node);
            case PowerExpr p:
                return Power(p);
            case CallExpr call:
                {
                    var args = call.Operands.Select(o => _emitted[o]).ToArray();
                    var depth = args.Max(a => a.Depth) + 1;
                    var codes = args.Select(a => a.Code).ToArray();
                    var code = Calls.TryGetValue(call.Function, out var emit) ? emit(codes) : Delegate(call.Function, codes);
                    return (code, depth);
                }

            default:
                throw new InvalidOperationException($"Unknown expression kind {node.Kind}.");
        }
    }

    private (LinqExpression Code, int Depth) Fold(Expr node)
    {
        var sum = node is SumExpr;
        var ops = node.Operands;
        var (acc, depth) = _emitted[ops[0]];
        for (var i = 1; i < ops.Count; i++)
        {
            if (depth >= Compiler.MaxInlineDepth)
            {
                (acc, depth) = (Spill(acc), 0);
            }

            var (code, d) = _emitted[ops[i]];
            acc = sum ? LinqExpression.Add(acc, code) : LinqExpression.Multiply(acc, code);
            depth = Math.Max(depth, d) + 1;
        }

        return (acc, depth);
    }

    private (LinqExpression Code, int Depth) Power(PowerExpr p)
    {
        var (form, n) = RealPower.Classify(p.Exponent);
        var (b, bd) = _emitted[p.Base];
        switch (form)
        {
            case PowerForm.Sqrt:
                return (MathCall(nameof(Math.Sqrt), [b]), bd + 1);
            case PowerForm.ReciprocalSqrt:
                return (LinqExpression.Divide(One, MathCall(nameof(Math.Sqrt), [b])), bd + 2);
            case PowerForm.SmallInteger:
                {
                    var x = Atom(b);
                    var power = IntegerPower(x, Math.Abs(n));
                    return (n > 0 ? power : LinqExpression.Divide(One, power), 2);
                }

            default:
                {
                    var (e, ed) = _emitted[p.Exponent];
                    return (MathCall(nameof(Math.Pow), [b, e]), Math.Max(bd, ed) + 1);
                }
        }
    }

    // The same steps as RealPower.IntegerPower: x¹ = x, x²ᵏ = (xᵏ)², x²ᵏ⁺¹ = x²ᵏ·x.
    private LinqExpression IntegerPower(LinqExpression x, int n)
    {
        if (n == 1)
        {
            return x;
        }

        if (n % 2 == 0)
        {
            var half = Atom(IntegerPower(x, n / 2));
            return LinqExpression.Multiply(half, half);
        }

        return LinqExpression.Multiply(Atom(IntegerPower(x, n - 1)), x);
    }

    private LinqExpression Atom(LinqExpression code) =>
        code is ParameterExpression or ConstantExpression ? code : Spill(code);

    private ParameterExpression Spill(LinqExpression code)
    {
        if (_locals.Count >= Compiler.MaxTemporaries)
        {
            throw new NotSupportedException(
                $"The expression needs more than {Compiler.MaxTemporaries} temporaries (shared or deep nodes); " +
                "compile it in parts or evaluate it with Evaluation.Evaluate.");
        }

        var local = LinqExpression.Variable(typeof(double), "t" + _locals.Count);
        _locals.Add(local);
        _statements.Add(LinqExpression.Assign(local, code));
        return local;
    }

    private static LinqExpression SpecialCall(string name, LinqExpression[] args) =>
        LinqExpression.Call(Method(typeof(Special), name, args.Length), args);

    private static LinqExpression MathCall(string name, LinqExpression[] args) =>
        LinqExpression.Call(Method(typeof(Math), name, args.Length), args);

    private static MethodInfo Method(Type type, string name, int arity) =>
        type.GetMethod(name, BindingFlags.Public | BindingFlags.Static, Enumerable.Repeat(typeof(double), arity).ToArray())
        ?? throw new InvalidOperationException($"{type.Name}.{name}(double × {arity}) not found.");

    private static LinqExpression Delegate(FunctionInfo f, LinqExpression[] args) =>
        f.IsVariadic ? LinqExpression.Invoke(LinqExpression.Constant(f.Nary!), LinqExpression.NewArrayInit(typeof(double), args))
        : f.Arity == 1 ? LinqExpression.Invoke(LinqExpression.Constant(f.Unary!), args)
        : LinqExpression.Invoke(LinqExpression.Constant(f.Binary!), args);
}
