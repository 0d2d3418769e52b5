using System.Collections.Concurrent;
using System.Numerics;
using System.Reflection;
using AdVerify.Definitions;
using LinqExpression = System.Linq.Expressions.Expression;

namespace AdVerify.Discovery;

/// <summary>
/// A generic method <c>static T F&lt;T&gt;(T a, T b, …) where T : INumberBase&lt;T&gt;, …</c> as a
/// one-definition function (<see cref="IScalarFunction"/>): <see cref="Invoke{T}"/> calls the
/// method closed over the scalar it is given (double, dual numbers, tape variables, the tracing and
/// complex-step scalars), through a delegate compiled once per scalar type. The method's parameter
/// names are the variable names. <see cref="Create"/> refuses a method of any other shape, or one
/// constrained by anything other than the .NET generic-math interfaces that every AdVerify scalar
/// implements (those <see cref="IFloatingPointIeee754{TSelf}"/> includes), with a message saying
/// what is wrong.
/// </summary>
public sealed class GenericMethodFunction : IScalarFunction
{
    private readonly ConcurrentDictionary<Type, Delegate> _compiled = new();

    private GenericMethodFunction(MethodInfo method)
    {
        Method = method;
        Variables = method.GetParameters().Select(p => p.Name ?? "").ToArray();
        Name = $"{DisplayNames.Of(method.DeclaringType!)}.{method.Name}";
    }

    /// <summary>The generic method definition.</summary>
    public MethodInfo Method { get; }

    /// <summary>The parameter names, in order: the variable names.</summary>
    public IReadOnlyList<string> Variables { get; }

    /// <summary>The method as reports name it: <c>Type.Method</c> (nested types joined by dots, no namespace).</summary>
    public string Name { get; }

    /// <summary>The signature for reports, for example <c>Pricing.Call(S, K, sigma, r, t)</c>.</summary>
    public string Signature => $"{Name}({string.Join(", ", Variables)})";

    /// <summary>Wraps a generic method after checking its shape and constraints.</summary>
    /// <param name="method">A public static generic method with one type parameter T, parameters all of type T, returning T.</param>
    /// <returns>The function.</returns>
    /// <exception cref="ArgumentException">The method has another shape or a constraint some AdVerify scalar does not meet; the message says which.</exception>
    public static GenericMethodFunction Create(MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (ShapeProblem(method) is { } problem)
        {
            throw new ArgumentException(problem, nameof(method));
        }

        return new GenericMethodFunction(method);
    }

    /// <summary>A definition of the method with its parameter names as variables.</summary>
    /// <param name="method">The method (see <see cref="Create"/>).</param>
    /// <returns>The definition.</returns>
    /// <exception cref="ArgumentException">The method cannot be wrapped, or a parameter name cannot be a variable name (such as <c>e</c> or <c>pi</c>).</exception>
    public static Definition DefinitionOf(MethodInfo method)
    {
        var f = Create(method);
        return Definition.Of(f, [.. f.Variables]);
    }

    /// <summary>What is wrong with a method as a verifiable function, or null when it can be wrapped.</summary>
    /// <param name="method">The method.</param>
    /// <returns>A sentence naming the problem (without the method's name), or null.</returns>
    public static string? ShapeProblem(MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(method);
        const string Shape = "write it as public static T Name<T>(T a, T b, …) where T : INumberBase<T>, … (generic-math interfaces only)";
        if (!method.IsStatic)
        {
            return $"it is an instance method; {Shape}";
        }

        if (!method.IsPublic || !method.DeclaringType!.IsVisible)
        {
            return $"it is not public{(method.IsPublic ? $" (its type {DisplayNames.Of(method.DeclaringType!)} is not)" : "")}; {Shape}";
        }

        if (method.DeclaringType!.ContainsGenericParameters)
        {
            return $"its type {DisplayNames.Of(method.DeclaringType)} is generic; declare the method in a non-generic type";
        }

        if (!method.IsGenericMethodDefinition || method.GetGenericArguments().Length != 1)
        {
            var count = method.IsGenericMethodDefinition ? method.GetGenericArguments().Length : 0;
            return count == 0 ? $"it is not generic; {Shape}" : $"it has {count} type parameters, not one; {Shape}";
        }

        var t = method.GetGenericArguments()[0];
        var parameters = method.GetParameters();
        if (parameters.Length == 0)
        {
            return "it takes no parameters; a function to differentiate needs at least one";
        }

        foreach (var p in parameters)
        {
            if (p.ParameterType.IsByRef)
            {
                return $"its parameter '{p.Name}' is passed by reference (ref, in or out); take every parameter by value as {t.Name}";
            }

            if (p.ParameterType != t)
            {
                return $"its parameter '{p.Name}' is {DisplayNames.Of(p.ParameterType)}, but every parameter must be of the type parameter {t.Name} " +
                       "(make a fixed parameter a constant inside the method, or a variable held fixed by the points)";
            }
        }

        if (method.ReturnType != t)
        {
            return $"it returns {DisplayNames.Of(method.ReturnType)}, not its type parameter {t.Name}; {Shape}";
        }

        return ScalarConstraints.Problem(t);
    }

    /// <inheritdoc />
    public T Invoke<T>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T>
    {
        if (x.Length != Variables.Count)
        {
            throw new ArgumentException($"{Name} takes {Variables.Count} argument(s) ({string.Join(", ", Variables)}) but the point has {x.Length}", nameof(x));
        }

        var f = (Func<T[], T>)_compiled.GetOrAdd(typeof(T), static (_, self) => self.Compile<T>(), this);
        return f(x.ToArray());
    }

    /// <inheritdoc />
    public override string ToString() => Signature;

    /// <summary>Compiles <c>x =&gt; Method&lt;T&gt;(x[0], x[1], …)</c>: a direct call, so exceptions reach the caller unwrapped.</summary>
    private Func<T[], T> Compile<T>()
    {
        MethodInfo closed;
        try
        {
            closed = Method.MakeGenericMethod(typeof(T));
        }
        catch (ArgumentException)
        {
            var failed = ScalarConstraints.Unmet(Method.GetGenericArguments()[0], typeof(T));
            throw new InvalidOperationException(
                $"{Name} cannot run on the scalar {DisplayNames.Of(typeof(T))}: it does not satisfy the constraint {failed} of {Name}<{Method.GetGenericArguments()[0].Name}>");
        }

        var x = LinqExpression.Parameter(typeof(T[]), "x");
        var args = Enumerable.Range(0, Variables.Count).Select(i => LinqExpression.ArrayIndex(x, LinqExpression.Constant(i)));
        return LinqExpression.Lambda<Func<T[], T>>(LinqExpression.Call(closed, args), x).Compile();
    }
}
