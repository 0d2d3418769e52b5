module AdVerify.FSharp.Tests.ReadmeSnippet

open System.IO
open NUnit.Framework
open AdVerify.FSharp.Tests.Support

// BEGIN README
open AdVerify.Expressions
open AdVerify.Verification
open AdVerify.FSharp

// 1. A quotation becomes a canonical expression; parameters become symbols.
let e = Quotation.toExpr <@ fun x y z -> log (x * y) + sin z @>
let dx = Symbolic.diff "x" e // 1/x
let value = Symbolic.eval [ "x", 2.0; "y", 3.0; "z", 1.0 ] e

// 2. One inline definition runs in forward and in reverse mode.
let inline f x y z = log (x * y) + sin z
let forward = AD.gradForward (fun v -> f v.[0] v.[1] v.[2]) [| 2.0; 3.0; 1.0 |]
let reverse = AD.grad (fun v -> f v.[0] v.[1] v.[2]) [| 2.0; 3.0; 1.0 |]

// 3. Nested derivatives cannot confuse perturbations: d/dx [x * d/dy (x + y)] = 1.
let one = AD.derivative (fun x -> x * AD.derivative (fun y -> AD.constant x + y) x) 2.0

// 4. The verifier cross-checks every engine, and catches a wrong claim.
let ok = Verify.quotation <@ fun x y z -> log (x * y) + sin z @> [ 2.0; 3.0; 1.0 ]
let wrong = Verify.quotationClaim [ "x", <@ fun x y z -> 1.0 / y @> ] <@ fun x y z -> log (x * y) + sin z @> [ 2.0; 3.0; 1.0 ]

// 5. Parsing returns a Result; printing gives infix text and LaTeX.
let parsed = Expr.parse "x^2 + sin(x)" |> Result.map (Symbolic.diff "x" >> Expr.toInfix)
let latex = Expr.toLaTeX dx
// END README

[<Test>]
let ``the README snippet computes what the README says`` () =
    Assert.That(Infix.Format dx, Is.EqualTo "1/x")
    Assert.That(value, Is.EqualTo(log 6.0 + sin 1.0).Within(1e-12))
    closeAll [| 0.5; 1.0 / 3.0; cos 1.0 |] forward
    closeAll forward reverse
    Assert.That(one, Is.EqualTo 1.0)
    Assert.That(ok.Verdict, Is.EqualTo Verdict.Consistent)
    Assert.That(wrong.Verdict, Is.EqualTo Verdict.Discrepancy)
    Assert.That(parsed, Is.EqualTo(Ok "2*x + cos(x)": Result<string, string>))
    Assert.That(latex, Is.EqualTo @"\frac{1}{x}")

let private between (text: string) =
    let lines = text.Replace("\r\n", "\n").Split('\n')
    let start = lines |> Array.findIndex (fun l -> l.Trim() = "// BEGIN README")
    let stop = lines |> Array.findIndex (fun l -> l.Trim() = "// END README")
    lines.[start + 1 .. stop - 1] |> String.concat "\n"

let private fenced (readme: string) =
    let lines = readme.Replace("\r\n", "\n").Split('\n')
    let start = lines |> Array.findIndex (fun l -> l.Trim() = "```fsharp")
    let stop = lines |> Array.findIndexBack (fun l -> l.Trim() = "```")
    lines.[start + 1 .. stop - 1] |> String.concat "\n"

[<Test>]
let ``the README shows exactly this snippet`` () =
    let dir = TestContext.CurrentContext.TestDirectory
    let snippet = between (File.ReadAllText(Path.Combine(dir, "ReadmeSnippet.fs")))
    let readme = fenced (File.ReadAllText(Path.Combine(dir, "README.md")))
    Assert.That(readme, Is.EqualTo snippet)
