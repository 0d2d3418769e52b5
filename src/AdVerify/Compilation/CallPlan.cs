using System.Reflection;
using AdVerify.Expressions;

namespace AdVerify.Compilation;

/// <summary>
/// How compiled code calls a registry function, read off the function's own value delegate (no
/// per-function table): a static method is called directly, an instance method directly on its
/// target (kept in the kernel's closure), and anything else (a delegate over a dynamic method, a
/// multicast or value-type target) through the delegate. Direct calls can be inlined by the JIT.
/// </summary>
internal sealed record CallPlan(MethodInfo Method, bool NeedsTarget, bool ThroughDelegate)
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(FunctionInfo, int), (Delegate Delegate, CallPlan Plan)> Plans = new();

    /// <summary>How to call <paramref name="function"/> with <paramref name="operands"/> arguments (1 or 2).</summary>
    public static CallPlan For(FunctionInfo function, int operands)
    {
        ArgumentNullException.ThrowIfNull(function);
        return Resolve(function, operands).Plan;
    }

    /// <summary>
    /// The delegate being called: the function's unary or binary value; a variadic function
    /// (logsumexp) called with one or two operands goes through its array value.
    /// </summary>
    public static Delegate DelegateOf(FunctionInfo function, int operands) => Resolve(function, operands).Delegate;

    private static (Delegate Delegate, CallPlan Plan) Resolve(FunctionInfo function, int operands) =>
        Plans.GetOrAdd((function, operands), key =>
        {
            var d = Bind(key.Item1, key.Item2);
            return (d, Create(d));
        });

    private static Delegate Bind(FunctionInfo function, int operands)
    {
        if (!function.Accepts(operands))
        {
            throw new InvalidOperationException($"{function.Name} takes {function.ArityText}, not {operands}");
        }

        if (function.Nary is { } nary)
        {
            var call = new VariadicCall(nary);
            return operands == 1 ? new Func<double, double>(call.One) : new Func<double, double, double>(call.Two);
        }

        return (Delegate?)function.Unary ?? function.Binary ?? throw new InvalidOperationException($"{function.Name} has no value delegate");
    }

    private static CallPlan Create(Delegate d)
    {
        var method = d.Method;
        var single = d.GetInvocationList().Length == 1;
        var callable = single && method.DeclaringType is { IsValueType: false } && !method.DeclaringType.ContainsGenericParameters;
        if (callable && method.IsStatic && d.Target is null)
        {
            return new CallPlan(method, false, false);
        }

        if (callable && !method.IsStatic && d.Target is not null)
        {
            return new CallPlan(method, true, false);
        }

        var invoke = d.GetType().GetMethod("Invoke") ?? throw new InvalidOperationException($"{d.GetType()} has no Invoke method");
        return new CallPlan(invoke, true, true);
    }
}

/// <summary>
/// A variadic function's array method called with one or two values without allocating: the
/// argument array is a per-thread buffer (compiled code must allocate nothing per call). The
/// array method only reads it.
/// </summary>
internal sealed class VariadicCall(Func<double[], double> nary)
{
    [ThreadStatic]
    private static double[]? _one;

    [ThreadStatic]
    private static double[]? _two;

    public double One(double a)
    {
        var args = _one ??= new double[1];
        args[0] = a;
        return nary(args);
    }

    public double Two(double a, double b)
    {
        var args = _two ??= new double[2];
        args[0] = a;
        args[1] = b;
        return nary(args);
    }
}
