using AdVerify.Compilation;
using AdVerify.Definitions;
using NUnit.Framework;
using static AdVerify.Tests.Compilation.TestFunctions;

namespace AdVerify.Tests.Compilation;

/// <summary>Loop rerolling: traced loops are found again, and every loop describes exactly the steps it replaces.</summary>
public class RerollerTests
{
    private static Plan PlanOf(IScalarFunction f, int n)
    {
        var c = Trace.Symbolic(f, Enumerable.Range(0, n).Select(i => $"x{i}").ToArray());
        var plan = new Plan(c, [c.Output]);
        AssertLoopsDescribeTheirSteps(plan);
        return plan;
    }

    private static List<Segment> Loops(Plan plan) => plan.Units.Where(u => u.IsLoop).ToList();

    /// <summary>
    /// Every iteration of every loop repeats the body its operands describe, and no value of a
    /// non-final iteration is used after the loop.
    /// </summary>
    private static void AssertLoopsDescribeTheirSteps(Plan plan)
    {
        foreach (var loop in Loops(plan))
        {
            var (s, p) = (loop.Start, loop.Period);
            for (var k = 0; k < loop.Count; k++)
            {
                for (var j = 0; j < p; j++)
                {
                    var t = s + (k * p) + j;
                    var op = plan.Ops[t];
                    var body = plan.Ops[s + j];
                    Assert.That((op.Code, op.Function), Is.EqualTo((body.Code, body.Function)), $"step {t}");
                    if (!plan.IsComputed(t))
                    {
                        continue;
                    }

                    Assert.That(plan.MaxUser[t] < loop.End || k == loop.Count - 1, Is.True, $"step {t} of iteration {k} is used after the loop");
                    for (var slot = 0; slot < op.OperandCount; slot++)
                    {
                        var o = slot == 0 ? op.A : op.B;
                        var d = loop.Operands![(2 * j) + slot];
                        var target = plan.Ops[o];
                        var described = d.Kind switch
                        {
                            OperandKind.Input => target.Code == OpCode.Input && target.A == d.Base + (k * d.Stride),
                            OperandKind.Constant => target.Code == OpCode.Constant && target.Value.Equals(d.Value),
                            OperandKind.Local => o == s + (k * p) + d.Step && d.Step < j,
                            OperandKind.Carry => o == s + ((k - d.Distance) * p) + d.Step && plan.IsComputed(o),
                            OperandKind.Outer => o == d.Step && o < s,
                            _ => false,
                        };
                        Assert.That(described, Is.True, $"operand {slot} of step {t} (iteration {k}, body step {j}) is {d}");
                    }
                }
            }
        }
    }

    [Test]
    public void RosenbrockIsOneLoopOfEightSteps()
    {
        var loop = Loops(PlanOf(new Rosenbrock(), 1_000)).Single();
        Assert.That(loop.Period, Is.EqualTo(8));
        Assert.That(loop.Count, Is.EqualTo(998), "the first term reads the constant 0 where the others read the running sum");
        Assert.That(loop.Operands!.Where(d => d.Kind == OperandKind.Input).Select(d => d.Stride), Is.All.EqualTo(1));
        Assert.That(loop.Operands!.Where(d => d.Kind == OperandKind.Carry).Select(d => d.Distance), Is.EqualTo(new[] { 1 }));
    }

    [Test]
    public void TheTanhNetworkIsOneLoopOverHiddenUnits()
    {
        var loop = Loops(PlanOf(new TanhNetwork(), 10 * 50)).Last();
        Assert.That(loop.Period, Is.EqualTo(19));
        Assert.That(loop.Count, Is.EqualTo(49));
        Assert.That(loop.Operands!.Where(d => d.Kind == OperandKind.Input).Select(d => d.Stride), Is.All.EqualTo(10));
    }

    [Test]
    public void ValuesCarriedOneAndTwoIterationsBackAreLoopVariables()
    {
        Assert.That(Loops(PlanOf(new Logistic(40), 2)).Single().Operands!.Where(d => d.Kind == OperandKind.Carry).Select(d => d.Distance), Is.All.EqualTo(1));
        Assert.That(Loops(PlanOf(new TwoTermRecurrence(), 100)).Single().Operands!.Count(d => d.Kind == OperandKind.Carry), Is.GreaterThanOrEqualTo(2));
        var carried = Loops(PlanOf(new Fibonacci(), 100)).Single().Operands!.Where(d => d.Kind == OperandKind.Carry).Select(d => d.Distance);
        Assert.That(carried, Does.Contain(1).And.Contain(2));
    }

    [Test]
    public void FixedValuesAndParametersReadByEveryIterationAreRecognised()
    {
        var loop = Loops(PlanOf(new CenteredSpread(), 100)).Last();
        Assert.That(loop.Operands!.Any(d => d.Kind == OperandKind.Outer), Is.True, "the mean");
        Assert.That(loop.Operands!.Any(d => d.Kind == OperandKind.Input && d.Stride == 0), Is.True, "the parameter x0");
    }

    [Test]
    public void ValuesUsedOutOfOrderAfterALoopKeepItsStepsStraight()
    {
        var plan = PlanOf(new TwoPasses(), 60);
        Assert.That(plan.Units, Has.Count.GreaterThan(1));
    }

    [Test]
    public void CodeWithoutRepeatedStructureIsCutIntoBoundedStraightBlocks()
    {
        var plan = PlanOf(new Irregular(2_000), 5);
        Assert.That(Loops(plan), Is.Empty);
        Assert.That(plan.Units, Has.Count.GreaterThan(2_000 * 3 / Plan.MaxStraight));
        foreach (var unit in plan.Units)
        {
            Assert.That(Enumerable.Range(unit.Start, unit.Period).Count(plan.IsComputed), Is.LessThanOrEqualTo(Plan.MaxStraight));
        }
    }

    [Test]
    public void ARecurrenceWrittenAsAnExpressionRerollsToo()
    {
        // sin(sin(…sin(x)…)) lowered from a canonical expression: one step per level, carried.
        var e = AdVerify.Expressions.Expr.Symbol("x");
        for (var k = 0; k < 500; k++)
        {
            e = AdVerify.Expressions.Expr.Call(AdVerify.Expressions.Functions.Sin, e);
        }

        var c = Computation.FromExpr(e);
        var plan = new Plan(c, [c.Output]);
        AssertLoopsDescribeTheirSteps(plan);
        Assert.That(Loops(plan).Single().Count, Is.EqualTo(499));
    }
}
