namespace AdVerify.FSharp

open System
open System.Numerics
open AdVerify.Forward
open AdVerify.Reverse

/// <summary>
/// Curried wrappers over the forward-mode (<see cref="T:AdVerify.Forward.ForwardMode"/>) and
/// reverse-mode (<see cref="T:AdVerify.Reverse.ReverseMode"/>) engines. The functions take
/// F# functions over the AdVerify number types, so F# <c>inline</c> code such as
/// <c>let inline f x y z = log (x * y) + sin z</c> can be differentiated in either mode.
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
    /// A float constant as any number type — <c>float</c>, <c>Dual&lt;_&gt;</c>, <c>DualVector</c> or
    /// <c>Var&lt;_&gt;</c> — for generic <c>inline</c> code: F# fixes <c>2.0 * x</c> to <c>float</c>
    /// inside a generic inline function (weak resolution of the operator), while
    /// <c>AD.lift 2.0 * x</c> stays generic. Concrete code can use the mixed operators directly.
    /// </summary>
    /// <param name="c">The constant.</param>
    /// <returns>The constant in the number type the context asks for (all derivative parts zero).</returns>
    let lift<'T when 'T :> INumberBase<'T>> (c: float) : 'T = 'T.CreateChecked c

    /// <summary>The gradient of f : ℝⁿ → ℝ by reverse mode (one recording, one backward sweep).</summary>
    /// <param name="f">The function on reverse-mode numbers.</param>
    /// <param name="x">The point.</param>
    /// <returns>∇f(x).</returns>
    let grad (f: Var<float>[] -> Var<float>) (x: float[]) : float[] =
        let struct (_, gradient) = ReverseMode.Gradient(Func<Var<float>[], Var<float>>(f), x)
        gradient

    /// <summary>The value and gradient of f : ℝⁿ → ℝ by reverse mode.</summary>
    /// <param name="f">The function on reverse-mode numbers.</param>
    /// <param name="x">The point.</param>
    /// <returns>The pair (f(x), ∇f(x)).</returns>
    let valueAndGrad (f: Var<float>[] -> Var<float>) (x: float[]) : float * float[] =
        let struct (value, gradient) = ReverseMode.Gradient(Func<Var<float>[], Var<float>>(f), x)
        value, gradient

    /// <summary>The gradient of f : ℝⁿ → ℝ by forward mode (one pass per input).</summary>
    /// <param name="f">The function on dual numbers.</param>
    /// <param name="x">The point.</param>
    /// <returns>∇f(x).</returns>
    let gradForward (f: Dual<float>[] -> Dual<float>) (x: float[]) : float[] =
        let struct (_, gradient) = ForwardMode.Gradient(Func<Dual<float>[], Dual<float>>(f), x)
        gradient

    /// <summary>The gradient of f : ℝⁿ → ℝ by forward mode in one pass carrying n tangents.</summary>
    /// <param name="f">The function on multi-tangent dual numbers.</param>
    /// <param name="x">The point.</param>
    /// <returns>∇f(x).</returns>
    let gradOnePass (f: DualVector[] -> DualVector) (x: float[]) : float[] =
        let struct (_, gradient) = ForwardMode.GradientOnePass(Func<DualVector[], DualVector>(f), x)
        gradient

    /// <summary>The directional derivative ∇f(x)·v by one forward pass.</summary>
    /// <param name="f">The function on dual numbers.</param>
    /// <param name="x">The point.</param>
    /// <param name="v">The direction.</param>
    /// <returns>∇f(x)·v.</returns>
    let directional (f: Dual<float>[] -> Dual<float>) (x: float[]) (v: float[]) : float =
        let struct (_, slope) = ForwardMode.DirectionalDerivative(Func<Dual<float>[], Dual<float>>(f), x, v)
        slope

    /// <summary>The Jacobian of f : ℝⁿ → ℝᵐ by reverse mode (one sweep per output).</summary>
    /// <param name="f">The function on reverse-mode numbers.</param>
    /// <param name="x">The point.</param>
    /// <returns>The m×n Jacobian.</returns>
    let jacobian (f: Var<float>[] -> Var<float>[]) (x: float[]) : float[,] =
        ReverseMode.Jacobian(Func<Var<float>[], Var<float>[]>(f), x)

    /// <summary>The Jacobian of f : ℝⁿ → ℝᵐ by forward mode in one pass.</summary>
    /// <param name="f">The function on multi-tangent dual numbers.</param>
    /// <param name="x">The point.</param>
    /// <returns>The m×n Jacobian.</returns>
    let jacobianForward (f: DualVector[] -> DualVector[]) (x: float[]) : float[,] =
        ForwardMode.Jacobian(Func<DualVector[], DualVector[]>(f), x)

    /// <summary>The Hessian of f : ℝⁿ → ℝ by forward over forward (nested duals).</summary>
    /// <param name="f">The function on nested dual numbers.</param>
    /// <param name="x">The point.</param>
    /// <returns>The n×n Hessian.</returns>
    let hessian (f: Dual<Dual<float>>[] -> Dual<Dual<float>>) (x: float[]) : float[,] =
        ForwardMode.Hessian(Func<Dual<Dual<float>>[], Dual<Dual<float>>>(f), x)

    /// <summary>The Hessian of f : ℝⁿ → ℝ by forward over reverse (one Hessian–vector product per column).</summary>
    /// <param name="f">The function on reverse-mode numbers over duals.</param>
    /// <param name="x">The point.</param>
    /// <returns>The n×n Hessian.</returns>
    let hessianReverse (f: Var<Dual<float>>[] -> Var<Dual<float>>) (x: float[]) : float[,] =
        ReverseMode.Hessian(Func<Var<Dual<float>>[], Var<Dual<float>>>(f), x)
