using System.Collections.Concurrent;
using System.Reflection;
using AdVerify.Expressions;

namespace AdVerify.Scalars;

/// <summary>
/// Binds registry functions (<see cref="FunctionInfo"/>) to an engine's number type: each engine
/// supplies its own table from function to the name of its public static method, and this
/// helper turns a table entry into a cached delegate.
/// </summary>
internal sealed class FunctionBinder
{
    private readonly string _engine;
    private readonly Dictionary<FunctionInfo, string> _methods;
    private readonly ConcurrentDictionary<(FunctionInfo, Type), Delegate> _cache = new();

    public FunctionBinder(string engine, Dictionary<FunctionInfo, string> methods)
    {
        _engine = engine;
        _methods = methods;
    }

    public bool Supports(FunctionInfo function) => _methods.ContainsKey(function) || function.Rule is not null;

    // A variadic function (logsumexp) called with one or two arguments goes through its array method.
    public Func<TNumber, TNumber> Unary<TNumber>(FunctionInfo function)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (function.IsVariadic && function.Accepts(1))
        {
            var nary = Nary<TNumber>(function);
            return x => nary([x]);
        }

        return (Func<TNumber, TNumber>)Bind(function, typeof(TNumber), 1, typeof(Func<TNumber, TNumber>));
    }

    public Func<TNumber, TNumber, TNumber> Binary<TNumber>(FunctionInfo function)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (function.IsVariadic && function.Accepts(2))
        {
            var nary = Nary<TNumber>(function);
            return (x, y) => nary([x, y]);
        }

        return (Func<TNumber, TNumber, TNumber>)Bind(function, typeof(TNumber), 2, typeof(Func<TNumber, TNumber, TNumber>));
    }

    public Func<TNumber[], TNumber> Nary<TNumber>(FunctionInfo function) =>
        (Func<TNumber[], TNumber>)Bind(function, typeof(TNumber), -1, typeof(Func<TNumber[], TNumber>));

    /// <summary>Applies a function to an argument array: a variadic one through its bound method, others by their arity.</summary>
    public static TNumber ApplyAll<TNumber>(FunctionInfo function, TNumber[] args)
        where TNumber : IAdScalar<TNumber>
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(args);
        if (!function.Accepts(args.Length))
        {
            throw new ArgumentException($"{function.Name} takes {function.ArityText}, got {args.Length}.", nameof(args));
        }

        return function.IsVariadic ? throw new InvalidOperationException("Variadic functions are bound by the engine's table.")
            : args.Length == 1 ? TNumber.Apply(function, args[0]) : TNumber.Apply(function, args[0], args[1]);
    }

    // arity −1 binds a variadic function to a method taking an array of numbers.
    private Delegate Bind(FunctionInfo function, Type number, int arity, Type delegateType)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (arity == -1 ? !function.IsVariadic : function.IsVariadic || function.Arity != arity)
        {
            throw new ArgumentException($"{function.Name} takes {function.ArityText}, not {(arity == -1 ? "an argument array" : arity.ToString(System.Globalization.CultureInfo.InvariantCulture))}.", nameof(function));
        }

        return _cache.GetOrAdd((function, number), key =>
        {
            if (key.Item1.Rule is not null)
            {
                // A user primitive: the number type's Apply, with the function bound as its first argument.
                var apply = key.Item2.GetMethod("Apply", BindingFlags.Public | BindingFlags.Static,
                        [typeof(FunctionInfo), .. Enumerable.Repeat(key.Item2, arity)])
                    ?? throw new NotSupportedException($"The {_engine} number type {key.Item2.Name} cannot apply the custom primitive '{key.Item1.Name}'.");
                return apply.CreateDelegate(delegateType, key.Item1);
            }

            if (!_methods.TryGetValue(key.Item1, out var name))
            {
                throw Primitives.NoRule(key.Item1, _engine);
            }

            var parameters = arity == -1 ? [key.Item2.MakeArrayType()] : Enumerable.Repeat(key.Item2, arity).ToArray();
            var method = key.Item2.GetMethod(name, BindingFlags.Public | BindingFlags.Static, parameters)
                ?? throw new NotSupportedException($"The {_engine} number type {key.Item2.Name} has no method {name} for the function '{key.Item1.Name}'.");
            return method.CreateDelegate(delegateType);
        });
    }
}
