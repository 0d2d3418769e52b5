using System.Numerics;
using AdVerify.Definitions;
using AdVerify.Forward;
using AdVerify.Reverse;
using AdVerify.Sparsity;
using NUnit.Framework;

namespace AdVerify.Tests.Sparsity;

/// <summary>The sparse Hessian and Jacobian facades take the one definition like every other facade.</summary>
public class SparseDefinitionTests
{
    private readonly struct Rosenbrock : IScalarFunction
    {
        public T Invoke<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T>
        {
            var sum = T.Zero;
            for (var i = 0; i + 1 < x.Length; i++)
            {
                var a = T.One - x[i];
                var b = x[i + 1] - (x[i] * x[i]);
                sum += (a * a) + (T.CreateChecked(100) * b * b);
            }

            return sum;
        }
    }

    private readonly struct Differences : IVectorFunction
    {
        public T[] Invoke<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T>
        {
            var y = new T[x.Length - 1];
            for (var i = 0; i < y.Length; i++)
            {
                y[i] = T.Sin(x[i + 1] - x[i]) * x[i];
            }

            return y;
        }
    }

    [Test]
    public void TheSparseHessianOfADefinitionEqualsTheDenseOne()
    {
        var x = Enumerable.Range(0, 30).Select(i => 0.3 + (0.01 * i)).ToArray();
        var sparse = ReverseMode.SparseHessian(new Rosenbrock(), x);
        var dense = ReverseMode.Hessian(new Rosenbrock(), x);
        Assert.That(Coloring.Star(SparsityPattern.Hessian(new Rosenbrock(), x)).ColorCount, Is.EqualTo(3));
        for (var i = 0; i < x.Length; i++)
        {
            for (var j = 0; j < x.Length; j++)
            {
                Assert.That(sparse[i, j], Is.EqualTo(dense[i, j]).Within(1e-9 * (1 + Math.Abs(dense[i, j]))), $"({i}, {j})");
            }
        }
    }

    [Test]
    public void TheSparseJacobianOfAVectorDefinitionEqualsTheDenseOne()
    {
        var x = Enumerable.Range(0, 12).Select(i => 0.2 * i).ToArray();
        var sparse = ForwardMode.SparseJacobian(new Differences(), x);
        var dense = ForwardMode.Jacobian(new Differences(), x);
        for (var i = 0; i < dense.GetLength(0); i++)
        {
            for (var j = 0; j < x.Length; j++)
            {
                Assert.That(sparse[i, j], Is.EqualTo(dense[i, j]).Within(1e-14), $"({i}, {j})");
            }
        }
    }
}
