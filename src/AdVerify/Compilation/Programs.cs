namespace AdVerify.Compilation;

/// <summary>The programs compiled from a plan: values, value and gradient, and the Hessian-vector product.</summary>
internal static class Programs
{
    /// <summary>The values of the plan's outputs; outputs from <paramref name="writeFrom"/> on are also written to the output array (from position 0), the first is returned.</summary>
    public static IrProgram Value(Plan plan, int writeFrom)
    {
        var program = new IrProgram();
        new ForwardSweep(plan, program, null).Build(writeFrom);
        DeadCode.Eliminate(program);
        return program;
    }

    /// <summary>The value (returned) and the gradient of the first output (added into the gradient array, which must start at zero).</summary>
    public static IrProgram Gradient(Plan plan)
    {
        var program = new IrProgram();
        var needs = new Needs(plan, program);
        var forward = new ForwardSweep(plan, program, needs);
        forward.Build(plan.Outputs.Length);
        new ReverseSweep(plan, program, forward, needs).Build();
        DeadCode.Eliminate(program);
        return program;
    }

    /// <summary>The value (returned) and H·v (added into the Hessian-vector array, which must start at zero): forward mode over the gradient program.</summary>
    public static IrProgram HessianVectorProduct(Plan plan)
    {
        var program = Tangent.Transform(Gradient(plan));
        DeadCode.Eliminate(program);
        return program;
    }
}
