namespace AdVerify.FSharp

open System
open System.Numerics
open AdVerify
open AdVerify.Definitions
open AdVerify.Expressions

/// <summary>
/// Functions the .NET generic math interfaces lack, for F# code written once over any scalar
/// (<c>float</c>, the AD numbers and the tracing scalar <c>Traced</c>): each calls
/// <see cref="T:AdVerify.AdMath"/>, so every engine differentiates it by its own rule. Opened with
/// <c>AdVerify.FSharp</c>.
/// </summary>
[<AutoOpen>]
module MathFunctions =

    /// <summary>The error function.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>erf x.</returns>
    let erf<'T when 'T :> IFloatingPointIeee754<'T>> (x: 'T) : 'T = AdMath.Erf x

    /// <summary>The real cube root.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>∛x.</returns>
    let cbrt<'T when 'T :> IFloatingPointIeee754<'T>> (x: 'T) : 'T = AdMath.Cbrt x

    /// <summary>The secant 1/cos x.</summary>
    /// <param name="x">The argument (radians).</param>
    /// <returns>sec x.</returns>
    let sec<'T when 'T :> IFloatingPointIeee754<'T>> (x: 'T) : 'T = AdMath.Sec x

    /// <summary>The cosecant 1/sin x.</summary>
    /// <param name="x">The argument (radians).</param>
    /// <returns>csc x.</returns>
    let csc<'T when 'T :> IFloatingPointIeee754<'T>> (x: 'T) : 'T = AdMath.Csc x

    /// <summary>The cotangent cos x / sin x.</summary>
    /// <param name="x">The argument (radians).</param>
    /// <returns>cot x.</returns>
    let cot<'T when 'T :> IFloatingPointIeee754<'T>> (x: 'T) : 'T = AdMath.Cot x

    /// <summary>The inverse hyperbolic sine.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>asinh x.</returns>
    let asinh<'T when 'T :> IFloatingPointIeee754<'T>> (x: 'T) : 'T = AdMath.Asinh x

    /// <summary>The inverse hyperbolic cosine.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>acosh x.</returns>
    let acosh<'T when 'T :> IFloatingPointIeee754<'T>> (x: 'T) : 'T = AdMath.Acosh x

    /// <summary>The inverse hyperbolic tangent.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>atanh x.</returns>
    let atanh<'T when 'T :> IFloatingPointIeee754<'T>> (x: 'T) : 'T = AdMath.Atanh x

    /// <summary>The Euclidean length √(x² + y²) without overflow.</summary>
    /// <param name="x">The first leg.</param>
    /// <param name="y">The second leg.</param>
    /// <returns>hypot(x, y).</returns>
    let hypot<'T when 'T :> IFloatingPointIeee754<'T>> (x: 'T) (y: 'T) : 'T = AdMath.Hypot(x, y)

    /// <summary>
    /// The sign as a number of the same type (−1, 0 or 1; derivative 0), where F#'s <c>sign</c>
    /// returns an <c>int</c>.
    /// </summary>
    /// <param name="x">The argument.</param>
    /// <returns>sign x.</returns>
    let signum<'T when 'T :> IFloatingPointIeee754<'T>> (x: 'T) : 'T = AdMath.Sign x

/// <summary>
/// Builds the one-definition object, <see cref="T:AdVerify.Definitions.Definition"/>, that every
/// facade takes (<c>AD</c>, <c>Verify</c>, <c>Symbolic.expr</c>, the C# engines and the NUnit
/// constraints): from an F# inline function, a quotation, infix text, an object expression
/// implementing <see cref="T:AdVerify.Definitions.IScalarFunction"/>, or a function known only by
/// its values. With both <c>AdVerify.Definitions</c> and <c>AdVerify.FSharp</c> open,
/// <c>Definition.ofInline</c> reaches this module while <c>Definition.Of</c> still reaches the C# type.
/// </summary>
[<RequireQualifiedAccess>]
module Definition =

    /// <summary>
    /// An F# function, run once on the tracing scalar <see cref="T:AdVerify.Definitions.Traced"/>:
    /// pass your inline function applied to the coordinates, for example
    /// <c>Definition.ofInline [ "x"; "y" ] (fun v -> f v.[0] v.[1])</c>. Branch-free code becomes the
    /// computation it performs, in your order and grouping; code that branches on a value (an
    /// <c>if</c> on a comparison, <c>min</c>) cannot be traced once for all points, so it is
    /// traced at each point instead (the verifier says why the symbolic source is absent).
    /// </summary>
    /// <param name="names">The coordinate names, in the order the function reads them.</param>
    /// <param name="f">The function on traced numbers; constants in generic inline code go through <c>AD.lift</c>.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="T:System.ArgumentException">A name is not a valid variable name or is given twice, or the function reads more coordinates than names were given.</exception>
    let ofInline (names: string list) (f: Traced[] -> Traced) : Definition = Tracing.definition names f

    /// <summary>
    /// The definition a quotation writes, for example <c>Definition.ofQuotation &lt;@ fun x y z -> log (x * y) + sin z @&gt;</c>:
    /// the same object an inline function gives, with the lambda's parameters as its variables in order.
    /// </summary>
    /// <param name="quotation">A quotation of a lambda over numbers.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="T:AdVerify.FSharp.UnsupportedQuotationException">The quotation uses a construct the expression language lacks.</exception>
    let ofQuotation (quotation: FSharp.Quotations.Expr) : Definition = Quotation.toDefinition quotation

    /// <summary>
    /// A one-definition function written by hand, for example an object expression
    /// <c>{ new IScalarFunction with member _.Invoke&lt;'T when 'T :> IFloatingPointIeee754&lt;'T&gt;&gt;(x: ReadOnlySpan&lt;'T&gt;) = log (x.[0] * x.[1]) }</c>,
    /// which the engines run on each of their scalars directly.
    /// </summary>
    /// <param name="names">The coordinate names, in order.</param>
    /// <param name="f">The function.</param>
    /// <returns>The definition.</returns>
    let ofFunction (names: string list) (f: IScalarFunction) : Definition = Definition.Of(f, List.toArray names)

    /// <summary>Infix text as a definition, kept in the author's order and grouping; its variables are sorted by name.</summary>
    /// <param name="text">Text such as <c>log(x*y) + sin(z)</c>.</param>
    /// <returns><c>Ok</c> with the definition, or <c>Error</c> with the message (a caret under the problem).</returns>
    let parse (text: string) : Result<Definition, string> =
        try
            Ok(Definition.Parse text)
        with :? ParseException as e ->
            Error(e.FormatWithCaret())

    /// <summary>A function known only by its values: the verifier compares a claimed gradient with finite differences only.</summary>
    /// <param name="names">The coordinate names, in order.</param>
    /// <param name="f">The function; it must not keep or change the array it is given.</param>
    /// <returns>The definition.</returns>
    let opaque (names: string list) (f: float[] -> float) : Definition = Definition.Opaque(Func<float[], float>(f), List.toArray names)

    /// <summary>
    /// Code that computes in single precision, known only by its values (for <c>Verify.float32Claim</c>): its point is
    /// rounded to float32 and finite differences use float32 steps and tolerances.
    /// </summary>
    /// <param name="names">The coordinate names, in order.</param>
    /// <param name="f">The float32 function; it must not keep or change the array it is given.</param>
    /// <returns>The definition.</returns>
    let opaqueFloat32 (names: string list) (f: float32[] -> float32) : Definition =
        Definition.OpaqueFloat32(Func<float32[], float32>(f), List.toArray names)

    /// <summary>
    /// An F# function ℝⁿ → ℝᵐ run on the tracing scalar, as a one-definition vector function for
    /// <c>AD.jvp</c>, <c>AD.vjp</c> and the Jacobians, for example
    /// <c>Definition.vectorOfInline [ "x"; "y" ] (fun v -> [| v.[0] * v.[1]; sin v.[0] |])</c>.
    /// Traced once when it takes no value-dependent branch (the outputs share their steps), else at each point.
    /// </summary>
    /// <param name="names">The coordinate names, in order.</param>
    /// <param name="f">The function on traced numbers.</param>
    /// <returns>The vector function.</returns>
    let vectorOfInline (names: string list) (f: Traced[] -> Traced[]) : IVectorFunction =
        let names = List.toArray names
        let fn = FSharpVectorFunction(names, f)
        // Trace now, so that bad names or an index past the end fail here rather than in an engine.
        fn.Symbolic |> ignore
        fn :> IVectorFunction

    /// <summary>The coordinate names, in order.</summary>
    /// <param name="definition">The definition.</param>
    /// <returns>The names.</returns>
    let variables (definition: Definition) : string list = List.ofSeq definition.Variables

    /// <summary>The computation traced once for all points, as written (none when the code branches on a value, or the definition is opaque).</summary>
    /// <param name="definition">The definition.</param>
    /// <returns><c>Ok</c> with the computation as written, or <c>Error</c> with the reason there is none.</returns>
    let computation (definition: Definition) : Result<Computation, string> =
        match definition.SymbolicTrace() with
        | null, reason -> Error(reason |> Option.ofObj |> Option.defaultValue "no symbolic trace")
        | c, _ -> Ok c
