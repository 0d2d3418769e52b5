module AdVerify.FSharp.Tests.DefinitionTests

open System
open System.Numerics
open NUnit.Framework
open AdVerify.Definitions
open AdVerify.Expressions
open AdVerify.Verification
open AdVerify.FSharp
open AdVerify.FSharp.Tests.Support

let inline private f x y z = log (x * y) + sin z

let private fromInline = Definition.ofInline [ "x"; "y"; "z" ] (fun v -> f v.[0] v.[1] v.[2])
let private fromQuotation = Definition.ofQuotation <@ fun x y z -> log (x * y) + sin z @>
let private at = [ 2.0; 3.0; 1.0 ]

/// The computation a definition writes, as text ("" when it has none).
let private written (d: Definition) = string d.Written

/// The sources every verification of a traceable definition must hear from.
let private everySource =
    [ Sources.Forward; Sources.Reverse; Sources.Symbolic; Sources.ComplexStep; Sources.FiniteDifference ]

let private assertEverySource (r: PointResult) =
    Assert.That(r.Verdict, Is.EqualTo Verdict.Consistent, r.Message)

    for source in everySource do
        Assert.That(r.Gradient.Keys, Does.Contain source, sprintf "no %s gradient: %s" source r.Message)

[<Test>]
let ``an inline function and a quotation become the same definition`` () =
    for d in [ fromInline; fromQuotation ] do
        same [ "x"; "y"; "z" ] (Definition.variables d)
        Assert.That(d.Written, Is.Not.Null)
        Assert.That(written d, Is.EqualTo "log(x*y) + sin(z)")
        Assert.That(d.ToExpr(), Is.SameAs(Infix.Parse "log(x*y) + sin(z)"))

[<Test>]
let ``a quotation keeps the author's variable order and grouping`` () =
    let d = Definition.ofQuotation <@ fun z y x -> x + (y + z) * 1.0 - x / (y * z) @>
    same [ "z"; "y"; "x" ] (Definition.variables d)
    Assert.That(written d, Is.EqualTo "x + (y + z)*1 - x/(y*z)")
    let inlineDef = Definition.ofInline [ "z"; "y"; "x" ] (fun v -> v.[2] + (v.[1] + v.[0]) * 1.0 - v.[2] / (v.[1] * v.[0]))
    Assert.That(written inlineDef, Is.EqualTo(written d))
    // Values are computed as written: (0.1 + 0.2) + 0.3 is not 0.1 + (0.2 + 0.3) in doubles.
    let left = Definition.ofQuotation <@ fun a b c -> (a + b) + c @>
    let right = Definition.ofQuotation <@ fun a b c -> a + (b + c) @>
    Assert.That(AD.value left [| 0.1; 0.2; 0.3 |], Is.EqualTo((0.1 + 0.2) + 0.3))
    Assert.That(AD.value right [| 0.1; 0.2; 0.3 |], Is.EqualTo(0.1 + (0.2 + 0.3)))

[<Test>]
let ``quotation and inline definitions are verified by every source`` () =
    assertEverySource (Verify.definition fromInline at)
    assertEverySource (Verify.definition fromQuotation at)
    assertEverySource (Verify.quotation <@ fun x y z -> log (x * y) + sin z @> at)

[<Test>]
let ``a right claimed gradient is consistent and a wrong one is caught`` () =
    let right (v: float[]) = [| 1.0 / v.[0]; 1.0 / v.[1]; cos v.[2] |]
    let wrong (v: float[]) = [| 1.0 / v.[1]; 1.0 / v.[1]; cos v.[2] |] // d/dx is 1/x, not 1/y
    assertEverySource (Verify.definitionClaim right fromInline at)
    let r = Verify.definitionClaim wrong fromQuotation [| 2.0; 3.0; 1.0 |]
    Assert.That(r.Verdict, Is.EqualTo Verdict.Discrepancy, r.Message)
    let d = Verify.discrepancies r
    Assert.That(d |> List.forall (fun d -> d.Variable = "x"), Is.True)
    Assert.That(d |> List.exists (fun d -> Seq.contains Sources.Claimed d.Sources), Is.True)
    // A claim of the wrong length is bad input, reported as such.
    let r = Verify.definitionClaim (fun _ -> [| 1.0 |]) fromInline at
    Assert.That(r.Verdict, Is.EqualTo Verdict.Error)
    Assert.That(r.Message, Does.Contain "1 entries")

[<Test>]
let ``settings: a subset of variables, the Hessian, generated points`` () =
    let r = Verify.definitionWith { Verify.defaults with Wrt = Some [ "z" ]; Hessian = true } None fromInline at
    Assert.That(r.Verdict, Is.EqualTo Verdict.Consistent, r.Message)
    Assert.That(r.Hessian, Is.Not.Null)
    Assert.That((Verify.gradientOf Sources.Forward r).Value.Keys, Is.EquivalentTo [ "z" ])
    let bad = Verify.definitionWith { Verify.defaults with Claimed = [ "x", "1/x" ] } None fromInline at
    Assert.That(bad.Verdict, Is.EqualTo Verdict.Error)
    Assert.That(bad.Message, Does.Contain "Verify.definitionClaim")
    let unknown = Verify.definitionWith { Verify.defaults with Wrt = Some [ "w" ] } None fromInline at
    Assert.That(unknown.Verdict, Is.EqualTo Verdict.Error)
    Assert.That(unknown.Message, Does.Contain "'w' is not a variable")
    let case = Verify.generated 3 fromInline
    Assert.That(case.Results.Count, Is.EqualTo 3)
    Assert.That(case.Results |> Seq.forall (fun r -> r.Verdict = Verdict.Consistent), Is.True)

/// Black–Scholes call price written once, with erf; constants through AD.lift so it stays generic.
let inline blackScholes s k r sigma t =
    let half = AD.lift 0.5
    let cdf x = half * (AD.lift 1.0 + erf (x / sqrt (AD.lift 2.0)))
    let d1 = (log (s / k) + (r + half * sigma * sigma) * t) / (sigma * sqrt t)
    let d2 = d1 - sigma * sqrt t
    s * cdf d1 - k * exp (-r * t) * cdf d2

[<Test>]
let ``Black-Scholes with erf written once is verified by every source`` () =
    let d = Definition.ofInline [ "S"; "K"; "r"; "sigma"; "T" ] (fun v -> blackScholes v.[0] v.[1] v.[2] v.[3] v.[4])
    let x = [| 100.0; 95.0; 0.05; 0.2; 0.5 |]
    // The same inline code runs on floats; the definition computes the same value.
    Assert.That(AD.value d x, Is.EqualTo(blackScholes 100.0 95.0 0.05 0.2 0.5))
    assertEverySource (Verify.definition d x)
    // Delta is N(d1).
    let d1 = (log (100.0 / 95.0) + (0.05 + 0.5 * 0.2 * 0.2) * 0.5) / (0.2 * sqrt 0.5)
    let delta = 0.5 * (1.0 + AdVerify.AdMath.Erf(d1 / sqrt 2.0))
    Assert.That((AD.grad d x).[0], Is.EqualTo(delta).Within(1e-12))
    Assert.That((AD.gradForward d x).[0], Is.EqualTo(delta).Within(1e-12))
    let latex = Symbolic.expr d |> Result.map Expr.toLaTeX
    Assert.That(latex, Is.InstanceOf<Result<string, string>>())

    match latex with
    | Ok text -> Assert.That(text, Does.Contain @"\operatorname{erf}")
    | Error reason -> Assert.Fail reason

[<Test>]
let ``LaTeX and infix of the traced expression`` () =
    let e = Symbolic.expr fromInline
    Assert.That(e |> Result.map Expr.toInfix, Is.EqualTo(Ok "log(x*y) + sin(z)": Result<string, string>))
    Assert.That(e |> Result.map Expr.toLaTeX, Is.EqualTo(Ok @"\ln\left(x y\right) + \sin\left(z\right)": Result<string, string>))
    let dx = e |> Result.map (Symbolic.diff "x" >> Expr.toLaTeX)
    Assert.That(dx, Is.EqualTo(Ok @"\frac{1}{x}": Result<string, string>))
    // Math.PI in a quotation stays π.
    let circle = Definition.ofQuotation <@ fun r -> Math.PI * r * r @>
    Assert.That(Symbolic.expr circle |> Result.map Expr.toLaTeX, Is.EqualTo(Ok @"\pi r^{2}": Result<string, string>))

/// |x|·y written with a branch on x, as an inline function and as a quotation.
let inline private absTimes x y = (if x > AD.lift 0.0 then x else -x) * y

[<Test>]
let ``a branch on a value gives the concretization message and is traced at each point`` () =
    for d in [ Definition.ofInline [ "x"; "y" ] (fun v -> absTimes v.[0] v.[1])
               Definition.ofQuotation <@ fun x y -> (if x > 0.0 then x else -x) * y @> ] do
        Assert.That(d.Written, Is.Null)

        match Symbolic.expr d with
        | Ok e -> Assert.Fail(sprintf "traced symbolically as %s" (Expr.toInfix e))
        | Error reason -> Assert.That(reason, Does.Contain("comparison").And.Contain("depends on a value").And.Contain("traced at each point"))

        let ex = throws<ConcretizationException> (fun () -> d.ToExpr() |> ignore)
        Assert.That(ex.Message, Does.Contain("depends on the value of a traced variable").And.Contain("Trace it at a point"))
        // Every engine follows the branch taken at the point.
        closeAll [| 3.0; 2.0 |] (AD.grad d [| 2.0; 3.0 |])
        closeAll [| -3.0; 2.0 |] (AD.grad d [| -2.0; 3.0 |])
        closeAll [| -3.0; 2.0 |] (AD.gradForward d [| -2.0; 3.0 |])
        close 6.0 (AD.value d [| -2.0; 3.0 |])
        Assert.That(AD.hessian d [| -2.0; 3.0 |], Is.EqualTo(array2D [ [ 0.0; -1.0 ]; [ -1.0; 0.0 ] ]))
        let r = Verify.definitionClaim (fun v -> [| -v.[1]; -v.[0] |]) d [ -2.0; 3.0 ]
        Assert.That(r.Verdict, Is.EqualTo Verdict.Consistent, r.Message)
        Assert.That(r.Gradient.Keys, Does.Contain(Sources.Forward).And.Contain(Sources.Reverse).And.Contain(Sources.Claimed))
        let wrong = Verify.definitionClaim (fun v -> [| v.[1]; -v.[0] |]) d [ -2.0; 3.0 ]
        Assert.That(wrong.Verdict, Is.EqualTo Verdict.Discrepancy, wrong.Message)

/// The seed function as an object expression: the engines run it on their own numbers directly.
let private handWritten =
    { new IScalarFunction with
        member _.Invoke<'T when 'T :> IFloatingPointIeee754<'T>>(x: ReadOnlySpan<'T>) : 'T = f x.[0] x.[1] x.[2] }

[<Test>]
let ``an object expression implementing IScalarFunction is a definition too`` () =
    let d = Definition.ofFunction [ "x"; "y"; "z" ] handWritten
    Assert.That(d.Written, Is.Null)
    assertEverySource (Verify.definition d at)
    Assert.That(Symbolic.expr d |> Result.map Expr.toInfix, Is.EqualTo(Ok "log(x*y) + sin(z)": Result<string, string>))
    closeAll (AD.grad fromInline [| 2.0; 3.0; 1.0 |]) (AD.grad d [| 2.0; 3.0; 1.0 |])

[<Test>]
let ``text and opaque functions are definitions`` () =
    match Definition.parse "log(x*y) + sin(z)" with
    | Ok d -> assertEverySource (Verify.definition d at)
    | Error message -> Assert.Fail message

    match Definition.parse "log(x*" with
    | Ok _ -> Assert.Fail "parsed"
    | Error message -> Assert.That(message, Does.Contain "^")

    let opaque = Definition.opaque [ "x" ] (fun x -> x.[0] * x.[0])
    let r = Verify.definitionClaim (fun x -> [| 2.0 * x.[0] |]) opaque [ 3.0 ]
    Assert.That(r.Verdict, Is.EqualTo Verdict.Consistent, r.Message)
    Assert.That(Symbolic.expr opaque |> Result.isError, Is.True)

[<Test>]
let ``bad names and too few names are clear errors`` () =
    let e = throws<ArgumentException> (fun () -> Definition.ofInline [ "x"; "y" ] (fun v -> f v.[0] v.[1] v.[2]) |> ignore)
    Assert.That(e.Message, Does.Contain("past the 2").And.Contain("x, y"))
    let e = throws<ArgumentException> (fun () -> Definition.ofInline [ "x"; "x" ] (fun v -> v.[0] * v.[1]) |> ignore)
    Assert.That(e.Message, Does.Contain "given twice")
    let e = throws<ArgumentException> (fun () -> Definition.ofInline [ "pi" ] (fun v -> v.[0]) |> ignore)
    Assert.That(e.Message, Does.Contain "'pi' is not a usable variable name")
    let e = throws<ArgumentException> (fun () -> Definition.vectorOfInline [ "x" ] (fun v -> [| v.[0]; v.[1] |]) |> ignore)
    Assert.That(e.Message, Does.Contain "past the 1")
    Assert.That((Verify.definition fromInline [ 1.0 ]).Verdict, Is.EqualTo Verdict.Error)

[<Test>]
let ``the C# type and the F# module of the same name mix`` () =
    let fromCSharp = Definition.Of(handWritten, "x", "y", "z")
    let fromFSharp = Definition.ofFunction [ "x"; "y"; "z" ] handWritten
    same (Definition.variables fromCSharp) (Definition.variables fromFSharp)
