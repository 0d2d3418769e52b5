using System.Numerics;
using System.Reflection;
using AdVerify.Definitions;

namespace AdVerify.Discovery;

/// <summary>
/// Which constraints on a generic method's type parameter every AdVerify scalar meets: the .NET
/// generic-math interfaces that <see cref="IFloatingPointIeee754{TSelf}"/> includes (every
/// AdVerify number implements it, and so do <see cref="double"/> and <see cref="float"/>), and the
/// <c>struct</c> and <c>new()</c> constraints (every AdVerify number is a struct). A base class,
/// <c>class</c>, <c>unmanaged</c> or an interface outside that set (such as
/// <c>IBinaryFloatingPointIeee754&lt;T&gt;</c>, which dual numbers do not implement) is refused.
/// </summary>
internal static class ScalarConstraints
{
    /// <summary>
    /// The interfaces every scalar implements, closed over a stand-in scalar. The stand-in is not
    /// double, so a constraint that mixes T with double (<c>IMultiplyOperators&lt;T, double, T&gt;</c>)
    /// is not mistaken for <c>IMultiplyOperators&lt;T, T, T&gt;</c>.
    /// </summary>
    private static readonly HashSet<Type> Implied =
        [typeof(IFloatingPointIeee754<Traced>), .. typeof(IFloatingPointIeee754<Traced>).GetInterfaces()];

    /// <summary>What is wrong with the constraints of a type parameter, or null when every AdVerify scalar meets them.</summary>
    /// <param name="t">The method's type parameter.</param>
    /// <returns>A sentence naming the constraint, or null.</returns>
    public static string? Problem(Type t)
    {
        const string Advice = "constrain it only by .NET generic-math interfaces that IFloatingPointIeee754<T> includes " +
                              "(for example INumberBase<T>, ITrigonometricFunctions<T>, IExponentialFunctions<T>, or IFloatingPointIeee754<T> itself to call AdMath)";
        var special = t.GenericParameterAttributes;
        if ((special & GenericParameterAttributes.ReferenceTypeConstraint) != 0)
        {
            return $"its type parameter {t.Name} has the constraint 'class', but AdVerify's scalars are structs; {Advice}";
        }

        if (t.GetCustomAttributesData().Any(a => a.AttributeType.FullName == "System.Runtime.CompilerServices.IsUnmanagedAttribute"))
        {
            return $"its type parameter {t.Name} has the constraint 'unmanaged', which the tape and tracing scalars do not meet; {Advice}";
        }

        foreach (var c in t.GetGenericParameterConstraints())
        {
            if (c == typeof(ValueType))
            {
                continue; // the 'struct' constraint
            }

            if (!c.IsInterface || Substitute(c, t, typeof(Traced)) is not { } closed || !Implied.Contains(closed))
            {
                return $"its type parameter {t.Name} has the constraint {DisplayNames.Of(c)}, which not every AdVerify scalar meets " +
                       $"(the dual numbers, tape variables, tracing and complex-step scalars implement IFloatingPointIeee754<T> and nothing more); {Advice}";
            }
        }

        return null;
    }

    /// <summary>The constraints of <paramref name="t"/> that <paramref name="scalar"/> does not satisfy, for a message.</summary>
    /// <param name="t">The method's type parameter.</param>
    /// <param name="scalar">The scalar it was to be closed over.</param>
    /// <returns>The unmet constraints, joined with "and" (or "its special constraints" when only class/struct/new()/unmanaged fail).</returns>
    public static string Unmet(Type t, Type scalar)
    {
        var unmet = t.GetGenericParameterConstraints()
            .Where(c => Substitute(c, t, scalar) is not { } closed || !closed.IsAssignableFrom(scalar))
            .Select(DisplayNames.Of)
            .ToArray();
        return unmet.Length > 0 ? string.Join(" and ", unmet) : "on its kind of type (class, struct, new() or unmanaged)";
    }

    /// <summary>
    /// Replaces the type parameter <paramref name="t"/> by <paramref name="by"/> inside a constraint;
    /// null when the result is not a valid type (<c>IShiftOperators&lt;T, int, T&gt;</c> over a type
    /// that is not shiftable), which means the constraint cannot be met.
    /// </summary>
    private static Type? Substitute(Type c, Type t, Type by)
    {
        if (c == t)
        {
            return by;
        }

        if (!c.IsGenericType || !c.ContainsGenericParameters)
        {
            return c;
        }

        var args = c.GetGenericArguments().Select(a => Substitute(a, t, by)).ToArray();
        if (args.Any(a => a is null || a.ContainsGenericParameters))
        {
            return null;
        }

        try
        {
            return c.GetGenericTypeDefinition().MakeGenericType(args!);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
