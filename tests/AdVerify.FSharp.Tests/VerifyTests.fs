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
let ``quotation verifies through its infix text`` () =
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
