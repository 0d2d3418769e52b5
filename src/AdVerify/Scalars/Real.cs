using System.Numerics;
using System.Reflection;
using AdVerify.Expressions;
using AdVerify.Forward;
using MathNet.Numerics;

namespace AdVerify.Scalars;

/// <summary>
/// Plumbing for the inner scalar of a nested AD type, which is <see cref="double"/>,
/// <see cref="float"/> (for <c>Dual&lt;float&gt;</c> and <c>Var&lt;float&gt;</c>, which compute in single
/// precision) or an AdVerify number (<see cref="IAdScalar{TSelf}"/>): primal value, constant lifting
/// and the two functions the BCL interfaces lack (erf and atan2). For <c>double</c> and <c>float</c>
/// every method compiles down to the plain operation (the type tests are JIT-time constants), and
/// <c>Dual&lt;double&gt;</c> (the scalar of forward-over-reverse) gets a direct primal and lift
/// as well; other nested types go through delegates bound once per type.
/// </summary>
public static class Real
{
    /// <summary>The primal double value of a scalar.</summary>
    /// <typeparam name="T">double or an AdVerify number type.</typeparam>
    /// <param name="x">The scalar.</param>
    /// <returns>Its innermost double value.</returns>
    public static double Primal<T>(T x)
        where T : INumberBase<T> =>
        typeof(T) == typeof(double) ? (double)(object)x
        : typeof(T) == typeof(float) ? (float)(object)x
        : typeof(T) == typeof(Dual<double>) ? ((Dual<double>)(object)x).Value
        : Dispatch<T>.Primal(x);

    /// <summary>A constant of the scalar type.</summary>
    /// <typeparam name="T">double or an AdVerify number type.</typeparam>
    /// <param name="value">The constant.</param>
    /// <returns>The value with zero derivative parts.</returns>
    public static T Lift<T>(double value)
        where T : INumberBase<T> =>
        typeof(T) == typeof(double) ? (T)(object)value
        : typeof(T) == typeof(float) ? (T)(object)(float)value
        : typeof(T) == typeof(Dual<double>) ? (T)(object)new Dual<double>(value, 0.0)
        : Dispatch<T>.Lift(value);

    /// <summary>The error function of a scalar.</summary>
    /// <typeparam name="T">double or an AdVerify number type.</typeparam>
    /// <param name="x">The argument.</param>
    /// <returns>erf(x).</returns>
    public static T Erf<T>(T x)
        where T : INumberBase<T> =>
        typeof(T) == typeof(double) ? (T)(object)SpecialFunctions.Erf((double)(object)x)
        : typeof(T) == typeof(float) ? (T)(object)(float)SpecialFunctions.Erf((float)(object)x)
        : Dispatch<T>.Erf(x);

    /// <summary>The two-argument arctangent of scalars.</summary>
    /// <typeparam name="T">double or an AdVerify number type.</typeparam>
    /// <param name="y">The ordinate.</param>
    /// <param name="x">The abscissa.</param>
    /// <returns>atan2(y, x).</returns>
    public static T Atan2<T>(T y, T x)
        where T : INumberBase<T> =>
        typeof(T) == typeof(double) ? (T)(object)Math.Atan2((double)(object)y, (double)(object)x)
        : typeof(T) == typeof(float) ? (T)(object)MathF.Atan2((float)(object)y, (float)(object)x)
        : Dispatch<T>.Atan2(y, x);

    private static double PrimalOf<T>(T x)
        where T : IAdScalar<T> => T.PrimalOf(x);

    private static T LiftOf<T>(double x)
        where T : IAdScalar<T> => T.Lift(x);

    private static T ErfOf<T>(T x)
        where T : IAdScalar<T> => T.Apply(Functions.Erf, x);

    private static T Atan2Of<T>(T y, T x)
        where T : IAdScalar<T> => T.Atan2(y, x);

    /// <summary>Delegates bound once per inner type to the <see cref="IAdScalar{TSelf}"/> members.</summary>
    private static class Dispatch<T>
    {
        public static readonly Func<T, double> Primal = Bind<Func<T, double>>(nameof(PrimalOf));
        public static readonly Func<double, T> Lift = Bind<Func<double, T>>(nameof(LiftOf));
        public static readonly Func<T, T> Erf = Bind<Func<T, T>>(nameof(ErfOf));
        public static readonly Func<T, T, T> Atan2 = Bind<Func<T, T, T>>(nameof(Atan2Of));

        private static TDelegate Bind<TDelegate>(string method)
            where TDelegate : Delegate
        {
            if (!typeof(IAdScalar<>).MakeGenericType(typeof(T)).IsAssignableFrom(typeof(T)))
            {
                throw new NotSupportedException(
                    $"{typeof(T).Name} cannot be the inner scalar of an AD number: use double, float or an AdVerify number type.");
            }

            return typeof(Real).GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(typeof(T)).CreateDelegate<TDelegate>();
        }
    }
}
