namespace AdVerify.FSharp

open System
open System.Globalization
open System.IO
open System.Reflection
open FSharp.Quotations.Patterns
open FSharp.Quotations.DerivedPatterns
open AdVerify.Expressions

/// <summary>
/// Raised when an F# quotation uses a construct that has no counterpart in the expression
/// language (for example <c>floor</c>, <c>if … then … else</c> or a call of an ordinary .NET
/// method). The message names the construct, shows its quotation text and, when the compiler
/// recorded one, its source position.
/// </summary>
type UnsupportedQuotationException
    /// <summary>Creates the exception for one unsupported construct.</summary>
    /// <param name="construct">A short description of the construct.</param>
    /// <param name="location">Its source range, when known.</param>
    /// <param name="text">The quotation text of the offending node.</param>
    (construct: string, location: string option, text: string) =
    inherit NotSupportedException(
        let where =
            match location with
            | Some l -> " at " + l
            | None -> ""

        sprintf "The quotation uses %s%s, which cannot become an AdVerify expression: %s" construct where text
    )

    /// <summary>A short description of the unsupported construct, for example <c>a call of Math.Floor</c>.</summary>
    member _.Construct: string = construct

    /// <summary>The source range of the construct as <c>file(line,column)-(line,column)</c>, when the compiler recorded one.</summary>
    member _.Location: string option = location

    /// <summary>The quotation text of the offending node (shortened when very long).</summary>
    member _.Text: string = text

/// <summary>
/// Conversion of F# quotations such as <c>&lt;@ fun x y z -> log (x * y) + sin z @&gt;</c>
/// into canonical AdVerify expressions. Lambda parameters (curried or tupled) become symbols
/// of the same names; arithmetic, float and int literals, the F# math functions, <c>Math.X</c>
/// calls, let-bindings (including local functions), captured values, static numeric fields and
/// properties (module-level constants, <c>Math.PI</c>) and calls of <c>[&lt;ReflectedDefinition&gt;]</c>
/// functions are translated; anything else raises <see cref="T:AdVerify.FSharp.UnsupportedQuotationException"/>.
/// </summary>
[<RequireQualifiedAccess>]
module Quotation =

    type private Binding =
        | Bound of Expr
        | Closure of FSharp.Quotations.Var list list * FSharp.Quotations.Expr * Map<FSharp.Quotations.Var, Binding>

    let private maxText = 200

    let private shorten (text: string) =
        let oneLine = text.Replace("\r", " ").Replace("\n", " ")
        if oneLine.Length <= maxText then oneLine else oneLine.Substring(0, maxText) + "…"

    let private locationOf (q: FSharp.Quotations.Expr) =
        q.CustomAttributes
        |> List.tryPick (function
            | NewTuple [ String "DebugRange"; NewTuple [ String file; Int32 startLine; Int32 startColumn; Int32 endLine; Int32 endColumn ] ] ->
                Some(sprintf "%s(%d,%d)-(%d,%d)" (Path.GetFileName file) startLine startColumn endLine endColumn)
            | _ -> None)

    let private fail construct (location: string option) (q: FSharp.Quotations.Expr) : 'a =
        raise (UnsupportedQuotationException(construct, location, shorten (string q)))

    /// The name of the quotation node kind, for messages: the first word of its printed form.
    let private kindOf (q: FSharp.Quotations.Expr) =
        let text = string q
        let stop = text.IndexOfAny([| ' '; '('; '\n' |])
        let kind = if stop > 0 then text.Substring(0, stop) else text

        match q with
        | IfThenElse _ -> "if-then-else"
        | Sequential _ -> "a sequence of expressions"
        | WhileLoop _
        | ForIntegerRangeLoop _ -> "a loop"
        | LetRecursive _ -> "a recursive let-binding"
        | NewTuple _ -> "a tuple"
        | Lambda _ -> "a function value (lambda) where a number is expected"
        | _ -> sprintf "a %s node" kind

    let private fsharpOperators = "Microsoft.FSharp.Core.Operators"

    let private isIntegral (t: Type) =
        t = typeof<int> || t = typeof<int64> || t = typeof<int16> || t = typeof<sbyte>
        || t = typeof<uint32> || t = typeof<uint64> || t = typeof<uint16> || t = typeof<byte>
        || t = typeof<bigint>

    let private isNumeric (t: Type) =
        t = typeof<float> || t = typeof<float32> || t = typeof<decimal> || isIntegral t

    let private decimalText (text: string) location q =
        let negative = text.StartsWith("-", StringComparison.Ordinal)
        let digits = if negative then text.Substring 1 else text

        match Rational.TryParseDecimal(digits.AsSpan(), Infix.MaxExponent) with
        | true, value ->
            let n = Expr.Number(value: Rational)
            if negative then Expr.Negate n else n
        | _ -> fail (sprintf "the number literal %s" text) location q

    let private floatLiteral (d: float) location q =
        if Double.IsNaN d || Double.IsInfinity d then
            fail (sprintf "the non-finite number %s" (d.ToString(CultureInfo.InvariantCulture))) location q
        elif d = Math.PI then Expr.Pi
        elif d = -Math.PI then Expr.Negate Expr.Pi
        elif d = Math.Tau then Expr.Multiply(Expr.Two, Expr.Pi)
        elif d = Math.E then Expr.E
        else decimalText (d.ToString("R", CultureInfo.InvariantCulture)) location q

    let private numberOf (value: obj | null) location q : Expr =
        match value with
        | :? float as d -> floatLiteral d location q
        | :? float32 as f ->
            if Single.IsNaN f || Single.IsInfinity f then floatLiteral (float f) location q
            else decimalText (f.ToString("R", CultureInfo.InvariantCulture)) location q
        | :? decimal as m -> decimalText (m.ToString(CultureInfo.InvariantCulture)) location q
        | :? int as i -> Expr.Number(i: int)
        | :? int64 as i -> Expr.Number(bigint i)
        | :? int16 as i -> Expr.Number(int i)
        | :? sbyte as i -> Expr.Number(int i)
        | :? byte as i -> Expr.Number(int i)
        | :? uint16 as i -> Expr.Number(int i)
        | :? uint32 as i -> Expr.Number(bigint i)
        | :? uint64 as i -> Expr.Number(bigint i)
        | :? bigint as i -> Expr.Number(i: bigint)
        | null -> fail "a null value" location q
        | other -> fail (sprintf "a value of type %s" (other.GetType().Name)) location q

    let private call (f: FunctionInfo) (args: Expr list) = Expr.Call(f, List.toArray args)

    /// F# core operators and functions by compiled name.
    let private operatorTable: Map<string, Expr list -> Expr> =
        let unary f = fun (args: Expr list) -> call f args

        Map.ofList
            [ "op_Addition", (fun a -> Expr.Add(a.[0], a.[1]))
              "op_Subtraction", (fun a -> Expr.Subtract(a.[0], a.[1]))
              "op_Multiply", (fun a -> Expr.Multiply(a.[0], a.[1]))
              "op_Division", (fun a -> Expr.Divide(a.[0], a.[1]))
              "op_UnaryNegation", (fun a -> Expr.Negate a.[0])
              "op_UnaryPlus", (fun a -> a.[0])
              "op_Exponentiation", (fun a -> Expr.Pow(a.[0], a.[1]))
              "PowInteger", (fun a -> Expr.Pow(a.[0], a.[1]))
              "ToDouble", (fun a -> a.[0])
              "ToSingle", (fun a -> a.[0])
              "ToDecimal", (fun a -> a.[0])
              "Sqrt", unary Functions.Sqrt
              "Exp", unary Functions.Exp
              "Log", unary Functions.Log
              "Log10", unary Functions.Log10
              "Sin", unary Functions.Sin
              "Cos", unary Functions.Cos
              "Tan", unary Functions.Tan
              "Asin", unary Functions.Asin
              "Acos", unary Functions.Acos
              "Atan", unary Functions.Atan
              "Sinh", unary Functions.Sinh
              "Cosh", unary Functions.Cosh
              "Tanh", unary Functions.Tanh
              "Abs", unary Functions.Abs
              "Sign", unary Functions.Sign
              "Atan2", unary Functions.Atan2
              "Min", unary Functions.Min
              "Max", unary Functions.Max ]

    /// Static methods of System.Math, System.MathF and System.Double that name a registered function.
    let private mathCall (m: MethodInfo) (args: Expr list) : Expr option =
        match m.Name, args with
        | "Log", [ x; b ] -> Some(Expr.Divide(call Functions.Log [ x ], call Functions.Log [ b ]))
        | "Pow", [ x; y ] -> Some(Expr.Pow(x, y))
        | name, _ ->
            match Functions.TryGet(name.ToLowerInvariant()) with
            | true, NonNull f when f.Arity = List.length args -> Some(call f args)
            | _ -> None

    let private isMathType (t: Type | null) =
        match t with
        | null -> false
        | t -> t = typeof<Math> || t = typeof<MathF> || t = typeof<Double> || t = typeof<Single>

    let rec private spine (q: FSharp.Quotations.Expr) (args: FSharp.Quotations.Expr list) =
        match q with
        | Application(f, a) -> spine f (a :: args)
        | _ -> q, args

    let rec private convert (env: Map<FSharp.Quotations.Var, Binding>) (outer: string option) (q: FSharp.Quotations.Expr) : Expr =
        let location =
            match locationOf q with
            | Some l -> Some l
            | None -> outer

        let recurse = convert env location

        match q with
        | ValueWithName(value, _, _) -> numberOf value location q
        | Value(value, _) -> numberOf value location q
        | Var v ->
            match env.TryFind v with
            | Some(Bound e) -> e
            | Some(Closure _) -> fail (sprintf "the local function '%s' without all its arguments" v.Name) location q
            | None -> fail (sprintf "the free variable '%s'" v.Name) location q
        | Let(v, (Lambdas _ as lambda), body) ->
            match lambda with
            | Lambdas(groups, lambdaBody) -> convert (env.Add(v, Closure(groups, lambdaBody, env))) location body
            | _ -> fail (kindOf lambda) location lambda
        | Let(v, bound, body) -> convert (env.Add(v, Bound(recurse bound))) location body
        | Application _ ->
            match spine q [] with
            | Var f, args ->
                match env.TryFind f with
                | Some(Closure(groups, body, closureEnv)) -> apply closureEnv groups body args location q env
                | _ -> fail (sprintf "an application of '%s', which is not a local function" f.Name) location q
            | (Lambdas(groups, body)), args -> apply env groups body args location q env
            | head, _ -> fail (sprintf "an application of %s" (kindOf head)) location q
        | FieldGet(None, field) when field.IsStatic && (field.IsLiteral || field.IsInitOnly) && isNumeric field.FieldType ->
            numberOf (field.GetValue null) location q
        | PropertyGet(None, property, []) when isNumeric property.PropertyType ->
            numberOf (property.GetValue null) location q
        | Call(None, m, args) -> convertCall env location q m args
        | Coerce(inner, t) when isNumeric t && isNumeric inner.Type -> recurse inner
        | _ -> fail (kindOf q) location q

    and private apply closureEnv groups body args location q callerEnv =
        if List.length args <> List.length groups then
            fail (sprintf "a partial application (%d of %d arguments)" (List.length args) (List.length groups)) location q

        let bindings =
            List.zip groups args
            |> List.collect (fun (vars, arg) ->
                match vars, arg with
                | [ v ], _ -> [ v, arg ]
                | _, NewTuple items when List.length items = List.length vars -> List.zip vars items
                | _ -> fail "a tupled argument that is not written as a tuple" location arg)

        let env =
            bindings
            |> List.fold (fun (e: Map<_, _>) (v, arg) -> e.Add(v, Bound(convert callerEnv location arg))) closureEnv

        convert env location body

    and private convertCall env location q (m: MethodInfo) (args: FSharp.Quotations.Expr list) =
        let declaring =
            match m.DeclaringType with
            | null -> ""
            | t -> t.FullName |> Option.ofObj |> Option.defaultValue t.Name

        let converted () = args |> List.map (convert env location)

        if declaring = fsharpOperators && operatorTable.ContainsKey m.Name then
            if m.Name = "op_Division" && isIntegral q.Type then
                fail "integer division (write float operands so that / means real division)" location q
            elif m.Name.StartsWith("To", StringComparison.Ordinal) && not (isNumeric (List.head args).Type) then
                fail (sprintf "a conversion of a %s value" (List.head args).Type.Name) location q
            else
                operatorTable.[m.Name] (converted ())
        elif isMathType m.DeclaringType then
            match mathCall m (converted ()) with
            | Some e -> e
            | None ->
                let typeName = m.DeclaringType |> Option.ofObj |> Option.map (fun t -> t.Name) |> Option.defaultValue "?"
                fail (sprintf "a call of %s.%s, which has no counterpart among the registered functions" typeName m.Name) location q
        else
            let definition =
                match FSharp.Quotations.Expr.TryGetReflectedDefinition m with
                | Some d -> Some d
                | None when m.IsGenericMethod -> FSharp.Quotations.Expr.TryGetReflectedDefinition(m.GetGenericMethodDefinition())
                | None -> None

            match definition with
            | Some(Lambdas(groups, body)) when List.sumBy List.length groups = List.length args ->
                let bound =
                    List.zip (List.concat groups) args
                    |> List.fold (fun (e: Map<_, _>) (v, arg) -> e.Add(v, Bound(convert env location arg))) Map.empty

                convert bound location body
            | _ ->
                let name = if declaring = fsharpOperators then m.Name else declaring + "." + m.Name
                fail (sprintf "a call of %s (only arithmetic, the F# math functions, Math.X and [<ReflectedDefinition>] functions are supported)" name) location q

    let private symbolFor (v: FSharp.Quotations.Var) location q =
        if not (isNumeric v.Type) then
            fail (sprintf "the parameter '%s' of type %s (parameters must be numbers)" v.Name v.Type.Name) location q
        elif not (Expr.IsValidName v.Name) || Functions.ReservedNames.Contains v.Name then
            fail (sprintf "the parameter name '%s' (not a valid variable name of the expression language)" v.Name) location q
        else
            Expr.Symbol v.Name

    /// <summary>The parameter names of a quotation of a lambda, in order (curried and tupled parameters flattened).</summary>
    /// <param name="quotation">The quotation, for example <c>&lt;@ fun x y -> x * y @&gt;</c>.</param>
    /// <returns>The names, for example <c>[ "x"; "y" ]</c>; empty when the quotation is not a lambda.</returns>
    let parameters (quotation: FSharp.Quotations.Expr) : string list =
        match quotation with
        | Lambdas(groups, _) -> groups |> List.concat |> List.map (fun v -> v.Name)
        | _ -> []

    /// <summary>Translates a quotation into a canonical AdVerify expression.</summary>
    /// <param name="quotation">A quotation of a lambda (its parameters become symbols) or of a constant expression.</param>
    /// <returns>The canonical expression.</returns>
    /// <exception cref="T:AdVerify.FSharp.UnsupportedQuotationException">The quotation uses a construct the expression language lacks.</exception>
    let toExpr (quotation: FSharp.Quotations.Expr) : Expr =
        let location = locationOf quotation

        match quotation with
        | Lambdas(groups, body) ->
            let vars = List.concat groups
            let env = vars |> List.fold (fun (e: Map<_, _>) v -> e.Add(v, Bound(symbolFor v location quotation))) Map.empty
            convert env location body
        | _ -> convert Map.empty location quotation

    /// <summary>Translates a typed quotation into a canonical AdVerify expression.</summary>
    /// <param name="quotation">A typed quotation such as <c>&lt;@ fun x -> x ** 2.0 @&gt;</c>.</param>
    /// <returns>The canonical expression.</returns>
    /// <exception cref="T:AdVerify.FSharp.UnsupportedQuotationException">The quotation uses a construct the expression language lacks.</exception>
    let ofTyped (quotation: FSharp.Quotations.Expr<'T>) : Expr = toExpr quotation.Raw
