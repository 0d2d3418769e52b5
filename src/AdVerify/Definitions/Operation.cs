using AdVerify.Expressions;

namespace AdVerify.Definitions;

/// <summary>The elementary operations a <see cref="Computation"/> is made of.</summary>
public enum OpCode : byte
{
    /// <summary>An input variable; <see cref="Operation.A"/> is its index.</summary>
    Input,

    /// <summary>A constant; <see cref="Operation.Value"/> is the double the program computes with, <see cref="Operation.Exact"/> its exact value.</summary>
    Constant,

    /// <summary>−a.</summary>
    Negate,

    /// <summary>a + b.</summary>
    Add,

    /// <summary>a − b.</summary>
    Subtract,

    /// <summary>a · b.</summary>
    Multiply,

    /// <summary>a / b.</summary>
    Divide,

    /// <summary>aᵇ (the <c>^</c> operator and <c>pow</c>).</summary>
    Power,

    /// <summary>A call of a registry function with one (a) or two (a, b) arguments.</summary>
    Call,
}

/// <summary>
/// One step of a <see cref="Computation"/>: an operation code and the indices of its operands
/// (earlier steps), plus the constant or function it needs.
/// </summary>
/// <param name="Code">What the step computes.</param>
/// <param name="A">The first operand's step index (the input index for <see cref="OpCode.Input"/>); −1 when unused.</param>
/// <param name="B">The second operand's step index; −1 when unused.</param>
/// <param name="Value">For a constant, the double the program computes with (the nearest double to what was written).</param>
/// <param name="Function">For a call, the registry function.</param>
/// <param name="Exact">For a constant, its exact value (a rational number, π or e) for the symbolic engine.</param>
public readonly record struct Operation(OpCode Code, int A, int B, double Value, FunctionInfo? Function, Expr? Exact)
{
    /// <summary>The number of operands: 0 for inputs and constants, 1 for negation and unary calls, else 2.</summary>
    public int OperandCount => Code switch
    {
        OpCode.Input or OpCode.Constant => 0,
        OpCode.Negate => 1,
        OpCode.Call => B >= 0 ? 2 : 1,
        _ => 2,
    };

    /// <summary>The operands' step indices, in order.</summary>
    public int[] Operands => OperandCount switch
    {
        0 => [],
        1 => [A],
        _ => [A, B],
    };
}
