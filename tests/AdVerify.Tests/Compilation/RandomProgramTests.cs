using System.Numerics;
using AdVerify.Definitions;
using AdVerify.Forward;
using AdVerify.Reverse;
using AdVerify.Symbolic;
using NUnit.Framework;

namespace AdVerify.Tests.Compilation;

/// <summary>
/// Random loop programs (inputs at several strides and offsets, values carried between
/// iterations, fixed values, shared temporaries, every kind of step) compiled and checked
/// against the tape: rerolling and the generated adjoint and tangent code must be exact
/// transformations whatever the loop looks like.
/// </summary>
public class RandomProgramTests
{
    /// <summary>A loop over i whose body is a random list of steps on sources chosen at random.</summary>
    private sealed class RandomLoop : IScalarFunction
    {
        private readonly (int Op, int A, int B)[] _body;
        private readonly int[] _carry;
        private readonly double[] _constants;
        private readonly int _registers;
        private readonly int _step;
        private readonly int _passes;
        private readonly bool _keepValues;

        public RandomLoop(int seed)
        {
            var random = new Random(seed);
            _registers = random.Next(1, 4);
            _step = random.Next(1, 3);
            _passes = random.Next(1, 3);
            _keepValues = random.Next(4) == 0;
            _constants = Enumerable.Range(0, 3).Select(_ => Math.Round((random.NextDouble() * 4) - 2, 2)).ToArray();
            var length = random.Next(2, 12);
            _body = new (int, int, int)[length];
            for (var j = 0; j < length; j++)
            {
                var sources = Sources + j;
                _body[j] = (random.Next(9), random.Next(sources), random.Next(sources));
            }

            // Each register takes a temporary of the body, keeps its value (−1), or takes the previous register's (−2).
            _carry = Enumerable.Range(0, _registers).Select(r => random.Next(r == 0 ? -1 : -2, length)).ToArray();
        }

        /// <summary>Sources: x[i], x[i+1], x[n−1−i], x[0], x[i + 2 (mod n)], two constants, a value fixed before the loop, the registers.</summary>
        private int Sources => 8 + _registers;

        private T Source<T>(int s, ReadOnlySpan<T> x, int i, T[] registers, T[] temps, T fixedValue)
            where T : IFloatingPointIeee754<T> => s switch
        {
            0 => x[i],
            1 => x[i + 1],
            2 => x[x.Length - 1 - i],
            3 => x[0],
            4 => x[(i + 2) % x.Length],
            5 or 6 => T.CreateChecked(_constants[s - 5]),
            7 => fixedValue,
            _ when s < Sources => registers[s - 8],
            _ => temps[s - Sources],
        };

        public T Invoke<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T>
        {
            var n = x.Length;
            var registers = new T[_registers];
            for (var r = 0; r < _registers; r++)
            {
                registers[r] = x[r % n];
            }

            var temps = new T[_body.Length];
            var total = T.Zero;
            var fixedValue = T.Sin(x[1]) * x[0];
            var kept = new List<T>();
            for (var pass = 0; pass < _passes; pass++)
            {
                for (var i = pass; i + 1 < n; i += _step)
                {
                    for (var j = 0; j < _body.Length; j++)
                    {
                        var (op, a, b) = _body[j];
                        var u = Source(a, x, i, registers, temps, fixedValue);
                        var v = Source(b, x, i, registers, temps, fixedValue);
                        temps[j] = op switch
                        {
                            0 => u + v,
                            1 => u - v,
                            2 => u * v,
                            3 => u / (T.One + (v * v)),
                            4 => T.Sin(u) * v,
                            5 => T.Tanh(u + v),
                            6 => T.Sqrt(T.One + (u * u)),
                            7 => AdMath.Pow(T.One + (v * v), 1.5),
                            _ => T.Atan(u) - v,
                        };
                    }

                    for (var r = _registers - 1; r >= 0; r--)
                    {
                        registers[r] = _carry[r] switch
                        {
                            -1 => registers[r],
                            -2 => registers[r - 1],
                            var t => T.Tanh(temps[t]),
                        };
                    }

                    total += temps[^1] * T.CreateChecked(0.01);
                    kept.Add(temps[^1]);
                }
            }

            if (_keepValues)
            {
                // Values of every iteration used again after the loops, out of order.
                for (var k = 0; k < kept.Count; k++)
                {
                    total += T.Sin(kept[k] * kept[(k * 5) % kept.Count]) * T.CreateChecked(0.1);
                }
            }

            foreach (var r in registers)
            {
                total += r;
            }

            return total;
        }
    }

    public static IEnumerable<int> Seeds => Enumerable.Range(1, 200);

    [TestCaseSource(nameof(Seeds))]
    public void ARandomLoopCompilesToExactDerivatives(int seed)
    {
        var f = new RandomLoop(seed);
        var n = 6 + (seed % 23);
        var x = Enumerable.Range(0, n).Select(i => 0.3 + (0.5 * Math.Sin((seed * 7) + i))).ToArray();
        var v = Enumerable.Range(0, n).Select(i => Math.Cos(seed + (1.3 * i))).ToArray();
        var compiled = Compiler.Compile(f, n);
        Assert.That(compiled.IsCompiled, Is.True, compiled.Reason);
        Assert.That(compiled.Value(x), Is.EqualTo(f.Invoke<double>(x)), "value, bit for bit");

        var gradient = new double[n];
        compiled.ValueAndGradient(x, gradient);
        var expected = ReverseMode.Gradient(a => f.Invoke<Var<double>>(a), x).Gradient;
        var forward = ForwardMode.Gradient(a => f.Invoke<Dual<double>>(a), x).Gradient;
        var hv = new double[n];
        compiled.HessianVectorProduct(x, v, hv);
        var hvExpected = ReverseMode.HessianVectorProduct(a => f.Invoke<Var<Dual<double>>>(a), x, v);
        for (var i = 0; i < n; i++)
        {
            Assert.That(gradient[i], Is.EqualTo(expected[i]).Within(1e-11 * Math.Max(1, Math.Abs(expected[i]))), $"∂f/∂x{i} vs reverse");
            Assert.That(gradient[i], Is.EqualTo(forward[i]).Within(1e-11 * Math.Max(1, Math.Abs(forward[i]))), $"∂f/∂x{i} vs forward");
            Assert.That(hv[i], Is.EqualTo(hvExpected[i]).Within(1e-10 * Math.Max(1, Math.Abs(hvExpected[i]))), $"(H·v){i}");
        }
    }

    [Test]
    public void MostRandomLoopsReroll()
    {
        var rerolled = Seeds.Count(seed =>
        {
            var n = 6 + (seed % 23);
            var c = Trace.Symbolic(new RandomLoop(seed), Enumerable.Range(0, n).Select(i => $"x{i}").ToArray());
            return new AdVerify.Compilation.Plan(c, [c.Output]).LoopCount > 0;
        });
        Assert.That(rerolled, Is.GreaterThan(Seeds.Count() / 2));
    }
}
