using Stopwatch = System.Diagnostics.Stopwatch;
using AdVerify.Compilation;
using AdVerify.Definitions;
using AdVerify.Expressions;

namespace AdVerify.Symbolic;

/// <summary>
/// Compiles functions to IL. One backend serves every entry point: a <see cref="Computation"/>
/// (traced from generic C# or F#, parsed, or lowered from an expression) is cut into straight
/// blocks and loops (periodic runs of steps, as an unrolled C# loop leaves them, are rerolled into
/// loops), and emitted with <see cref="System.Reflection.Emit.DynamicMethod"/> in methods of bounded
/// size, so neither deep nor long functions overflow the stack or exceed what the JIT optimises.
/// <list type="bullet">
/// <item><see cref="Compile(IScalarFunction, int)"/> and <see cref="Compile(Computation)"/> give a
/// <see cref="CompiledFunction"/>: value, value and gradient (reverse mode as source code),
/// Hessian-vector products and Hessians, falling back to the tape with a stated reason when the
/// function cannot be compiled.</item>
/// <item>The expression entry points (<see cref="Compile(Expr, string[])"/>, <see cref="CompileInto"/>,
/// <see cref="CompileMany"/>, <see cref="CompileGradient"/>) compile canonical expressions; their
/// values equal <see cref="Evaluation.Evaluate"/>'s bit for bit.</item>
/// </list>
/// </summary>
public static class Compiler
{
    /// <summary>The default limit on the number of steps a trace may record before compilation gives up and uses the tape.</summary>
    public const int DefaultMaxTraceSteps = 2_000_000;

    /// <summary>
    /// Traces a generic definition once and compiles it (the .NET counterpart of JAX's <c>jit(grad(f))</c>).
    /// A definition that branches on a value, or whose trace exceeds <see cref="DefaultMaxTraceSteps"/>
    /// steps, runs on the tape instead; <see cref="CompiledFunction.Reason"/> says why.
    /// </summary>
    /// <param name="function">The definition.</param>
    /// <param name="dimension">The number of inputs.</param>
    /// <returns>The reusable, thread-safe compiled function.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The dimension is not positive.</exception>
    public static CompiledFunction Compile(IScalarFunction function, int dimension) => Compile(function, dimension, DefaultMaxTraceSteps);

    /// <summary>Traces and compiles a generic definition with a chosen limit on the trace's length.</summary>
    /// <param name="function">The definition.</param>
    /// <param name="dimension">The number of inputs.</param>
    /// <param name="maxTraceSteps">The most steps the trace may record (this bounds the memory compilation needs); beyond it the function runs on the tape.</param>
    /// <returns>The reusable, thread-safe compiled function.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The dimension or the step limit is not positive.</exception>
    public static CompiledFunction Compile(IScalarFunction function, int dimension, int maxTraceSteps)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxTraceSteps);
        var clock = Stopwatch.StartNew();
        var names = new string[dimension];
        for (var i = 0; i < dimension; i++)
        {
            names[i] = "x" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        Computation computation;
        try
        {
            computation = Trace.SymbolicWithLimit(function, names, maxTraceSteps);
        }
        catch (ConcretizationException e)
        {
            return new CompiledFunction(function, dimension,
                $"on the tape: the function cannot be traced once for all points ({e.Operation} depends on the value of an input)", clock.Elapsed);
        }
        catch (TraceLimitException e)
        {
            return new CompiledFunction(function, dimension,
                $"on the tape: the trace was stopped at {e.Limit:N0} steps (the limit; raise it with Compile(function, dimension, maxTraceSteps) to compile larger functions)",
                clock.Elapsed);
        }

        return Build(computation, function, clock);
    }

    /// <summary>Compiles a computation (parsed text, a trace, or a lowered expression).</summary>
    /// <param name="computation">The computation.</param>
    /// <returns>The reusable, thread-safe compiled function; its inputs are the computation's, in order.</returns>
    public static CompiledFunction Compile(Computation computation)
    {
        ArgumentNullException.ThrowIfNull(computation);
        return Build(computation, computation, Stopwatch.StartNew());
    }

    /// <summary>Compiles one expression.</summary>
    /// <param name="expr">The expression.</param>
    /// <param name="variables">The variables, in the order of the input array; every variable of the expression must be listed.</param>
    /// <returns>A delegate taking the variable values and returning the value.</returns>
    /// <exception cref="ArgumentException">A variable of the expression is missing from the list, or a name is listed twice.</exception>
    public static Func<double[], double> Compile(Expr expr, params string[] variables)
    {
        ArgumentNullException.ThrowIfNull(expr);
        var kernel = ExpressionKernel([expr], variables, writeFrom: 1);
        var n = variables.Length;
        return x =>
        {
            CheckInput(x, n);
            return kernel.Run(x, default, default, default, default);
        };
    }

    /// <summary>Compiles several expressions into one delegate writing their values into an output array; nodes shared between them are computed once.</summary>
    /// <param name="exprs">The expressions.</param>
    /// <param name="variables">The variables, in the order of the input array.</param>
    /// <returns>A delegate taking the variable values and an output array of at least <c>exprs.Length</c> entries.</returns>
    /// <exception cref="ArgumentException">A variable of the expressions is missing from the list, or a name is listed twice.</exception>
    public static Action<double[], double[]> CompileInto(Expr[] exprs, string[] variables)
    {
        ArgumentNullException.ThrowIfNull(exprs);
        var kernel = ExpressionKernel(exprs, variables, writeFrom: 0);
        var (n, m) = (variables.Length, exprs.Length);
        return (x, y) =>
        {
            CheckInput(x, n);
            CheckOutput(y, m);
            kernel.Run(x, default, default, default, y);
        };
    }

    /// <summary>Compiles several expressions into one delegate returning their values; nodes shared between them are computed once.</summary>
    /// <param name="exprs">The expressions.</param>
    /// <param name="variables">The variables, in the order of the input array.</param>
    /// <returns>A delegate taking the variable values and returning a new array of the values.</returns>
    /// <exception cref="ArgumentException">A variable of the expressions is missing from the list, or a name is listed twice.</exception>
    public static Func<double[], double[]> CompileMany(Expr[] exprs, string[] variables)
    {
        var into = CompileInto(exprs, variables);
        var count = exprs.Length;
        return x =>
        {
            var y = new double[count];
            into(x, y);
            return y;
        };
    }

    /// <summary>Compiles an expression together with its symbolic gradient; nodes shared between the value and the partial derivatives are computed once per call.</summary>
    /// <param name="expr">The expression.</param>
    /// <param name="variables">The variables, in the order of the input array and of the gradient.</param>
    /// <returns>The compiled value-and-gradient function.</returns>
    /// <exception cref="ArgumentException">A variable of the expression is missing from the list, or a name is listed twice.</exception>
    public static CompiledGradient CompileGradient(Expr expr, params string[] variables)
    {
        ArgumentNullException.ThrowIfNull(expr);
        CheckVariables([expr], variables);
        var gradient = Calculus.Gradient(expr, variables);
        var kernel = ExpressionKernel([expr, .. gradient], variables, writeFrom: 1);
        var n = variables.Length;
        return new CompiledGradient(
            (x, g) =>
            {
                CheckInput(x, n);
                CheckOutput(g, n);
                return kernel.Run(x, default, default, default, g);
            },
            variables,
            gradient);
    }

    /// <summary>Tells whether compiled code calls a function's method directly rather than through its delegate.</summary>
    /// <param name="function">The function.</param>
    /// <returns>True when the function's value is a static method or a method on a fixed target (every built-in function).</returns>
    public static bool HasDirectMapping(FunctionInfo function) => !CallPlan.For(function, function.Arity).ThroughDelegate;

    private static CompiledFunction Build(Computation computation, IScalarFunction function, Stopwatch clock)
    {
        var traced = clock.Elapsed;
        var plan = new Plan(computation, [computation.Output]);
        try
        {
            return new CompiledFunction(plan, computation.Count, traced, clock);
        }
        catch (NotSupportedException e)
        {
            return new CompiledFunction(function, computation.Inputs.Count, $"on the tape: the gradient cannot be compiled ({e.Message})", clock.Elapsed);
        }
    }

    private static CompiledKernel ExpressionKernel(Expr[] exprs, string[] variables, int writeFrom)
    {
        CheckVariables(exprs, variables);
        var (computation, outputs) = ExprLowering.LowerMany(exprs, variables);
        return new CompiledKernel(Programs.Value(new Plan(computation, outputs), writeFrom), "expression");
    }

    private static void CheckVariables(Expr[] exprs, string[] variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var index = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in variables)
        {
            if (name is null)
            {
                throw new ArgumentException("A variable name is null.", nameof(variables));
            }

            if (!index.Add(name))
            {
                throw new ArgumentException($"The variable '{name}' is listed twice.", nameof(variables));
            }
        }

        var missing = exprs.SelectMany(e => e?.Variables ?? throw new ArgumentNullException(nameof(exprs))).Distinct()
            .Where(v => !index.Contains(v)).Order(StringComparer.Ordinal).ToArray();
        if (missing.Length > 0)
        {
            throw new ArgumentException(
                $"The expression uses variable(s) {string.Join(", ", missing.Select(n => $"'{n}'"))} missing from the variable list " +
                $"[{string.Join(", ", variables)}].", nameof(variables));
        }
    }

    private static void CheckInput(double[] x, int n)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Length != n)
        {
            throw new ArgumentException($"The input array must hold exactly {n} value(s), one per variable.", nameof(x));
        }
    }

    private static void CheckOutput(double[] y, int m)
    {
        ArgumentNullException.ThrowIfNull(y);
        if (y.Length < m)
        {
            throw new ArgumentException($"The output array must hold at least {m} value(s).", nameof(y));
        }
    }
}
