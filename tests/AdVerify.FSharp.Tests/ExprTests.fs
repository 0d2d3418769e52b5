module AdVerify.FSharp.Tests.ExprTests

open NUnit.Framework
open AdVerify.Expressions
open AdVerify.FSharp
open AdVerify.FSharp.Tests.Support

[<Test>]
let ``parse returns Ok or an error with a caret`` () =
    match Expr.parse "log(x*y) + sin(z)" with
    | Ok e -> Assert.That(e, Is.SameAs(Infix.Parse "log(x*y) + sin(z)"))
    | Error message -> Assert.Fail message

    match Expr.parse "x + * y" with
    | Ok e -> Assert.Fail(sprintf "parsed %s" (Expr.toInfix e))
    | Error message -> Assert.That(message, Does.Contain("^").And.Contain("x + * y"))

[<Test>]
let ``tryParse gives options`` () =
    Assert.That(Expr.tryParse "sin(x" |> Option.isNone, Is.True)
    Assert.That(Expr.tryParse "x^2" |> Option.map Expr.toInfix, Is.EqualTo(Some "x^2"))

[<Test>]
let ``C# type members and the F# module mix`` () =
    let e = Expr.Symbol "x" * Expr.symbol "y" + Expr.number 0.5
    Assert.That(Expr.toInfix e, Is.EqualTo "x*y + 1/2")
    same [ "x"; "y" ] (Expr.variables e)

[<Test>]
let ``symbolic helpers compose with pipes`` () =
    let e = Expr.tryParse "x^3*y" |> Option.get
    let dxx = e |> Symbolic.diff "x" |> Symbolic.diff "x"
    Assert.That(dxx, Is.SameAs(Infix.Parse "6*x*y"))
    close 36.0 (Symbolic.eval [ "x", 2.0; "y", 3.0 ] dxx)
    let h = Symbolic.hessian [ "x"; "y" ] e
    Assert.That(h.[0, 1], Is.SameAs(Infix.Parse "3*x^2"))

[<Test>]
let ``tryEval reports domain problems`` () =
    let e = Expr.tryParse "log(x)" |> Option.get
    Assert.That(Symbolic.tryEval [ "x", -1.0 ] e |> Result.isError, Is.True)
    Assert.That(Symbolic.tryEval [ "x", 1.0 ] e, Is.EqualTo(Ok 0.0: Result<float, AdVerify.Symbolic.DomainIssue>))

[<Test>]
let ``a point naming a variable twice is rejected`` () =
    let e = Expr.symbol "x"
    throws<System.ArgumentException> (fun () -> Symbolic.eval [ "x", 1.0; "x", 2.0 ] e |> ignore) |> ignore
