namespace AdVerify.FSharp

open System
open System.Collections.Generic
open AdVerify.Expressions
open AdVerify.Definitions
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
/// Curried wrappers over <see cref="T:AdVerify.Verification.Verifier"/>: every derivative source
/// (forward, reverse, symbolic, complex step, finite differences and an optional claim) is compared
/// at a point and a <see cref="T:AdVerify.Verification.PointResult"/> returned. Definitions
/// (<c>definition</c>, <c>definitionClaim</c>) take a claimed gradient as code; infix text and
/// quotations (<c>check</c>, <c>quotationClaim</c>) take claimed derivatives as formulas.
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

    /// <summary>
    /// Verifies a definition (from <c>Definition.ofInline</c>, <c>Definition.ofQuotation</c>, …) at a
    /// point with explicit settings and an optional claimed gradient, by every source that can run it:
    /// forward, reverse, symbolic (by tracing), complex step, finite differences and the claim.
    /// </summary>
    /// <param name="options">The settings: <c>Wrt</c> and <c>Hessian</c>; text claims (<c>Claimed</c>) belong to <c>checkWith</c> and <c>quotationWith</c>, so they must be empty here.</param>
    /// <param name="gradient">The claimed gradient as code returning one entry per variable, or <c>None</c>.</param>
    /// <param name="definition">The function.</param>
    /// <param name="point">One value per variable, in the definition's order (a list or an array).</param>
    /// <returns>The verdict and every source's values at the point; bad input gives <c>Verdict.Error</c> with the reason.</returns>
    let definitionWith (options: CheckOptions) (gradient: (float[] -> float[]) option) (definition: Definition) (point: seq<float>) : PointResult =
        if not (List.isEmpty options.Claimed) then
            PointResult(
                Point = Dictionary<string, float>(),
                Verdict = Verdict.Error,
                Message = "claims written as text go with Verify.checkWith or Verify.quotationWith; give a definition's claimed gradient as a function (Verify.definitionClaim)"
            )
        else
            let wrt: (IReadOnlyList<string> | null) =
                match options.Wrt with
                | Some names -> List.toArray names
                | None -> null

            let claimed: (Func<float[], float[]> | null) =
                match gradient with
                | Some g -> Func<float[], float[]>(g)
                | None -> null

            Verifier.Check(definition, Array.ofSeq point, claimed, wrt, options.Hessian)

    /// <summary>Verifies a definition at a point by every source that can run it.</summary>
    /// <param name="definition">The function, for example <c>Definition.ofInline [ "x"; "y" ] (fun v -> f v.[0] v.[1])</c>.</param>
    /// <param name="point">One value per variable, in the definition's order (a list or an array).</param>
    /// <returns>The verdict and every source's values at the point.</returns>
    let definition (definition: Definition) (point: seq<float>) : PointResult = definitionWith defaults None definition point

    /// <summary>Verifies a definition together with a hand-written gradient.</summary>
    /// <param name="gradient">The claimed gradient: one entry per variable, for example <c>fun v -> [| 1.0 / v.[0]; 1.0 / v.[1] |]</c>.</param>
    /// <param name="definition">The function.</param>
    /// <param name="point">One value per variable, in the definition's order.</param>
    /// <returns>The verdict; a wrong claim gives <c>Verdict.Discrepancy</c> with the claim as the odd one out.</returns>
    let definitionClaim (gradient: float[] -> float[]) (definition: Definition) (point: seq<float>) : PointResult =
        definitionWith defaults (Some gradient) definition point

    /// <summary>
    /// Verifies code that computes in single precision, with an optional gradient computed in float32. A
    /// definition from <c>Definition.ofInline</c>, <c>ofQuotation</c> or <c>ofFunction</c> runs on <c>float32</c>,
    /// <c>Dual&lt;float32&gt;</c> and <c>Var&lt;float32&gt;</c> and is compared with itself in double at the point
    /// rounded to float32, each number allowed what float32 rounding explains; <c>Definition.opaqueFloat32</c> code
    /// is checked against finite differences with float32 steps. Beyond rounding is a discrepancy that says
    /// "so a bug" and names the variable and the first step of the trace that leaves its bound.
    /// </summary>
    /// <param name="gradient">The claimed gradient computed in float32 (one entry per variable), or <c>None</c>.</param>
    /// <param name="definition">The function.</param>
    /// <param name="point">One value per variable, in the definition's order.</param>
    /// <returns>The verdict; <c>Verify.float32Of</c> gives the float32 numbers and their rounding bounds.</returns>
    let float32With (gradient: (float32[] -> float32[]) option) (definition: Definition) (point: seq<float>) : PointResult =
        let claimed: (Func<float32[], float32[]> | null) =
            match gradient with
            | Some g -> Func<float32[], float32[]>(g)
            | None -> null

        Verifier.CheckFloat32(definition, Array.ofSeq point, claimed)

    /// <summary>Verifies a definition in single precision against itself in double (see <c>float32With</c>).</summary>
    /// <param name="definition">The function.</param>
    /// <param name="point">One value per variable, in the definition's order.</param>
    /// <returns>The verdict: consistent when every float32 number is within float32 rounding of double.</returns>
    let float32 (definition: Definition) (point: seq<float>) : PointResult = float32With None definition point

    /// <summary>Verifies a gradient computed in float32 (see <c>float32With</c>).</summary>
    /// <param name="gradient">The claimed gradient, for example <c>fun v -> [| 2.0f * v.[0] |]</c>.</param>
    /// <param name="definition">The function.</param>
    /// <param name="point">One value per variable, in the definition's order.</param>
    /// <returns>The verdict; a fault beyond float32 rounding is a discrepancy whose odd one out is the claim.</returns>
    let float32Claim (gradient: float32[] -> float32[]) (definition: Definition) (point: seq<float>) : PointResult =
        float32With (Some gradient) definition point

    /// <summary>The single-precision comparison of a result, when it was verified in float32.</summary>
    /// <param name="result">A verification result.</param>
    /// <returns>The float32 value, gradients by source, their rounding bounds and the verdict text, or <c>None</c>.</returns>
    let float32Of (result: PointResult) : Float32Result option = Option.ofObj result.Float32

    /// <summary>Verifies a definition at points generated inside its domain (a fixed seed, so runs repeat).</summary>
    /// <param name="count">How many points.</param>
    /// <param name="definition">The function.</param>
    /// <returns>One result per point, in a case named after the definition.</returns>
    let generated (count: int) (definition: Definition) : CaseResult =
        Verifier.VerifyGenerated(definition.Description, definition, null, count, 1)

    let private namedPoint (quotation: FSharp.Quotations.Expr) (point: float list) =
        let names = Quotation.parameters quotation

        if List.length names <> List.length point then
            invalidArg (nameof point) (sprintf "the quotation has %d parameter(s) (%s) but the point has %d value(s)" (List.length names) (String.Join(", ", names)) (List.length point))

        names, List.zip names point

    /// The text of what a quotation writes (its computation in the author's order and grouping).
    let private writtenText (quotation: FSharp.Quotations.Expr) : string =
        match (Definition.ofQuotation quotation).Written with
        | null ->
            invalidArg
                (nameof quotation)
                "the quotation branches on a value, so it has no one formula: verify it with Verify.definition (Definition.ofQuotation …), which traces it at each point, and claim a gradient with Verify.definitionClaim"
        | written -> written.ToString()

    /// <summary>
    /// Verifies a quotation with explicit settings; the point lists values in parameter order. With
    /// claims, the quotation and each claimed derivative are verified as the formulas they write;
    /// without, this is <c>definitionWith</c> on <c>Definition.ofQuotation quotation</c>.
    /// </summary>
    /// <param name="options">The settings; <c>Wrt = None</c> differentiates by every parameter, in order.</param>
    /// <param name="quotation">A quotation of a lambda, for example <c>&lt;@ fun x y -> x * y @&gt;</c>.</param>
    /// <param name="point">One value per parameter, in the order of the lambda.</param>
    /// <returns>The verdict and every source's values at the point.</returns>
    let quotationWith (options: CheckOptions) (quotation: FSharp.Quotations.Expr) (point: float list) : PointResult =
        let names, named = namedPoint quotation point

        if List.isEmpty options.Claimed then
            definitionWith options None (Definition.ofQuotation quotation) point
        else
            let wrt = options.Wrt |> Option.orElse (Some names)
            checkWith { options with Wrt = wrt } named (writtenText quotation)

    /// <summary>Verifies the gradient of a quotation at a point given in parameter order.</summary>
    /// <param name="quotation">A quotation of a lambda, for example <c>&lt;@ fun x y -> log (x * y) @&gt;</c>.</param>
    /// <param name="point">One value per parameter, in the order of the lambda, for example <c>[ 2.0; 3.0 ]</c>.</param>
    /// <returns>The verdict and every source's values at the point.</returns>
    let quotation (quotation: FSharp.Quotations.Expr) (point: float list) : PointResult = quotationWith defaults quotation point

    /// <summary>
    /// Verifies a quotation together with claimed partial derivatives written as quotations of
    /// the same shape, for example <c>[ "x", &lt;@ fun x y -> 1.0 / x @&gt; ]</c>; the claims'
    /// parameters are matched by name, and each claim is charged for its own rounding.
    /// </summary>
    /// <param name="claimed">Claimed partial derivatives per variable.</param>
    /// <param name="quotation">The function as a quotation of a lambda.</param>
    /// <param name="point">One value per parameter of the function, in the order of the lambda.</param>
    /// <returns>The verdict; a wrong claim gives <c>Verdict.Discrepancy</c>.</returns>
    let quotationClaim (claimed: (string * FSharp.Quotations.Expr<'F>) list) (quotation: FSharp.Quotations.Expr<'F>) (point: float list) : PointResult =
        let claims = claimed |> List.map (fun (v, q) -> v, writtenText q)
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
