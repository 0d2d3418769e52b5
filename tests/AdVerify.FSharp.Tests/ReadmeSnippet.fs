module AdVerify.FSharp.Tests.ReadmeSnippet

open System.IO
open NUnit.Framework
open AdVerify.FSharp.Tests.Support

// BEGIN README
open AdVerify.Expressions
open AdVerify.Verification
open AdVerify.FSharp

// 1. Write the function once, as an inline function or as a quotation: both become the same
//    definition (the computation as written, variables in your order).
let inline f x y z = log (x * y) + sin z
let seed = Definition.ofInline [ "x"; "y"; "z" ] (fun v -> f v.[0] v.[1] v.[2])
let quoted = Definition.ofQuotation <@ fun x y z -> log (x * y) + sin z @>

// 2. Every facade takes it: value, gradients in both modes, Hessian, Hessian-vector product.
let at = [| 2.0; 3.0; 1.0 |]
let value = AD.value seed at
let forward = AD.gradForward seed at
let reverse = AD.grad quoted at
let hessian = AD.hessianReverse seed at
let hv = AD.hvp seed at [| 1.0; 0.0; 0.0 |]

// 3. The symbolic engine gets the traced expression: infix, LaTeX, derivatives.
let latex = Symbolic.expr seed |> Result.map Expr.toLaTeX // Ok "\ln\left(x y\right) + \sin\left(z\right)"
let dx = Symbolic.expr seed |> Result.map (Symbolic.diff "x" >> Expr.toInfix) // Ok "1/x"

// 4. The verifier runs every source (forward, reverse, symbolic, complex step, finite
//    differences) and catches a wrong hand-written gradient.
let ok = Verify.definitionClaim (fun v -> [| 1.0 / v.[0]; 1.0 / v.[1]; cos v.[2] |]) seed at
let wrong = Verify.definitionClaim (fun v -> [| 1.0 / v.[1]; 1.0 / v.[1]; cos v.[2] |]) seed at

// 5. Black–Scholes with erf, written once: generic inline code lifts constants with AD.lift,
//    so the same code also runs on floats.
let inline blackScholes s k r sigma t =
    let cdf x = AD.lift 0.5 * (AD.lift 1.0 + erf (x / sqrt (AD.lift 2.0)))
    let d1 = (log (s / k) + (r + sigma * sigma / AD.lift 2.0) * t) / (sigma * sqrt t)
    s * cdf d1 - k * exp (-r * t) * cdf (d1 - sigma * sqrt t)

let call = Definition.ofInline [ "S"; "K"; "r"; "sigma"; "T" ] (fun v -> blackScholes v.[0] v.[1] v.[2] v.[3] v.[4])
let greeks = Verify.definition call [ 100.0; 95.0; 0.05; 0.2; 0.5 ] // every source agrees
let price = blackScholes 100.0 95.0 0.05 0.2 0.5

// 6. Nested derivatives cannot confuse perturbations: d/dx [x * d/dy (x + y)] = 1.
let one = AD.derivative (fun x -> x * AD.derivative (fun y -> AD.constant x + y) x) 2.0

printfn "%A: ∂f/∂x = %g; %A: %s" ok.Verdict reverse.[0] wrong.Verdict wrong.Message
// END README

[<Test>]
let ``the README snippet computes what the README says`` () =
    close (log 6.0 + sin 1.0) value
    closeAll [| 0.5; 1.0 / 3.0; cos 1.0 |] forward
    closeAll forward reverse
    close -0.25 hessian.[0, 0]
    closeAll [| -0.25; 0.0; 0.0 |] hv
    Assert.That(latex, Is.EqualTo(Ok @"\ln\left(x y\right) + \sin\left(z\right)": Result<string, string>))
    Assert.That(dx, Is.EqualTo(Ok "1/x": Result<string, string>))
    Assert.That(ok.Verdict, Is.EqualTo Verdict.Consistent, ok.Message)
    Assert.That(wrong.Verdict, Is.EqualTo Verdict.Discrepancy)
    Assert.That(greeks.Verdict, Is.EqualTo Verdict.Consistent, greeks.Message)
    Assert.That(greeks.Gradient.Keys, Does.Contain(Sources.Symbolic).And.Contain(Sources.ComplexStep))
    Assert.That(AD.value call [| 100.0; 95.0; 0.05; 0.2; 0.5 |], Is.EqualTo price)
    Assert.That(one, Is.EqualTo 1.0)

let private between (text: string) =
    let lines = text.Replace("\r\n", "\n").Split('\n')
    let start = lines |> Array.findIndex (fun l -> l.Trim() = "// BEGIN README")
    let stop = lines |> Array.findIndex (fun l -> l.Trim() = "// END README")
    lines.[start + 1 .. stop - 1] |> String.concat "\n"

let private fenced (readme: string) =
    let lines = readme.Replace("\r\n", "\n").Split('\n')
    let start = lines |> Array.findIndex (fun l -> l.Trim() = "```fsharp")
    let stop = start + 1 + (lines.[start + 1 ..] |> Array.findIndex (fun l -> l.Trim() = "```"))
    lines.[start + 1 .. stop - 1] |> String.concat "\n"

[<Test>]
let ``the package README and the repository README show exactly this snippet`` () =
    let dir = TestContext.CurrentContext.TestDirectory
    let snippet = between (File.ReadAllText(Path.Combine(dir, "ReadmeSnippet.fs")))
    Assert.That(fenced (File.ReadAllText(Path.Combine(dir, "README.md"))), Is.EqualTo snippet)
    Assert.That(fenced (File.ReadAllText(Path.Combine(dir, "RepositoryREADME.md"))), Is.EqualTo snippet)
