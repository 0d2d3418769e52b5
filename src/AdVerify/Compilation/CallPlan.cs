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
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<FunctionInfo, CallPlan> Plans = new();

    public static CallPlan For(FunctionInfo function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return Plans.GetValue(function, Create);
    }

    /// <summary>The delegate being called: the function's unary or binary value.</summary>
    public static Delegate DelegateOf(FunctionInfo function) =>
        (Delegate?)function.Unary ?? function.Binary ?? throw new InvalidOperationException($"{function.Name} has no value delegate");

    private static CallPlan Create(FunctionInfo function)
    {
        var d = DelegateOf(function);
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
