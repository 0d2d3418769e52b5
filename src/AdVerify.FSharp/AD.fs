namespace AdVerify.FSharp

open System
open System.Numerics
open AdVerify.Definitions
open AdVerify.Forward
open AdVerify.Reverse

/// <summary>
/// Curried wrappers over the forward-mode (<see cref="T:AdVerify.Forward.ForwardMode"/>) and
/// reverse-mode (<see cref="T:AdVerify.Reverse.ReverseMode"/>) engines. Gradients, Hessians and
/// Hessian–vector products take the one-definition object
/// (<see cref="T:AdVerify.Definitions.Definition"/>, from <c>Definition.ofInline</c>,
/// <c>Definition.ofQuotation</c>, …); JVPs, VJPs and Jacobians take a vector definition
/// (<see cref="T:AdVerify.Definitions.IVectorFunction"/>, from <c>Definition.vectorOfInline</c> or an
/// object expression). <c>derivative</c> differentiates an F# function of one dual number and nests.
/// </summary>
[<RequireQualifiedAccess>]
module AD =

    /// <summary>
    /// The derivative f′(x) of a scalar function by forward mode. <c>'T</c> is <c>float</c>, or a
    /// dual type for nested derivatives: inside the outer function, call <c>AD.derivative</c>
    /// again and lift outer values with <see cref="M:AdVerify.FSharp.AD.constant``1(``0)"/>;
    /// each nesting level is a distinct type, so perturbations cannot be confused.
    /// </summary>
    /// <param name="f">The function on dual numbers.</param>
    /// <param name="x">The point.</param>
    /// <returns>f′(x).</returns>
    let derivative<'T
        when 'T :> INumber<'T>
        and 'T :> ITrigonometricFunctions<'T>
        and 'T :> IHyperbolicFunctions<'T>
        and 'T :> IExponentialFunctions<'T>
        and 'T :> ILogarithmicFunctions<'T>
        and 'T :> IPowerFunctions<'T>
        and 'T :> IRootFunctions<'T>>
        (f: Dual<'T> -> Dual<'T>)
        (x: 'T)
        : 'T =
        ForwardMode.Derivative(Func<Dual<'T>, Dual<'T>>(f), x)

    /// <summary>The value f(x) and the derivative f′(x) of a scalar function by forward mode.</summary>
    /// <param name="f">The function on dual numbers.</param>
    /// <param name="x">The point.</param>
    /// <returns>The pair (f(x), f′(x)).</returns>
    let valueAndDerivative<'T
        when 'T :> INumber<'T>
        and 'T :> ITrigonometricFunctions<'T>
        and 'T :> IHyperbolicFunctions<'T>
        and 'T :> IExponentialFunctions<'T>
        and 'T :> ILogarithmicFunctions<'T>
        and 'T :> IPowerFunctions<'T>
        and 'T :> IRootFunctions<'T>>
        (f: Dual<'T> -> Dual<'T>)
        (x: 'T)
        : 'T * 'T =
        let struct (value, slope) = ForwardMode.ValueAndDerivative(Func<Dual<'T>, Dual<'T>>(f), x)
        value, slope

    /// <summary>Lifts a value into a constant dual number (tangent 0), for mixing nesting levels.</summary>
    /// <param name="x">The value.</param>
    /// <returns>The constant dual.</returns>
    let constant<'T
        when 'T :> INumber<'T>
        and 'T :> ITrigonometricFunctions<'T>
        and 'T :> IHyperbolicFunctions<'T>
        and 'T :> IExponentialFunctions<'T>
        and 'T :> ILogarithmicFunctions<'T>
        and 'T :> IPowerFunctions<'T>
        and 'T :> IRootFunctions<'T>>
        (x: 'T)
        : Dual<'T> =
        Dual<'T>.Constant x

    /// <summary>
    /// A float constant as any number type — <c>float</c>, <c>Dual&lt;_&gt;</c>, <c>DualVector</c>,
    /// <c>Var&lt;_&gt;</c> or the tracing scalar <c>Traced</c> — for generic <c>inline</c> code: F# fixes
    /// <c>2.0 * x</c> to <c>float</c> inside a generic inline function (weak resolution of the operator),
    /// while <c>AD.lift 2.0 * x</c> stays generic. Concrete code can use the mixed operators directly.
    /// </summary>
    /// <param name="c">The constant.</param>
    /// <returns>The constant in the number type the context asks for (all derivative parts zero).</returns>
    let lift<'T when 'T :> INumberBase<'T>> (c: float) : 'T = 'T.CreateChecked c

    /// The engines' view of a definition: the code they run on each scalar.
    let private run (definition: Definition) : IScalarFunction =
        match definition.Function with
        | null ->
            invalidArg
                (nameof definition)
                (sprintf "%O is opaque (only its values are known): forward and reverse mode need code they can run on their numbers" definition)
        | f -> f

    let private check (definition: Definition) (x: float[]) =
        if x.Length <> definition.Variables.Count then
            invalidArg
                "x"
                (sprintf "the point has %d coordinate(s) but the function has %d variable(s) (%s)" x.Length definition.Variables.Count (String.Join(", ", definition.Variables)))

    /// <summary>The value f(x), computed as the definition is written.</summary>
    /// <param name="definition">The function.</param>
    /// <param name="x">One value per variable, in order.</param>
    /// <returns>f(x).</returns>
    let value (definition: Definition) (x: float[]) : float = definition.Evaluate(ReadOnlySpan x)

    /// <summary>The value and gradient of f : ℝⁿ → ℝ by reverse mode (one recording, one backward sweep).</summary>
    /// <param name="definition">The function.</param>
    /// <param name="x">The point.</param>
    /// <returns>The pair (f(x), ∇f(x)).</returns>
    let valueAndGrad (definition: Definition) (x: float[]) : float * float[] =
        check definition x
        let struct (value, gradient) = ReverseMode.Gradient(run definition, x)
        value, gradient

    /// <summary>The gradient of f : ℝⁿ → ℝ by reverse mode (one recording, one backward sweep).</summary>
    /// <param name="definition">The function.</param>
    /// <param name="x">The point.</param>
    /// <returns>∇f(x).</returns>
    let grad (definition: Definition) (x: float[]) : float[] = snd (valueAndGrad definition x)

    /// <summary>The gradient of f : ℝⁿ → ℝ by forward mode (one dual-number pass per input).</summary>
    /// <param name="definition">The function.</param>
    /// <param name="x">The point.</param>
    /// <returns>∇f(x).</returns>
    let gradForward (definition: Definition) (x: float[]) : float[] =
        check definition x
        let struct (_, gradient) = ForwardMode.Gradient(run definition, x)
        gradient

    /// <summary>The gradient of f : ℝⁿ → ℝ by forward mode in one pass carrying n tangents.</summary>
    /// <param name="definition">The function.</param>
    /// <param name="x">The point.</param>
    /// <returns>∇f(x).</returns>
    let gradOnePass (definition: Definition) (x: float[]) : float[] =
        check definition x
        let struct (_, gradient) = ForwardMode.GradientOnePass(run definition, x)
        gradient

    /// <summary>The directional derivative ∇f(x)·v by one forward pass.</summary>
    /// <param name="definition">The function.</param>
    /// <param name="x">The point.</param>
    /// <param name="v">The direction.</param>
    /// <returns>∇f(x)·v.</returns>
    let directional (definition: Definition) (x: float[]) (v: float[]) : float =
        check definition x
        let struct (_, slope) = ForwardMode.DirectionalDerivative(run definition, x, v)
        slope

    /// <summary>The Hessian of f : ℝⁿ → ℝ by forward over forward (nested duals).</summary>
    /// <param name="definition">The function.</param>
    /// <param name="x">The point.</param>
    /// <returns>The n×n Hessian.</returns>
    let hessian (definition: Definition) (x: float[]) : float[,] =
        check definition x
        ForwardMode.Hessian(run definition, x)

    /// <summary>The Hessian of f : ℝⁿ → ℝ by forward over reverse (one Hessian–vector product per column).</summary>
    /// <param name="definition">The function.</param>
    /// <param name="x">The point.</param>
    /// <returns>The n×n Hessian.</returns>
    let hessianReverse (definition: Definition) (x: float[]) : float[,] =
        check definition x
        ReverseMode.Hessian(run definition, x)

    /// <summary>The Hessian–vector product H(x)·v by forward over reverse, without forming H.</summary>
    /// <param name="definition">The function.</param>
    /// <param name="x">The point.</param>
    /// <param name="v">The direction.</param>
    /// <returns>H(x)·v.</returns>
    let hvp (definition: Definition) (x: float[]) (v: float[]) : float[] =
        check definition x
        ReverseMode.HessianVectorProduct(run definition, x, v)

    /// <summary>The values f(x) of a vector definition.</summary>
    /// <param name="f">The vector function.</param>
    /// <param name="x">The point.</param>
    /// <returns>The m values.</returns>
    let values (f: IVectorFunction) (x: float[]) : float[] = f.Invoke<float>(ReadOnlySpan x)

    /// <summary>The Jacobian–vector product J(x)·v of f : ℝⁿ → ℝᵐ in one forward pass.</summary>
    /// <param name="f">The vector function.</param>
    /// <param name="x">The point.</param>
    /// <param name="v">The direction (n entries).</param>
    /// <returns>J(x)·v (m entries).</returns>
    let jvp (f: IVectorFunction) (x: float[]) (v: float[]) : float[] =
        let struct (_, product) = ForwardMode.Jvp(f, x, v)
        product

    /// <summary>The vector–Jacobian product uᵀJ(x) of f : ℝⁿ → ℝᵐ in one backward sweep.</summary>
    /// <param name="f">The vector function.</param>
    /// <param name="x">The point.</param>
    /// <param name="u">The cotangent (m entries).</param>
    /// <returns>uᵀJ(x) (n entries).</returns>
    let vjp (f: IVectorFunction) (x: float[]) (u: float[]) : float[] =
        let struct (_, product) = ReverseMode.Vjp(f, x, u)
        product

    /// <summary>The Jacobian of f : ℝⁿ → ℝᵐ by reverse mode (one recording, one sweep per output).</summary>
    /// <param name="f">The vector function.</param>
    /// <param name="x">The point.</param>
    /// <returns>The m×n Jacobian.</returns>
    let jacobian (f: IVectorFunction) (x: float[]) : float[,] = ReverseMode.Jacobian(f, x)

    /// <summary>The Jacobian of f : ℝⁿ → ℝᵐ by forward mode in one pass carrying n tangents.</summary>
    /// <param name="f">The vector function.</param>
    /// <param name="x">The point.</param>
    /// <returns>The m×n Jacobian.</returns>
    let jacobianForward (f: IVectorFunction) (x: float[]) : float[,] = ForwardMode.Jacobian(f, x)
