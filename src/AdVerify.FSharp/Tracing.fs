namespace AdVerify.FSharp

open System
open System.Numerics
open AdVerify.Definitions
open AdVerify.Scalars

/// Helpers shared by the traced definitions: the double value behind any scalar, and a span of
/// tracing scalars as the array an F# function takes.
module internal ScalarHelpers =

    /// The primal double of any scalar the engines pass (an AD number, a complex-step number, a double).
    let primal<'T when 'T :> IFloatingPointIeee754<'T>> (x: 'T) : float =
        match box x with
        | :? float as d -> d
        | :? IPrimal as p -> p.Primal
        | _ -> Double.CreateChecked x

    /// The primal point of a span of scalars.
    let primalPoint<'T when 'T :> IFloatingPointIeee754<'T>> (x: ReadOnlySpan<'T>) : float[] =
        let point = Array.zeroCreate x.Length

        for i in 0 .. x.Length - 1 do
            point.[i] <- primal x.[i]

        point

    /// The span as Traced[] (only called when 'T is Traced).
    let traced<'T> (x: ReadOnlySpan<'T>) : Traced[] = unbox<Traced[]> (box (x.ToArray()))

    /// Calls an F# function that reads its coordinates from an array, turning an index past the
    /// end into an error that names the coordinates the definition was given.
    let call (names: string[]) (f: Traced[] -> 'R) (x: Traced[]) : 'R =
        try
            f x
        with :? IndexOutOfRangeException ->
            invalidArg
                "f"
                (sprintf
                    "the function reads a coordinate past the %d it was given (%s): pass one name per coordinate it uses"
                    names.Length
                    (String.Join(", ", names)))

/// <summary>
/// An F# function on the tracing scalar <see cref="T:AdVerify.Definitions.Traced"/> whose code
/// branches on a value, as a one-definition function: on <c>Traced</c> it runs the F# code itself
/// (so a trace at a point follows the branches), and on every other scalar it traces the code at
/// that scalar's primal point and runs the computation recorded there. Branch-free code never gets
/// here: it becomes the computation of its symbolic trace.
/// </summary>
[<Sealed>]
type internal FSharpFunction(names: string[], f: Traced[] -> Traced) =
    // The last point traced, with its computation: forward mode calls once per input at the same point.
    let mutable last: (float[] * Computation) option = None

    member private this.At(point: float[]) : Computation =
        match last with
        | Some(p, c) when p = point -> c
        | _ ->
            let c = Trace.At(this, names, ReadOnlySpan point)
            last <- Some(point, c)
            c

    interface IScalarFunction with
        member this.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: ReadOnlySpan<'T>) : 'T =
            if typeof<'T> = typeof<Traced> then
                unbox<'T> (box (ScalarHelpers.call names f (ScalarHelpers.traced x)))
            else
                this.At(ScalarHelpers.primalPoint x).Evaluate<'T>(x)

/// <summary>
/// An F# function ℝⁿ → ℝᵐ on the tracing scalar as a one-definition vector function
/// (<see cref="T:AdVerify.Definitions.IVectorFunction"/>): traced once symbolically when the code
/// takes no value-dependent branch (all outputs share their steps and run in one pass), and
/// otherwise traced at each point, like <see cref="T:AdVerify.FSharp.FSharpFunction"/>.
/// </summary>
[<Sealed>]
type internal FSharpVectorFunction(names: string[], f: Traced[] -> Traced[]) as this =
    let symbolic =
        lazy
            (try
                Ok(Trace.SymbolicVector(this, names))
             with :? ConcretizationException as e ->
                 Error e.Operation)

    let mutable last: (float[] * Computation[]) option = None

    /// <summary>The outputs' computations valid everywhere, or the operation that needs a value.</summary>
    member _.Symbolic: Result<Computation[], string> = symbolic.Force()

    member private _.At(point: float[]) : Computation[] =
        match last with
        | Some(p, c) when p = point -> c
        | _ ->
            let c = Trace.VectorAt(this, names, ReadOnlySpan point)
            last <- Some(point, c)
            c

    interface IVectorFunction with
        member this.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: ReadOnlySpan<'T>) : 'T[] =
            if typeof<'T> = typeof<Traced> then
                unbox<'T[]> (box (ScalarHelpers.call names f (ScalarHelpers.traced x)))
            else
                match symbolic.Force() with
                | Ok outputs -> Computation.Evaluate<'T>(outputs, x)
                | Error _ -> Computation.Evaluate<'T>(this.At(ScalarHelpers.primalPoint x), x)

/// Builds definitions from F# functions on the tracing scalar.
module internal Tracing =

    /// <summary>
    /// The definition of an F# function on <c>Traced</c>: the computation of its symbolic trace when
    /// the code takes no value-dependent branch, else the code itself, traced at each point.
    /// </summary>
    let definition (names: string list) (f: Traced[] -> Traced) : Definition =
        let names = List.toArray names
        let fn = FSharpFunction(names, f)

        let symbolic =
            try
                Some(Trace.Symbolic(fn, names))
            with :? ConcretizationException ->
                None

        match symbolic with
        | Some computation -> Definition.FromComputation computation
        | None -> Definition.Of(fn, names)
