namespace AdVerify.FSharp

open System
open System.Globalization
open System.IO
open System.Reflection
open FSharp.Quotations.Patterns
open FSharp.Quotations.DerivedPatterns
open AdVerify.Expressions
open AdVerify.Definitions

/// <summary>
/// Raised when an F# quotation uses a construct that has no counterpart in the expression
/// language (for example <c>floor</c>, a loop or a call of an ordinary .NET method). The message names the construct, shows its quotation text and, when the compiler
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
/// Conversion of F# quotations such as <c>&lt;@ fun x y z -> log (x * y) + sin z @&gt;</c> into
/// AdVerify definitions and expressions. The quotation is run on the tracing scalar
/// <see cref="T:AdVerify.Definitions.Traced"/>, so it becomes the computation it writes, in the
/// author's order and grouping, with the lambda's parameters (curried or tupled) as its variables
/// in the lambda's order. Translated: arithmetic, float and int literals (read as the decimal
/// written, so <c>0.1</c> is 1/10), the F# math functions, <c>Math.X</c> calls that name a
/// registered function, <c>Math.PI</c>/<c>Math.E</c> (exactly π and e), let-bindings including
/// local functions, captured values, static numeric fields and properties, calls of
/// <c>[&lt;ReflectedDefinition&gt;]</c> functions, and <c>if … then … else</c> on comparisons of
/// numbers (a value-dependent branch: the definition is then traced at each point). Anything else
/// raises <see cref="T:AdVerify.FSharp.UnsupportedQuotationException"/>.
/// </summary>
[<RequireQualifiedAccess>]
module Quotation =

    type private Binding =
        | Bound of Traced
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

    /// A literal or captured number as a constant step: π and e stay exact, and a double stands for
    /// its shortest round-trip decimal (so 0.1 is 1/10), as the parser reads it.
    let private constant (d: float) location q : Traced =
        if Double.IsNaN d || Double.IsInfinity d then
            fail (sprintf "the non-finite number %s" (d.ToString(CultureInfo.InvariantCulture))) location q
        elif d = Math.PI then Traced.Pi
        elif d = -Math.PI then -Traced.Pi
        elif d = Math.Tau then Traced.Tau
        elif d = Math.E then Traced.E
        else Traced.Lift d

    let private numberOf (value: obj | null) location q : Traced =
        match value with
        | :? float as d -> constant d location q
        | :? float32 as f -> constant (float f) location q
        | :? decimal as m -> constant (float m) location q
        | :? int as i -> constant (float i) location q
        | :? int64 as i -> constant (float i) location q
        | :? int16 as i -> constant (float i) location q
        | :? sbyte as i -> constant (float i) location q
        | :? byte as i -> constant (float i) location q
        | :? uint16 as i -> constant (float i) location q
        | :? uint32 as i -> constant (float i) location q
        | :? uint64 as i -> constant (float i) location q
        | :? bigint as i -> constant (float i) location q
        | null -> fail "a null value" location q
        | other -> fail (sprintf "a value of type %s" (other.GetType().Name)) location q

    let private call (f: FunctionInfo) (args: Traced list) =
        match args with
        | [ x ] -> Traced.Apply(f, x)
        | [ x; y ] -> Traced.Apply(f, x, y)
        | _ -> invalidOp (sprintf "%s takes %d argument(s), not %d" f.Name f.Arity (List.length args))

    /// F# core operators and functions by compiled name.
    let private operatorTable: Map<string, Traced list -> Traced> =
        let registry f = fun (args: Traced list) -> call f args

        Map.ofList
            [ "op_Addition", (fun a -> a.[0] + a.[1])
              "op_Subtraction", (fun a -> a.[0] - a.[1])
              "op_Multiply", (fun a -> a.[0] * a.[1])
              "op_Division", (fun a -> a.[0] / a.[1])
              "op_UnaryNegation", (fun a -> -a.[0])
              "op_UnaryPlus", (fun a -> a.[0])
              "op_Exponentiation", (fun a -> Traced.Pow(a.[0], a.[1]))
              "PowInteger", (fun a -> Traced.Pow(a.[0], a.[1]))
              "ToDouble", (fun a -> a.[0])
              "ToSingle", (fun a -> a.[0])
              "ToDecimal", (fun a -> a.[0])
              "Sqrt", registry Functions.Sqrt
              "Exp", registry Functions.Exp
              "Log", registry Functions.Log
              "Log10", registry Functions.Log10
              "Sin", registry Functions.Sin
              "Cos", registry Functions.Cos
              "Tan", registry Functions.Tan
              "Asin", registry Functions.Asin
              "Acos", registry Functions.Acos
              "Atan", registry Functions.Atan
              "Sinh", registry Functions.Sinh
              "Cosh", registry Functions.Cosh
              "Tanh", registry Functions.Tanh
              "Abs", registry Functions.Abs
              "Sign", registry Functions.Sign
              "Atan2", registry Functions.Atan2
              "Min", registry Functions.Min
              "Max", registry Functions.Max ]

    /// Comparisons of numbers by compiled name, with the symbol used in messages.
    let private comparisons: Map<string, string * (Traced -> Traced -> bool)> =
        Map.ofList
            [ "op_LessThan", ("<", (fun a b -> Traced.op_LessThan(a, b)))
              "op_GreaterThan", (">", (fun a b -> Traced.op_GreaterThan(a, b)))
              "op_LessThanOrEqual", ("<=", (fun a b -> Traced.op_LessThanOrEqual(a, b)))
              "op_GreaterThanOrEqual", (">=", (fun a b -> Traced.op_GreaterThanOrEqual(a, b)))
              "op_Equality", ("=", (fun a b -> Traced.op_Equality(a, b)))
              "op_Inequality", ("<>", (fun a b -> Traced.op_Inequality(a, b))) ]

    /// Static methods of System.Math, System.MathF and System.Double that name a registered function.
    let private mathCall (m: MethodInfo) (args: Traced list) : Traced option =
        match m.Name, args with
        | "Log", [ x; b ] -> Some(call Functions.Log [ x ] / call Functions.Log [ b ])
        | "Pow", [ x; y ] -> Some(Traced.Pow(x, y))
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

    let rec private convert (env: Map<FSharp.Quotations.Var, Binding>) (outer: string option) (q: FSharp.Quotations.Expr) : Traced =
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
        | IfThenElse(condition, whenTrue, whenFalse) ->
            if test env location condition then recurse whenTrue else recurse whenFalse
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

    /// A condition: comparisons of numbers joined by &&, || and not (a closed condition is simply
    /// evaluated). A comparison of traced values needs values, so a symbolic trace stops there with
    /// a ConcretizationException naming it and its position.
    and private test env location (q: FSharp.Quotations.Expr) : bool =
        match q with
        | Bool b -> b
        | _ when Seq.isEmpty (q.GetFreeVars()) ->
            // A closed condition (constants, captured values) does not depend on the inputs: evaluate it.
            match FSharp.Linq.RuntimeHelpers.LeafExpressionConverter.EvaluateQuotation q with
            | :? bool as b -> b
            | _ -> fail (sprintf "the condition %s (not a bool)" (kindOf q)) location q
        | AndAlso(a, b) -> test env location a && test env location b
        | OrElse(a, b) -> test env location a || test env location b
        | IfThenElse(c, a, b) -> if test env location c then test env location a else test env location b
        | Call(None, m, [ a ]) when m.Name = "Not" -> not (test env location a)
        | Call(None, m, [ a; b ]) when comparisons.ContainsKey m.Name && isNumeric a.Type && isNumeric b.Type ->
            let symbol, compare = comparisons.[m.Name]
            let x = convert env location a
            let y = convert env location b

            try
                compare x y
            with :? ConcretizationException ->
                let where =
                    match location with
                    | Some l -> " at " + l
                    | None -> ""

                raise (ConcretizationException(sprintf "the comparison %s in %s%s" symbol (shorten (string q)) where))
        | _ -> fail (sprintf "the condition %s (only comparisons of numbers joined by &&, || and not are supported)" (kindOf q)) location q

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

    let private checkParameter location q (v: FSharp.Quotations.Var) =
        if not (isNumeric v.Type) then
            fail (sprintf "the parameter '%s' of type %s (parameters must be numbers)" v.Name v.Type.Name) location q
        elif not (Expr.IsValidName v.Name) || Functions.ReservedNames.Contains v.Name then
            fail (sprintf "the parameter name '%s' (not a valid variable name of the expression language)" v.Name) location q

    /// <summary>The parameter names of a quotation of a lambda, in order (curried and tupled parameters flattened).</summary>
    /// <param name="quotation">The quotation, for example <c>&lt;@ fun x y -> x * y @&gt;</c>.</param>
    /// <returns>The names, for example <c>[ "x"; "y" ]</c>; empty when the quotation is not a lambda.</returns>
    let parameters (quotation: FSharp.Quotations.Expr) : string list =
        match quotation with
        | Lambdas(groups, _) -> groups |> List.concat |> List.map (fun v -> v.Name)
        | _ -> []

    /// The quotation as its parameter names and an F# function on the tracing scalar that runs it.
    let internal trace (quotation: FSharp.Quotations.Expr) : string list * (Traced[] -> Traced) =
        let location = locationOf quotation

        match quotation with
        | Lambdas(groups, body) ->
            let vars = List.concat groups
            vars |> List.iter (checkParameter location quotation)

            let run (inputs: Traced[]) =
                let env = List.zip vars (List.ofArray inputs) |> List.fold (fun (e: Map<_, _>) (v, x) -> e.Add(v, Bound x)) Map.empty
                convert env location body

            vars |> List.map (fun v -> v.Name), run
        | _ -> [], (fun _ -> convert Map.empty location quotation)

    /// <summary>
    /// The definition a quotation writes: its computation in the author's order and grouping, with
    /// the lambda's parameters as variables in order (traced at each point when it branches on a value).
    /// </summary>
    /// <param name="quotation">A quotation of a lambda, for example <c>&lt;@ fun x y z -> log (x * y) + sin z @&gt;</c>.</param>
    /// <returns>The definition every facade takes.</returns>
    /// <exception cref="T:AdVerify.FSharp.UnsupportedQuotationException">The quotation uses a construct the expression language lacks.</exception>
    let toDefinition (quotation: FSharp.Quotations.Expr) : Definition =
        let names, run = trace quotation
        Tracing.definition names run

    /// <summary>Translates a quotation into a canonical AdVerify expression (the symbolic engine's form of its computation).</summary>
    /// <param name="quotation">A quotation of a lambda (its parameters become symbols) or of a constant expression.</param>
    /// <returns>The canonical expression.</returns>
    /// <exception cref="T:AdVerify.FSharp.UnsupportedQuotationException">The quotation uses a construct the expression language lacks.</exception>
    /// <exception cref="T:AdVerify.Definitions.ConcretizationException">The quotation branches on a value, so no one expression holds everywhere.</exception>
    let toExpr (quotation: FSharp.Quotations.Expr) : Expr = (toDefinition quotation).ToExpr()

    /// <summary>Translates a typed quotation into a canonical AdVerify expression.</summary>
    /// <param name="quotation">A typed quotation such as <c>&lt;@ fun x -> x ** 2.0 @&gt;</c>.</param>
    /// <returns>The canonical expression.</returns>
    /// <exception cref="T:AdVerify.FSharp.UnsupportedQuotationException">The quotation uses a construct the expression language lacks.</exception>
    let ofTyped (quotation: FSharp.Quotations.Expr<'T>) : Expr = toExpr quotation.Raw
