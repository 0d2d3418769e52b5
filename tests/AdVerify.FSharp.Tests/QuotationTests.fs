module AdVerify.FSharp.Tests.QuotationTests

open System
open NUnit.Framework
open AdVerify.Expressions
open AdVerify.FSharp
open AdVerify.FSharp.Tests.Support

let private parse = Infix.Parse

[<ReflectedDefinition>]
let square (t: float) = t * t

[<ReflectedDefinition>]
let hyp (a: float, b: float) = sqrt (a * a + b * b)

[<Test>]
let ``seed quotation becomes log(x*y) + sin(z)`` () =
    let e = Quotation.toExpr <@ fun x y z -> log (x * y) + sin z @>
    Assert.That(e, Is.SameAs(parse "log(x*y) + sin(z)"))
    same [ "x"; "y"; "z" ] (Quotation.parameters <@ fun x y z -> log (x * y) + sin z @>)

[<Test>]
let ``seed derivatives equal the expected expressions`` () =
    let e = Quotation.toExpr <@ fun x y z -> log (x * y) + sin z @>
    Assert.That(Symbolic.diff "x" e, Is.SameAs(parse "1/x"))
    Assert.That(Symbolic.diff "y" e, Is.SameAs(parse "1/y"))
    Assert.That(Symbolic.diff "z" e, Is.SameAs(parse "cos(z)"))
    same [ parse "1/x"; parse "1/y"; parse "cos(z)" ] (Symbolic.gradient [ "x"; "y"; "z" ] e)

[<Test>]
let ``derivative prints as infix and LaTeX`` () =
    let dz = Quotation.toExpr <@ fun x y z -> log (x * y) + sin z @> |> Symbolic.diff "z"
    Assert.That(Expr.toInfix dz, Is.EqualTo "cos(z)")
    Assert.That(Expr.toLaTeX dz, Does.Contain @"\cos")
    Assert.That(Quotation.toExpr <@ fun x -> 1.0 / x @> |> Expr.toLaTeX, Does.Contain @"\frac")

let private case (q: Quotations.Expr<'a>) (text: string) = TestCaseData(q :> Quotations.Expr, text).SetName("quotation becomes " + text)

let private cases: TestCaseData list =
    [ case <@ fun (x: float) (y: float) -> x - y / 2.0 @> "x - y/2"
      case <@ fun (x: float) -> -x @> "-x"
      case <@ fun (x: float) -> +x @> "x"
      case <@ fun (x: float) -> x ** 3.0 @> "x^3"
      case <@ fun (x: float) (y: float) -> x ** y @> "x^y"
      case <@ fun (x: float) -> pown x 3 @> "x^3"
      case <@ fun (x: float) -> pown x -2 @> "x^-2"
      case <@ fun (x: float) -> 0.1 * x @> "0.1*x"
      case <@ fun (x: float) -> 1e-8 * x + 2.5e10 @> "1e-8*x + 25000000000"
      case <@ fun (x: float) -> float 2 * x @> "2*x"
      case <@ fun (x: float) -> x + float (3 + 4) @> "x + 7"
      case <@ fun (x: float) -> Math.PI * x @> "pi*x"
      case <@ fun (x: float) -> Math.E ** x @> "e^x"
      case <@ fun (x: float) -> exp x + sqrt x + log10 x @> "exp(x) + sqrt(x) + log10(x)"
      case <@ fun (x: float) -> tan x + asin x + acos x + atan x @> "tan(x) + asin(x) + acos(x) + atan(x)"
      case <@ fun (x: float) -> sinh x + cosh x + tanh x + cos x @> "sinh(x) + cosh(x) + tanh(x) + cos(x)"
      case <@ fun (x: float) (y: float) -> abs x + float (sign y) @> "abs(x) + sign(y)"
      case <@ fun (x: float) (y: float) -> atan2 y x + min x y + max x y @> "atan2(y, x) + min(x, y) + max(x, y)"
      case <@ fun (x: float) (y: float) -> Math.Sin x + Math.Log(x, 2.0) + Math.Pow(x, y) + Math.Cbrt y @> "sin(x) + log(x)/log(2) + x^y + cbrt(y)"
      case <@ fun (x: float) (y: float) -> Math.Max(x, y) + Math.Atan2(y, x) + Math.Sqrt(Math.Abs x) @> "max(x, y) + atan2(y, x) + sqrt(abs(x))"
      case <@ fun (x: float) -> Double.Sin x + Double.Hypot(x, 1.0) @> "sin(x) + hypot(x, 1)"
      case <@ fun (x: float) (y: float) -> (let t = x * y in t + sin t) @> "x*y + sin(x*y)"
      case <@ fun (x: float) (y: float) -> (let sq t = t * t in sq x + sq y) @> "x^2 + y^2"
      case <@ fun (x: float) (y: float) -> (let f a b = a * b + a in f x y + f y 2.0) @> "x*y + x + 2*y + y"
      case <@ fun (x: float) (y: float) -> (let g (a, b) = a - b in g (x, y)) @> "x - y"
      case <@ fun (x: float) (y: float) -> (fun t -> t * 3.0) x + y @> "3*x + y"
      case <@ fun (x, y) -> x * y @> "x*y"
      case <@ fun (x: float) (y: float) -> square x + hyp (x, y) @> "x^2 + sqrt(x^2 + y^2)"
      case <@ 2.0 * Math.PI @> "2*pi" ]

[<TestCaseSource(nameof cases)>]
let ``quotation constructs translate`` (q: Quotations.Expr, expected: string) =
    Assert.That(Expr.toInfix (Quotation.toExpr q), Is.EqualTo(Expr.toInfix (parse expected)))
    Assert.That(Quotation.toExpr q, Is.SameAs(parse expected))

let quarter = 0.25

[<Test>]
let ``module-level constants become numbers`` () =
    Assert.That(Quotation.toExpr <@ fun x -> quarter * x + Double.Pi @>, Is.SameAs(parse "x/4 + pi"))

[<Test>]
let ``captured values become numbers`` () =
    let k = 0.25
    let e = Quotation.toExpr <@ fun x -> k * x @>
    Assert.That(e, Is.SameAs(parse "x/4"))

[<Test>]
let ``typed quotations translate`` () =
    let q: Quotations.Expr<float -> float> = <@ fun x -> x * x @>
    Assert.That(Quotation.ofTyped q, Is.SameAs(parse "x^2"))
    Assert.That(Expr.ofQuotation q, Is.SameAs(parse "x^2"))

let private unsupported (q: Quotations.Expr) =
    throws<UnsupportedQuotationException> (fun () -> Quotation.toExpr q |> ignore)

[<Test>]
let ``an unsupported function is named with its position`` () =
    let ex = unsupported <@ fun x -> floor x + 1.0 @>
    Assert.That(ex.Construct, Does.Contain "Floor")
    Assert.That(ex.Location.IsSome, Is.True)
    Assert.That(ex.Location.Value, Does.StartWith "QuotationTests.fs(")
    Assert.That(ex.Message, Does.Contain("Floor").And.Contain("QuotationTests.fs("))
    Assert.That(ex, Is.InstanceOf<NotSupportedException>())

[<Test>]
let ``unsupported constructs raise clear errors`` () =
    Assert.That((unsupported <@ fun (x: float) -> (for i in 1..3 do ignore i); x @>).Construct, Does.Contain "sequence")
    Assert.That((unsupported <@ fun (x: float) (s: string) -> if s.Length > 2 then x else -x @>).Construct, Does.Contain "parameter 's'")
    Assert.That((unsupported <@ fun (x: float) -> Math.Floor x @>).Construct, Does.Contain "Math.Floor")
    Assert.That((unsupported <@ fun (x: float) -> x + float (7 / 2) @>).Construct, Does.Contain "integer division")
    Assert.That((unsupported <@ fun e -> e * 2.0 @>).Construct, Does.Contain "'e'")
    Assert.That((unsupported <@ fun x -> (let sq t = t * t in sq) x @>).Construct, Does.Contain "application")
    Assert.That((unsupported <@ fun (x: float) -> float (int x) @>).Construct, Does.Contain "ToInt")
    Assert.That((unsupported <@ fun (s: string) -> s.Length |> float @>).Construct, Does.Contain "parameter 's'")
    Assert.That((unsupported <@ fun x -> nan * x @>).Construct, Does.Contain "non-finite")

[<Test>]
let ``quotation evaluates like the F# function`` () =
    let e = Quotation.toExpr <@ fun x y z -> log (x * y) + sin z @>
    close (log 6.0 + sin 1.0) (Symbolic.eval [ "x", 2.0; "y", 3.0; "z", 1.0 ] e)
    let f = Symbolic.compile [ "x"; "y"; "z" ] e
    close (log 6.0 + sin 1.0) (f [| 2.0; 3.0; 1.0 |])

[<Test>]
let ``a branch on a value cannot become one expression`` () =
    let ex = throws<AdVerify.Definitions.ConcretizationException> (fun () -> Quotation.toExpr <@ fun x -> if x > 0.0 then x else -x @> |> ignore)
    Assert.That(ex.Operation, Does.Contain("the comparison >").And.Contain("QuotationTests.fs("))
    Assert.That(ex.Message, Does.Contain "Trace it at a point")

[<Test>]
let ``a branch on a constant is taken while tracing`` () =
    Assert.That(Quotation.toExpr <@ fun x -> if 2.0 > 1.0 && not (quarter > 1.0) then x * x else x @>, Is.SameAs(parse "x^2"))
