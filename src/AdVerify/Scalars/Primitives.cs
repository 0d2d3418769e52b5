using System.Numerics;
using System.Reflection;
using AdVerify.Expressions;
using AdVerify.Forward;

namespace AdVerify.Scalars;

/// <summary>
/// Calls user primitives (registered with <see cref="Functions"/>'s <c>Define</c>) from generic
/// code: on <see cref="double"/> the value delegate runs, on an AdVerify number type the
/// engine's own <c>Apply</c> pushes derivatives through the rule registered with the primitive.
/// The engines' rule cards (<see cref="ForwardRules{T}"/>, <c>ReverseRules&lt;T&gt;</c>) also use
/// this class to get the value and the partial derivatives at their inner scalar type.
/// </summary>
public static class Primitives
{
    /// <summary>Calls a one-argument primitive.</summary>
    /// <typeparam name="T">double, float or an AdVerify number type.</typeparam>
    /// <param name="function">The primitive.</param>
    /// <param name="x">The argument.</param>
    /// <returns>f(x), carrying derivatives when <typeparamref name="T"/> is an AD number.</returns>
    /// <exception cref="NotSupportedException">The function has no registered derivative rule (and T is not double).</exception>
    internal static T Call<T>(FunctionInfo function, T x)
        where T : INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(function);
        return typeof(T) == typeof(double) ? (T)(object)function.Evaluate((double)(object)x)
            : typeof(T) == typeof(float) ? (T)(object)(float)function.Evaluate((float)(object)x)
            : Dispatch<T>.Apply1(function, x);
    }

    /// <summary>Calls a two-argument primitive.</summary>
    /// <typeparam name="T">double, float or an AdVerify number type.</typeparam>
    /// <param name="function">The primitive.</param>
    /// <param name="x">The first argument.</param>
    /// <param name="y">The second argument.</param>
    /// <returns>f(x, y), carrying derivatives when <typeparamref name="T"/> is an AD number.</returns>
    /// <exception cref="NotSupportedException">The function has no registered derivative rule (and T is not double).</exception>
    internal static T Call<T>(FunctionInfo function, T x, T y)
        where T : INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(function);
        return typeof(T) == typeof(double) ? (T)(object)function.Evaluate((double)(object)x, (double)(object)y)
            : typeof(T) == typeof(float) ? (T)(object)(float)function.Evaluate((float)(object)x, (float)(object)y)
            : Dispatch<T>.Apply2(function, x, y);
    }

    /// <summary>Calls a variadic function of the registry (such as <c>logsumexp</c>).</summary>
    /// <typeparam name="T">double, float or an AdVerify number type.</typeparam>
    /// <param name="function">The function.</param>
    /// <param name="args">The arguments.</param>
    /// <returns>f(args), carrying derivatives when <typeparamref name="T"/> is an AD number.</returns>
    public static T Call<T>(FunctionInfo function, T[] args)
        where T : INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(args);
        return typeof(T) == typeof(double) ? (T)(object)function.Evaluate(((double[])(object)args).AsSpan())
            : typeof(T) == typeof(float) ? (T)(object)(float)function.Evaluate(Array.ConvertAll((float[])(object)args, a => (double)a).AsSpan())
            : Dispatch<T>.ApplyN(function, args);
    }

    /// <summary>The registered partial derivative by one argument, at the scalar type T.</summary>
    internal static T Partial<T>(FunctionInfo function, int argument, T x, T y)
        where T : INumberBase<T>
    {
        var rule = RuleOf(function);
        if (typeof(T) == typeof(double))
        {
            return (T)(object)rule.Partial(argument, (double)(object)x, (double)(object)y);
        }

        if (typeof(T) == typeof(float))
        {
            return (T)(object)(float)rule.Partial(argument, (float)(object)x, (float)(object)y);
        }

        var exprs = rule.Expressions ?? throw new NotSupportedException(
            $"Second derivatives of the custom primitive '{function.Name}' need its derivative as an expression: it was defined " +
            $"with a derivative delegate, which gives first derivatives only. Define '{function.Name}' with the derivative as " +
            "expression text in x (and y) to nest dual numbers or compute Hessians.");
        return Dispatch<T>.Evaluate(exprs[argument], x, y);
    }

    /// <summary>The registered rule of a primitive, or a clear exception naming the function.</summary>
    internal static PrimitiveRule RuleOf(FunctionInfo function) => function.Rule ?? throw NoRule(function, "an engine");

    /// <summary>The exception for a function that has no derivative rule in an engine.</summary>
    internal static NotSupportedException NoRule(FunctionInfo function, string engine) => function.DerivativeOf is { } parent
        ? new NotSupportedException(
            $"The derivative of '{function.Name}' is not known: '{function.Name}' is the derivative of the custom primitive " +
            $"'{parent.Name}', which was given as a delegate. Define '{parent.Name}' with its derivative as expression text " +
            "to differentiate it twice.")
        : new NotSupportedException($"The {engine} engine has no rule for the function '{function.Name}'.");

    private static T ApplyOf1<T>(FunctionInfo f, T x)
        where T : IAdScalar<T> => T.Apply(f, x);

    private static T ApplyOf2<T>(FunctionInfo f, T x, T y)
        where T : IAdScalar<T> => T.Apply(f, x, y);

    private static T ApplyOfN<T>(FunctionInfo f, T[] args)
        where T : IAdScalar<T> => T.Apply(f, args);

    // The derivative expression at an AD scalar: its calls go to the scalar type's own methods
    // (bound by name, as each engine's table does), so a nested Dual uses the forward card.
    private static T EvaluateOf<T>(Expr e, T x, T y)
        where T : IAdScalar<T> =>
        ExprInterpreter.Evaluate<T>(e, name => name == PrimitiveRule.Parameters[0] ? x : y, ForwardRules.Unary<T>, ForwardRules.Binary<T>);

    /// <summary>Delegates bound once per scalar type to the <see cref="IAdScalar{TSelf}"/> members.</summary>
    private static class Dispatch<T>
    {
        public static readonly Func<FunctionInfo, T, T> Apply1 = Bind<Func<FunctionInfo, T, T>>(nameof(ApplyOf1));
        public static readonly Func<FunctionInfo, T, T, T> Apply2 = Bind<Func<FunctionInfo, T, T, T>>(nameof(ApplyOf2));
        public static readonly Func<FunctionInfo, T[], T> ApplyN = Bind<Func<FunctionInfo, T[], T>>(nameof(ApplyOfN));
        public static readonly Func<Expr, T, T, T> Evaluate = Bind<Func<Expr, T, T, T>>(nameof(EvaluateOf));

        private static TDelegate Bind<TDelegate>(string method)
            where TDelegate : Delegate
        {
            if (!typeof(IAdScalar<>).MakeGenericType(typeof(T)).IsAssignableFrom(typeof(T)))
            {
                throw new NotSupportedException(
                    $"{typeof(T).Name} cannot carry a custom primitive: use double, float or an AdVerify number type.");
            }

            return typeof(Primitives).GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(typeof(T)).CreateDelegate<TDelegate>();
        }
    }
}
