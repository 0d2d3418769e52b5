namespace AdVerify.FSharp

open System
open System.Collections.Generic
open AdVerify.Expressions
open AdVerify.Symbolic
open AdVerify.Definitions

/// <summary>
/// Curried wrappers over the symbolic engine (<see cref="T:AdVerify.Symbolic.Calculus"/>,
/// <see cref="T:AdVerify.Symbolic.Evaluation"/> and <see cref="T:AdVerify.Symbolic.Compiler"/>),
/// with the expression last so that they compose with <c>|&gt;</c>.
/// </summary>
[<RequireQualifiedAccess>]
module Symbolic =

    /// <summary>Builds the read-only name → value map the C# library takes from an F# list of pairs.</summary>
    /// <param name="point">Pairs such as <c>[ "x", 2.0; "y", 3.0 ]</c>; each name at most once.</param>
    /// <returns>The map.</returns>
    /// <exception cref="T:System.ArgumentException">A name appears twice.</exception>
    let pointOf (point: (string * float) list) : IReadOnlyDictionary<string, float> =
        let d = Dictionary<string, float>(StringComparer.Ordinal)

        for name, value in point do
            if not (d.TryAdd(name, value)) then
                invalidArg (nameof point) (sprintf "the variable '%s' is given twice" name)

        d :> IReadOnlyDictionary<string, float>

    /// <summary>The derivative with respect to one variable.</summary>
    /// <param name="variable">The variable name.</param>
    /// <param name="expr">The expression.</param>
    /// <returns>The canonical derivative.</returns>
    let diff (variable: string) (expr: Expr) : Expr = Calculus.Differentiate(expr, variable)

    /// <summary>The gradient: one derivative per listed variable.</summary>
    /// <param name="variables">The variables, in the order of the result.</param>
    /// <param name="expr">The expression.</param>
    /// <returns>The derivatives.</returns>
    let gradient (variables: string list) (expr: Expr) : Expr list =
        Calculus.Gradient(expr, List.toArray variables) |> List.ofArray

    /// <summary>The Hessian matrix of second derivatives.</summary>
    /// <param name="variables">The variables, in the order of rows and columns.</param>
    /// <param name="expr">The expression.</param>
    /// <returns>The symmetric matrix of expressions.</returns>
    let hessian (variables: string list) (expr: Expr) : Expr[,] = Calculus.Hessian(expr, List.toArray variables)

    /// <summary>Evaluates an expression in double precision (IEEE semantics: NaN or ±∞ outside the domain).</summary>
    /// <param name="point">A value for every variable, for example <c>[ "x", 2.0 ]</c>.</param>
    /// <param name="expr">The expression.</param>
    /// <returns>The value.</returns>
    let eval (point: (string * float) list) (expr: Expr) : float = Evaluation.Evaluate(expr, pointOf point)

    /// <summary>Evaluates an expression, returning the first domain problem (division by zero, log of a negative, …) as an error.</summary>
    /// <param name="point">A value for every variable.</param>
    /// <param name="expr">The expression.</param>
    /// <returns><c>Ok</c> with the value, or <c>Error</c> with the issue found.</returns>
    let tryEval (point: (string * float) list) (expr: Expr) : Result<float, DomainIssue> =
        match Evaluation.TryEvaluate(expr, pointOf point) with
        | true, value, _ -> Ok value
        | false, _, issue ->
            match issue with
            | null -> Ok nan
            | i -> Error i

    /// <summary>Compiles an expression to a fast function of its variables.</summary>
    /// <param name="variables">The variables, in the order of the input array.</param>
    /// <param name="expr">The expression.</param>
    /// <returns>A function taking one value per listed variable.</returns>
    let compile (variables: string list) (expr: Expr) : float[] -> float =
        let f = Compiler.Compile(expr, List.toArray variables)
        fun x -> f.Invoke x

    /// <summary>
    /// The canonical expression of a definition — its symbolic trace, simplified — to differentiate,
    /// print as infix (<c>Expr.toInfix</c>) or LaTeX (<c>Expr.toLaTeX</c>), or compile.
    /// </summary>
    /// <param name="definition">The function, for example from <c>Definition.ofInline</c> or <c>Definition.ofQuotation</c>.</param>
    /// <returns><c>Ok</c> with the expression, or <c>Error</c> saying why there is none (the code branches on a value, or the definition is opaque).</returns>
    let expr (definition: Definition) : Result<Expr, string> =
        match definition.SymbolicTrace() with
        | null, reason -> Error(reason |> Option.ofObj |> Option.defaultValue "the definition has no symbolic trace")
        | trace, _ -> Ok(trace.ToExpr())
