namespace AdVerify.FSharp

open AdVerify.Expressions

/// <summary>
/// Curried, option- and result-returning helpers over <see cref="T:AdVerify.Expressions.Expr"/>:
/// parsing, building from quotations, and printing as infix text or LaTeX. With both
/// <c>AdVerify.Expressions</c> and <c>AdVerify.FSharp</c> open, <c>Expr.parse</c> reaches this
/// module while <c>Expr.Symbol</c> still reaches the C# type.
/// </summary>
[<RequireQualifiedAccess>]
module Expr =

    /// <summary>Parses infix text, returning the error message (with a caret under the problem) instead of throwing.</summary>
    /// <param name="text">Infix text such as <c>log(x*y) + sin(z)</c>.</param>
    /// <returns><c>Ok</c> with the canonical expression, or <c>Error</c> with a three-line message.</returns>
    let parse (text: string) : Result<Expr, string> =
        match Infix.TryParse(text) with
        | true, result, _ when not (isNull result) -> Ok(nonNull result)
        | _, _, error ->
            match error with
            | null -> Error(sprintf "'%s' is not a valid expression" text)
            | e -> Error(e.FormatWithCaret())

    /// <summary>Parses infix text, returning <c>None</c> when it is not a valid expression.</summary>
    /// <param name="text">Infix text.</param>
    /// <returns>The canonical expression, if the text parses.</returns>
    let tryParse (text: string) : Expr option =
        match parse text with
        | Ok e -> Some e
        | Error _ -> None

    /// <summary>Translates a quotation of a lambda into an expression; see <c>Quotation.toExpr</c>.</summary>
    /// <param name="quotation">For example <c>&lt;@ fun x y z -> log (x * y) + sin z @&gt;</c>.</param>
    /// <returns>The canonical expression.</returns>
    let ofQuotation (quotation: FSharp.Quotations.Expr) : Expr = Quotation.toExpr quotation

    /// <summary>A variable of the given name.</summary>
    /// <param name="name">The name: a letter or underscore followed by letters, digits or underscores.</param>
    /// <returns>The symbol.</returns>
    let symbol (name: string) : Expr = Expr.Symbol name

    /// <summary>A number; the double is converted exactly.</summary>
    /// <param name="value">A finite double.</param>
    /// <returns>The number node.</returns>
    let number (value: float) : Expr = Expr.Number(value: float)

    /// <summary>The expression as infix text that <c>Expr.parse</c> reads back to the same expression.</summary>
    /// <param name="expr">The expression.</param>
    /// <returns>Text such as <c>log(x*y) + sin(z)</c>.</returns>
    let toInfix (expr: Expr) : string = Infix.Format expr

    /// <summary>The expression typeset as LaTeX math-mode text.</summary>
    /// <param name="expr">The expression.</param>
    /// <returns>Text such as <c>\frac{1}{x}</c>.</returns>
    let toLaTeX (expr: Expr) : string = LaTeX.Format expr

    /// <summary>The variables the expression depends on, sorted by name.</summary>
    /// <param name="expr">The expression.</param>
    /// <returns>The variable names.</returns>
    let variables (expr: Expr) : string list = List.ofSeq expr.Variables
