using AdVerify.Expressions;
using LinqExpression = System.Linq.Expressions.Expression;

namespace AdVerify.Symbolic;

/// <summary>
/// Compiles expressions to fast delegates with System.Linq.Expressions. The inputs are passed as
/// a <c>double[]</c> in the order of the variable list. Every DAG node used more than once is
/// computed once into a local variable, calls go straight to <see cref="Math"/> (or to the
/// function's delegate), and small integer powers become multiplications. The compiled code
/// computes exactly what <see cref="Evaluation.Evaluate"/> computes, bit for bit.
/// <para>
/// Depth is unlimited: a node whose inlined code would be more than <see cref="MaxInlineDepth"/>
/// levels deep is stored in a local, so the LINQ compiler (which recurses over the depth of
/// the tree it is given) always sees a shallow tree. The one limit is
/// <see cref="MaxTemporaries"/> locals per delegate.
/// </para>
/// </summary>
public static class Compiler
{
    /// <summary>The deepest inlined expression tree; deeper nodes are computed into a local first.</summary>
    public const int MaxInlineDepth = 48;

    /// <summary>The most locals (shared or spilled nodes) one compiled delegate may use; more throws <see cref="NotSupportedException"/>.</summary>
    public const int MaxTemporaries = 60_000;

    /// <summary>Compiles one expression.</summary>
    /// <param name="expr">The expression.</param>
    /// <param name="variables">The variables, in the order of the input array; every variable of the expression must be listed.</param>
    /// <returns>A delegate taking the variable values and returning the value.</returns>
    /// <exception cref="ArgumentException">A variable of the expression is missing from the list, or a name is listed twice.</exception>
    public static Func<double[], double> Compile(Expr expr, params string[] variables)
    {
        ArgumentNullException.ThrowIfNull(expr);
        var input = LinqExpression.Parameter(typeof(double[]), "x");
        var emitter = new ExpressionEmitter(input, variables);
        var root = emitter.Emit([expr])[0];
        var body = Body(emitter, input, variables.Length, null, 0, root);
        return LinqExpression.Lambda<Func<double[], double>>(body, input).Compile();
    }

    /// <summary>Compiles several expressions into one delegate writing their values into an output array; nodes shared between them are computed once.</summary>
    /// <param name="exprs">The expressions.</param>
    /// <param name="variables">The variables, in the order of the input array.</param>
    /// <returns>A delegate taking the variable values and an output array of at least <c>exprs.Length</c> entries.</returns>
    /// <exception cref="ArgumentException">A variable of the expressions is missing from the list, or a name is listed twice.</exception>
    public static Action<double[], double[]> CompileInto(Expr[] exprs, string[] variables)
    {
        ArgumentNullException.ThrowIfNull(exprs);
        var input = LinqExpression.Parameter(typeof(double[]), "x");
        var output = LinqExpression.Parameter(typeof(double[]), "y");
        var emitter = new ExpressionEmitter(input, variables);
        var roots = emitter.Emit(exprs);
        var stores = roots.Select((r, i) => (LinqExpression)LinqExpression.Assign(LinqExpression.ArrayAccess(output, LinqExpression.Constant(i)), r));
        var body = Body(emitter, input, variables.Length, output, exprs.Length, [.. stores, LinqExpression.Empty()]);
        return LinqExpression.Lambda<Action<double[], double[]>>(body, input, output).Compile();
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
        var gradient = Calculus.Gradient(expr, variables);
        var input = LinqExpression.Parameter(typeof(double[]), "x");
        var output = LinqExpression.Parameter(typeof(double[]), "g");
        var emitter = new ExpressionEmitter(input, variables);
        var roots = emitter.Emit([expr, .. gradient]);
        var stores = roots.Skip(1).Select((r, i) => (LinqExpression)LinqExpression.Assign(LinqExpression.ArrayAccess(output, LinqExpression.Constant(i)), r));
        var body = Body(emitter, input, variables.Length, output, gradient.Length, [.. stores, roots[0]]);
        var compiled = LinqExpression.Lambda<Func<double[], double[], double>>(body, input, output).Compile();
        return new CompiledGradient(compiled, variables, gradient);
    }

    /// <summary>Tells whether compiled code calls a dedicated method for a function rather than its delegate.</summary>
    /// <param name="function">The function.</param>
    /// <returns>True for every built-in function.</returns>
    public static bool HasDirectMapping(FunctionInfo function) => ExpressionEmitter.HasDirectMapping(function);

    private static LinqExpression Body(ExpressionEmitter emitter, System.Linq.Expressions.ParameterExpression input, int inputs,
        System.Linq.Expressions.ParameterExpression? output, int outputs, params LinqExpression[] tail)
    {
        var checks = new List<LinqExpression>
        {
            LengthCheck(LinqExpression.NotEqual(LinqExpression.ArrayLength(input), LinqExpression.Constant(inputs)),
                $"The input array must hold exactly {inputs} value(s), one per variable."),
        };
        if (output is not null)
        {
            checks.Add(LengthCheck(LinqExpression.LessThan(LinqExpression.ArrayLength(output), LinqExpression.Constant(outputs)),
                $"The output array must hold at least {outputs} value(s)."));
        }

        return LinqExpression.Block(emitter.Locals, [.. checks, .. emitter.Statements, .. tail]);
    }

    private static LinqExpression LengthCheck(LinqExpression failed, string message) =>
        LinqExpression.IfThen(failed, LinqExpression.Throw(LinqExpression.New(
            typeof(ArgumentException).GetConstructor([typeof(string)])!, LinqExpression.Constant(message))));
}
