using MathNet.Numerics.Optimization;

namespace AdVerify.Optimization;

/// <summary>A MathNet.Numerics objective function that counts what the optimiser made it compute.</summary>
public interface ICountedObjective : IObjectiveFunction
{
    /// <summary>The counts, shared with every copy the optimiser made of this objective.</summary>
    EvaluationCounts Evaluations { get; }
}
