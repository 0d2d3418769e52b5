namespace AdVerify.FSharp

open System
open System.Collections.Generic
open AdVerify.Expressions
open AdVerify.Verification

/// <summary>Settings of one verification: which variables to differentiate by, a claimed gradient, and whether to check the Hessian.</summary>
type CheckOptions =
    {
        /// <summary>The variables to differentiate by; <c>None</c> means every variable of the expression, sorted.</summary>
        Wrt: string list option
        /// <summary>Claimed partial derivatives as infix text, for example <c>[ "x", "2*x" ]</c>; empty for none.</summary>
        Claimed: (string * string) list
        /// <summary>Whether the Hessian is verified as well.</summary>
        Hessian: bool
    }

/// <summary>
/// Curried wrappers over <see cref="M:AdVerify.Verification.Verifier.Check(System.String,System.Collections.Generic.IReadOnlyDictionary{System.String,System.Double},System.Collections.Generic.IReadOnlyList{System.String},System.Collections.Generic.IReadOnlyDictionary{System.String,System.String},System.Boolean)"/>:
/// every derivative source (forward, reverse, symbolic, complex step, finite differences and an
/// optional claim) is compared at a point and a <see cref="T:AdVerify.Verification.PointResult"/> returned.
/// Quotations are verified through their infix text.
/// </summary>
[<RequireQualifiedAccess>]
module Verify =

    /// <summary>The default settings: all variables, no claim, no Hessian.</summary>
    let defaults: CheckOptions = { Wrt = None; Claimed = []; Hessian = false }

    let private claimsOf (claimed: (string * string) list) : (IReadOnlyDictionary<string, string> | null) =
        if List.isEmpty claimed then
            null
        else
            let d = Dictionary<string, string>(StringComparer.Ordinal)

            for variable, text in claimed do
                if not (d.TryAdd(variable, text)) then
                    invalidArg (nameof claimed) (sprintf "a derivative for '%s' is claimed twice" variable)

            d

    /// <summary>Verifies infix text at a point with explicit settings.</summary>
    /// <param name="options">The settings.</param>
    /// <param name="point">A value for every variable, for example <c>[ "x", 2.0 ]</c>.</param>
    /// <param name="expression">The expression in infix syntax.</param>
    /// <returns>The verdict and every source's values at the point.</returns>
    let checkWith (options: CheckOptions) (point: (string * float) list) (expression: string) : PointResult =
        let wrt: (IReadOnlyList<string> | null) =
            match options.Wrt with
            | Some names -> List.toArray names
            | None -> null

        Verifier.Check(expression, Symbolic.pointOf point, wrt, claimsOf options.Claimed, options.Hessian)

    /// <summary>Verifies the derivatives of infix text at a point.</summary>
    /// <param name="point">A value for every variable, for example <c>[ "x", 2.0 ]</c>.</param>
    /// <param name="expression">The expression in infix syntax, for example <c>x^2</c>.</param>
    /// <returns>The verdict and every source's values at the point.</returns>
    let check (point: (string * float) list) (expression: string) : PointResult = checkWith defaults point expression

    /// <summary>Verifies infix text together with a claimed gradient (given as infix text per variable).</summary>
    /// <param name="claimed">Claimed partial derivatives, for example <c>[ "x", "2*x" ]</c>.</param>
    /// <param name="point">A value for every variable.</param>
    /// <param name="expression">The expression in infix syntax.</param>
    /// <returns>The verdict; a wrong claim gives <c>Verdict.Discrepancy</c> with the claim as odd one out.</returns>
    let checkClaim (claimed: (string * string) list) (point: (string * float) list) (expression: string) : PointResult =
        checkWith { defaults with Claimed = claimed } point expression

    /// <summary>Verifies an expression value at a point (it is printed with <c>Infix.Format</c> first).</summary>
    /// <param name="point">A value for every variable.</param>
    /// <param name="expr">The expression.</param>
    /// <returns>The verdict and every source's values at the point.</returns>
    let expr (point: (string * float) list) (expr: Expr) : PointResult = check point (Infix.Format expr)

    let private namedPoint (quotation: FSharp.Quotations.Expr) (point: float list) =
        let names = Quotation.parameters quotation

        if List.length names <> List.length point then
            invalidArg (nameof point) (sprintf "the quotation has %d parameter(s) (%s) but the point has %d value(s)" (List.length names) (String.Join(", ", names)) (List.length point))

        names, List.zip names point

    /// <summary>Verifies a quotation with explicit settings; the point lists values in parameter order.</summary>
    /// <param name="options">The settings; <c>Wrt = None</c> differentiates by every parameter, in order.</param>
    /// <param name="quotation">A quotation of a lambda, for example <c>&lt;@ fun x y -> x * y @&gt;</c>.</param>
    /// <param name="point">One value per parameter, in the order of the lambda.</param>
    /// <returns>The verdict and every source's values at the point.</returns>
    let quotationWith (options: CheckOptions) (quotation: FSharp.Quotations.Expr) (point: float list) : PointResult =
        let names, named = namedPoint quotation point
        let text = Infix.Format(Quotation.toExpr quotation)
        let wrt = options.Wrt |> Option.orElse (Some names)
        checkWith { options with Wrt = wrt } named text

    /// <summary>Verifies the gradient of a quotation at a point given in parameter order.</summary>
    /// <param name="quotation">A quotation of a lambda, for example <c>&lt;@ fun x y -> log (x * y) @&gt;</c>.</param>
    /// <param name="point">One value per parameter, in the order of the lambda, for example <c>[ 2.0; 3.0 ]</c>.</param>
    /// <returns>The verdict and every source's values at the point.</returns>
    let quotation (quotation: FSharp.Quotations.Expr) (point: float list) : PointResult = quotationWith defaults quotation point

    /// <summary>
    /// Verifies a quotation together with claimed partial derivatives written as quotations of
    /// the same shape, for example <c>[ "x", &lt;@ fun x y -> 1.0 / x @&gt; ]</c>; the claims'
    /// parameters are matched by name.
    /// </summary>
    /// <param name="claimed">Claimed partial derivatives per variable.</param>
    /// <param name="quotation">The function as a quotation of a lambda.</param>
    /// <param name="point">One value per parameter of the function, in the order of the lambda.</param>
    /// <returns>The verdict; a wrong claim gives <c>Verdict.Discrepancy</c>.</returns>
    let quotationClaim (claimed: (string * FSharp.Quotations.Expr<'F>) list) (quotation: FSharp.Quotations.Expr<'F>) (point: float list) : PointResult =
        let claims = claimed |> List.map (fun (v, q) -> v, Infix.Format(Quotation.toExpr q))
        quotationWith { defaults with Claimed = claims } quotation point

    /// <summary>Tells whether every derivative source agreed at the point.</summary>
    /// <param name="result">A verification result.</param>
    /// <returns>True when the verdict is <c>Verdict.Consistent</c>.</returns>
    let isConsistent (result: PointResult) : bool = result.Verdict = Verdict.Consistent

    /// <summary>The disagreements found at the point, as an F# list.</summary>
    /// <param name="result">A verification result.</param>
    /// <returns>The discrepancies (empty unless the verdict is a discrepancy).</returns>
    let discrepancies (result: PointResult) : Discrepancy list = List.ofSeq result.Discrepancies

    /// <summary>The gradient one source computed, as an F# map from variable to value.</summary>
    /// <param name="source">The source name, for example <c>"forward"</c>, <c>"reverse"</c>, <c>"symbolic"</c> or <c>"claimed"</c>.</param>
    /// <param name="result">A verification result.</param>
    /// <returns>The gradient, if that source ran.</returns>
    let gradientOf (source: string) (result: PointResult) : Map<string, float> option =
        match result.Gradient.TryGetValue source with
        | true, g -> Some(g |> Seq.map (fun kv -> kv.Key, kv.Value) |> Map.ofSeq)
        | _ -> None
