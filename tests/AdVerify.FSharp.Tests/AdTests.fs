module AdVerify.FSharp.Tests.AdTests

open System
open NUnit.Framework
open AdVerify.Definitions
open AdVerify.Forward
open AdVerify.Reverse
open AdVerify.FSharp
open AdVerify.FSharp.Tests.Support

/// The seed function, written once and run on float, Dual<float>, DualVector and Var<float>.
let inline f x y z = log (x * y) + sin z

let private expected = [| 0.5; 1.0 / 3.0; cos 1.0 |]
let private at = [| 2.0; 3.0; 1.0 |]

[<Test>]
let ``inline function runs on floats`` () = close (log 6.0 + sin 1.0) (f 2.0 3.0 1.0)

/// The seed function as one definition: the inline function run on the tracing scalar.
let private seed = Definition.ofInline [ "x"; "y"; "z" ] (fun v -> f v.[0] v.[1] v.[2])

[<Test>]
let ``inline definition in forward mode`` () =
    closeAll expected (AD.gradForward seed at)
    closeAll expected (AD.gradOnePass seed at)

[<Test>]
let ``inline definition in reverse mode`` () =
    closeAll expected (AD.grad seed at)
    let value, gradient = AD.valueAndGrad seed at
    close (log 6.0 + sin 1.0) value
    close (f 2.0 3.0 1.0) (AD.value seed at)
    closeAll expected gradient

[<Test>]
let ``inline function with Dual values directly`` () =
    let r = f (Dual<float>(2.0, 1.0)) (Dual<float>.Constant 3.0) (Dual<float>.Constant 1.0)
    close (log 6.0 + sin 1.0) r.Value
    close 0.5 r.Tangent

/// Mixed operators in concrete code: float on either side of an AD number or a traced number.
let gDual (x: Dual<float>) = 2.0 * x + x / 4.0 - 1.0 + 3.0 / x + x * x * 0.5 + sqrt x + x ** 2.0 + exp (x - 2.0)
let gVar (x: Var<float>) = 2.0 * x + x / 4.0 - 1.0 + 3.0 / x + x * x * 0.5 + sqrt x + x ** 2.0 + exp (x - 2.0)
let gTraced (x: Traced) = 2.0 * x + x / 4.0 - 1.0 + 3.0 / x + x * x * 0.5 + sqrt x + x ** 2.0 + exp (x - 2.0)

/// The same function as generic inline code: constants go through AD.lift, because F# fixes
/// `2.0 * x` to float inside a generic inline function (`x ** 2.0` stays generic: only the
/// base's type is searched for Pow, and the exponent's type is known).
let inline gGeneric x =
    AD.lift 2.0 * x + x / AD.lift 4.0 - AD.lift 1.0 + AD.lift 3.0 / x + x * x * AD.lift 0.5 + sqrt x + x ** 2.0 + exp (x - AD.lift 2.0)

// d/dx at 2: 2 + 1/4 - 3/4 + 2 + 1/(2 sqrt 2) + 4 + 1
let private gPrime = 2.0 + 0.25 - 0.75 + 2.0 + 1.0 / (2.0 * sqrt 2.0) + 4.0 + 1.0

[<Test>]
let ``mixed float operators on every number type`` () =
    close gPrime (AD.derivative gDual 2.0)
    let struct (_, g) = ReverseMode.Gradient((fun (v: Var<float>[]) -> gVar v.[0]), [| 2.0 |])
    close gPrime g.[0]
    let value, slope = AD.valueAndDerivative gDual 2.0
    close (gGeneric 2.0) value
    close gPrime slope
    let traced = Definition.ofInline [ "x" ] (fun v -> gTraced v.[0])
    close gPrime (AD.grad traced [| 2.0 |]).[0]
    close (gGeneric 2.0) (AD.value traced [| 2.0 |])

[<Test>]
let ``generic inline code with lifted constants in every number type`` () =
    let g = Definition.ofInline [ "x" ] (fun v -> gGeneric v.[0])
    close gPrime (AD.derivative gGeneric 2.0)
    close gPrime (AD.grad g [| 2.0 |]).[0]
    close gPrime (AD.gradForward g [| 2.0 |]).[0]
    close gPrime (AD.gradOnePass g [| 2.0 |]).[0]
    close (gDual (Dual<float>.Constant 2.0)).Value (gGeneric 2.0)
    // The traced definition computes what the F# code computes on floats, bit for bit.
    Assert.That(AD.value g [| 2.0 |], Is.EqualTo(gGeneric 2.0))

[<Test>]
let ``the functions F# lacks run on every number type`` () =
    close (2.0 / sqrt Math.PI * exp -0.25) (AD.derivative erf 0.5)
    close (AdVerify.AdMath.Erf 0.5) (erf 0.5)
    close (1.0 / (3.0 * cbrt 4.0)) (AD.derivative cbrt 2.0)
    close -1.0 (signum -3.0)
    let d = Definition.ofInline [ "x"; "y" ] (fun v -> erf v.[0] + hypot v.[0] v.[1] + sec v.[1])
    Assert.That((Verify.definition d [ 0.5; 1.0 ]).Verdict, Is.EqualTo AdVerify.Verification.Verdict.Consistent)

[<Test>]
let ``perturbation confusion does not happen`` () =
    // d/dx [x * (d/dy (x + y))] = d/dx [x * 1] = 1 (a confused implementation gives 2).
    let r = AD.derivative (fun x -> x * AD.derivative (fun y -> AD.constant x + y) x) 2.0
    close 1.0 r

[<Test>]
let ``nested derivatives give higher derivatives`` () =
    // d²/dx² x³ at 2 = 12; d³/dx³ sin x at 1 = -cos 1.
    close 12.0 (AD.derivative (fun x -> AD.derivative (fun y -> y * y * y) x) 2.0)
    let third = AD.derivative (fun x -> AD.derivative (fun y -> AD.derivative (fun z -> sin z) y) x) 1.0
    close (-(cos 1.0)) third
    // Mixed partial by nesting: d/dx d/dy (x * y²) at (x, y) = (1.5, 2) is 2y = 4.
    let mixed = AD.derivative (fun x -> AD.derivative (fun y -> AD.constant x * y * y) (Dual<float>.Constant 2.0)) 1.5
    close 4.0 mixed

[<Test>]
let ``Hessians agree in both engines and with the symbolic one`` () =
    let hf = AD.hessian seed at
    let hr = AD.hessianReverse seed at
    let hs = Symbolic.expr seed |> Result.map (Symbolic.hessian [ "x"; "y"; "z" ])
    let point = [ "x", 2.0; "y", 3.0; "z", 1.0 ]

    match hs with
    | Error reason -> Assert.Fail reason
    | Ok hs ->
        for i in 0..2 do
            for j in 0..2 do
                let s = Symbolic.eval point hs.[i, j]
                close s hf.[i, j]
                close s hr.[i, j]

    close -0.25 hf.[0, 0]
    close (-(sin 1.0)) hr.[2, 2]

[<Test>]
let ``Hessian-vector products match the Hessian`` () =
    let h = AD.hessian seed at
    let v = [| 1.0; -2.0; 0.5 |]
    let expectedHv = Array.init 3 (fun i -> Seq.sum (seq { for j in 0..2 -> h.[i, j] * v.[j] }))
    closeAll expectedHv (AD.hvp seed at v)

/// A vector function written once and traced: (x·y, sin x).
let private pair = Definition.vectorOfInline [ "x"; "y" ] (fun v -> [| v.[0] * v.[1]; sin v.[0] |])

[<Test>]
let ``Jacobians, JVPs, VJPs and directional derivatives`` () =
    let jr = AD.jacobian pair [| 2.0; 3.0 |]
    let jf = AD.jacobianForward pair [| 2.0; 3.0 |]
    Assert.That(jr, Is.EqualTo(array2D [ [ 3.0; 2.0 ]; [ cos 2.0; 0.0 ] ]))
    Assert.That(jf, Is.EqualTo jr)
    closeAll [| 6.0; sin 2.0 |] (AD.values pair [| 2.0; 3.0 |])
    closeAll [| 3.0 * 1.0 + 2.0 * -1.0; cos 2.0 |] (AD.jvp pair [| 2.0; 3.0 |] [| 1.0; -1.0 |])
    closeAll [| 3.0 * 2.0 + cos 2.0 * 5.0; 2.0 * 2.0 |] (AD.vjp pair [| 2.0; 3.0 |] [| 2.0; 5.0 |])
    close (0.5 * 1.0 + (1.0 / 3.0) * 2.0) (AD.directional seed at [| 1.0; 2.0; 0.0 |])

[<Test>]
let ``a vector function that branches is traced at each point`` () =
    // (|x|·y, x + y) written with a branch on x.
    let f = Definition.vectorOfInline [ "x"; "y" ] (fun v -> [| (if v.[0] > AD.lift 0.0 then v.[0] else -v.[0]) * v.[1]; v.[0] + v.[1] |])
    Assert.That(AD.jacobian f [| 2.0; 3.0 |], Is.EqualTo(array2D [ [ 3.0; 2.0 ]; [ 1.0; 1.0 ] ]))
    Assert.That(AD.jacobian f [| -2.0; 3.0 |], Is.EqualTo(array2D [ [ -3.0; 2.0 ]; [ 1.0; 1.0 ] ]))
    Assert.That(AD.jacobianForward f [| -2.0; 3.0 |], Is.EqualTo(array2D [ [ -3.0; 2.0 ]; [ 1.0; 1.0 ] ]))

[<Test>]
let ``an opaque definition or a point of the wrong length is a clear error`` () =
    let opaque = Definition.opaque [ "x" ] (fun x -> x.[0] * x.[0])
    let e = throws<System.ArgumentException> (fun () -> AD.grad opaque [| 1.0 |] |> ignore)
    Assert.That(e.Message, Does.Contain "opaque")
    close 4.0 (AD.value opaque [| 2.0 |])
    let e = throws<System.ArgumentException> (fun () -> AD.gradForward seed [| 1.0 |] |> ignore)
    Assert.That(e.Message, Does.Contain("1 coordinate(s)").And.Contain("x, y, z"))

[<Test>]
let ``reverse mode does not leak adjoints between calls`` () =
    // Regression: the tape cleared adjoints only up to the output node, so inputs recorded after
    // it (or all inputs, for a constant output) kept the previous call's adjoints.
    let grad f x = let struct (_, g) = ReverseMode.Gradient((fun (v: Var<float>[]) -> f v), x) in g
    closeAll expected (grad (fun v -> f v.[0] v.[1] v.[2]) at)
    closeAll [| 1.0; 0.0; 0.0 |] (grad (fun v -> v.[0]) at)
    closeAll expected (grad (fun v -> f v.[0] v.[1] v.[2]) at)
    closeAll [| 0.0; 0.0; 0.0 |] (grad (fun _ -> Var<float>.Lift 4.0) at)
    closeAll [| 0.0; 0.0; 0.0 |] (AD.grad (Definition.ofInline [ "x"; "y"; "z" ] (fun _ -> AD.lift 4.0)) at)
    let h = AD.hessianReverse (Definition.ofInline [ "x"; "y"; "z" ] (fun v -> v.[0] * v.[0])) at
    Assert.That(h, Is.EqualTo(array2D [ [ 2.0; 0.0; 0.0 ]; [ 0.0; 0.0; 0.0 ]; [ 0.0; 0.0; 0.0 ] ]))

[<Test>]
let ``F# min, max and abs work on the AD types away from ties`` () =
    // F# min compares values, so the definition is traced at each point (the comparison's branch).
    let minDef = Definition.ofInline [ "x"; "y" ] (fun v -> min v.[0] v.[1])
    Assert.That(minDef.Written, Is.Null)
    closeAll [| 1.0; 0.0 |] (AD.gradForward minDef [| 1.0; 2.0 |])
    closeAll [| 1.0; 0.0 |] (AD.grad minDef [| 1.0; 2.0 |])
    closeAll [| 0.0; 1.0 |] (AD.grad (Definition.ofInline [ "x"; "y" ] (fun v -> max v.[0] v.[1])) [| 1.0; 2.0 |])
    closeAll [| -1.0 |] (AD.grad (Definition.ofInline [ "x" ] (fun v -> abs v.[0])) [| -3.0 |])
    // At a tie the engines' own Min gives each argument one half.
    closeAll [| 0.5; 0.5 |] (AD.grad (Definition.ofInline [ "x"; "y" ] (fun v -> Traced.Min(v.[0], v.[1]))) [| 1.0; 1.0 |])
