module AdVerify.FSharp.Tests.VerifyTests

open NUnit.Framework
open AdVerify.Verification
open AdVerify.FSharp
open AdVerify.FSharp.Tests.Support

let private seed = <@ fun x y z -> log (x * y) + sin z @>

[<Test>]
let ``check verifies infix text`` () =
    let r = Verify.check [ "x", 2.0 ] "x^2"
    Assert.That(r.Verdict, Is.EqualTo Verdict.Consistent)
    close 4.0 r.Value
    close 4.0 (Verify.gradientOf Sources.Reverse r).Value.["x"]

[<Test>]
let ``quotation verifies as written`` () =
    let r = Verify.quotation seed [ 2.0; 3.0; 1.0 ]
    Assert.That(Verify.isConsistent r, Is.True, r.Message)
    let g = (Verify.gradientOf Sources.Symbolic r).Value
    close 0.5 g.["x"]
    close (1.0 / 3.0) g.["y"]
    close (cos 1.0) g.["z"]

[<Test>]
let ``a planted wrong claim is a discrepancy`` () =
    // The true d/dx is 1/x; the claim says 1/y.
    let r = Verify.quotationClaim [ "x", <@ fun x y z -> 1.0 / y @> ] seed [ 2.0; 3.0; 1.0 ]
    Assert.That(r.Verdict, Is.EqualTo Verdict.Discrepancy)
    let d = Verify.discrepancies r
    Assert.That(d, Is.Not.Empty)
    Assert.That(d |> List.forall (fun d -> d.Variable = "x"), Is.True)
    Assert.That(d |> List.exists (fun d -> Seq.contains Sources.Claimed d.Sources), Is.True)

[<Test>]
let ``a right claim is consistent`` () =
    let r = Verify.quotationClaim [ "x", <@ fun x y z -> 1.0 / x @>; "z", <@ fun x y z -> cos z @> ] seed [ 2.0; 3.0; 1.0 ]
    Assert.That(r.Verdict, Is.EqualTo Verdict.Consistent, r.Message)

[<Test>]
let ``text claims and options`` () =
    Assert.That((Verify.checkClaim [ "x", "3*x" ] [ "x", 2.0 ] "x^2").Verdict, Is.EqualTo Verdict.Discrepancy)
    Assert.That((Verify.checkClaim [ "x", "2*x" ] [ "x", 2.0 ] "x^2").Verdict, Is.EqualTo Verdict.Consistent)
    let r = Verify.checkWith { Verify.defaults with Wrt = Some [ "y" ]; Hessian = true } [ "x", 2.0; "y", 3.0 ] "x*y^2"
    Assert.That(r.Verdict, Is.EqualTo Verdict.Consistent, r.Message)
    Assert.That(r.Hessian, Is.Not.Null)
    Assert.That((Verify.gradientOf Sources.Forward r).Value.ContainsKey "x", Is.False)

[<Test>]
let ``expressions and quotation options verify too`` () =
    let e = Quotation.toExpr seed |> Symbolic.diff "x"
    Assert.That((Verify.expr [ "x", 2.0 ] e).Verdict, Is.EqualTo Verdict.Consistent)
    let r = Verify.quotationWith { Verify.defaults with Hessian = true } seed [ 2.0; 3.0; 1.0 ]
    Assert.That(r.Verdict, Is.EqualTo Verdict.Consistent, r.Message)

[<Test>]
let ``kinks and domain errors are reported`` () =
    Assert.That((Verify.quotation <@ fun x -> abs x @> [ 0.0 ]).Verdict, Is.EqualTo Verdict.Nondifferentiable)
    Assert.That((Verify.quotation <@ fun x -> log x @> [ -1.0 ]).Verdict, Is.EqualTo Verdict.Undefined)

[<Test>]
let ``a point of the wrong length is rejected`` () =
    let ex = throws<System.ArgumentException> (fun () -> Verify.quotation seed [ 1.0 ] |> ignore)
    Assert.That(ex.Message, Does.Contain "3 parameter(s)")

[<Test>]
let ``results print readably with %A`` () =
    let wrong = Verify.quotationClaim [ "x", <@ fun x y z -> 1.0 / y @> ] seed [ 2.0; 3.0; 1.0 ]
    let text = sprintf "%A" wrong
    Assert.That(text, Does.StartWith "discrepancy at x=2, y=3, z=1 (f = 2.63323): ∂f/∂x")
    Assert.That(text, Does.Not.Contain "System.Collections")
    Assert.That(wrong.Message, Is.Not.Null)
    let ok = sprintf "%A" (Verify.quotation seed [ 2.0; 3.0; 1.0 ])
    Assert.That(ok, Does.StartWith "consistent at x=2, y=3, z=1")

/// The logistic loss log(1 + exp(−(0.3w − 1.7b))) written once for every engine, and its gradient in float32.
let private logistic = Definition.ofInline [ "w"; "b" ] (fun v -> log (1.0 + exp (-(0.3 * v.[0] - 1.7 * v.[1]))))

let private logisticGradient (v: float32[]) =
    let s = -1.0f / (1.0f + exp (0.3f * v.[0] - 1.7f * v.[1]))
    [| 0.3f * s; -1.7f * s |]

[<Test>]
let ``float32 passes within rounding and names the variable of a planted 1e-3 fault`` () =
    for point in [ [ 0.3; -0.2 ]; [ 1.5; 0.75 ]; [ -2.0; 0.5 ] ] do
        let alone = Verify.float32 logistic point
        Assert.That(alone.Verdict, Is.EqualTo Verdict.Consistent, alone.Message)
        Assert.That((Verify.float32Of alone).Value.WithinRounding, Is.True)

        let good = Verify.float32Claim logisticGradient logistic point
        Assert.That(good.Verdict, Is.EqualTo Verdict.Consistent, good.Message)
        Assert.That((Verify.float32Of good).Value.Gradient.Keys, Does.Contain Sources.Claimed32)

        let bad = Verify.float32Claim (fun v -> let g = logisticGradient v in [| g.[0]; g.[1] * 1.001f |]) logistic point
        Assert.That(bad.Verdict, Is.EqualTo Verdict.Discrepancy, bad.Message)
        let d = Verify.discrepancies bad |> List.exactlyOne
        Assert.That(d.Variable, Is.EqualTo "b")
        Assert.That(d.OddOneOut, Is.EqualTo Sources.Claimed32)
        Assert.That(bad.Message, Does.Contain "beyond float32 rounding, so a bug")
        Assert.That((Verify.float32Of bad).Value.WithinRounding, Is.False)

    Assert.That(Verify.float32Of (Verify.definition logistic [ 0.3; -0.2 ]), Is.EqualTo None, "a double check has no float32 part")

[<Test>]
let ``float32 checks opaque float code against finite differences`` () =
    // softplus(−z) = max(−z, 0) + log1p(e^−|z|) in float32, without rounding 1 + e^−|z| away.
    let loss (v: float32[]) =
        let z = 0.3f * v.[0] - 1.7f * v.[1]
        let e = exp (-(abs z))
        let u = 1.0f + e
        max (-z) 0.0f + (if u = 1.0f then e else log u * (e / (u - 1.0f)))

    let code = Definition.opaqueFloat32 [ "w"; "b" ] loss
    let good = Verify.float32Claim logisticGradient code [ 0.3; -0.2 ]
    Assert.That(good.Verdict, Is.EqualTo Verdict.Consistent, good.Message)
    let bad = Verify.float32Claim (fun v -> let g = logisticGradient v in [| g.[0] * 1.001f; g.[1] |]) code [ 0.3; -0.2 ]
    Assert.That(bad.Verdict, Is.EqualTo Verdict.Discrepancy, bad.Message)
    same [ "w" ] (Verify.discrepancies bad |> List.map (fun d -> d.Variable))
