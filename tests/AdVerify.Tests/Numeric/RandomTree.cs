namespace AdVerify.Tests.Numeric;

/// <summary>A value with its two partial derivatives (test-side forward mode with hand-written closed forms).</summary>
internal readonly record struct Dual(double V, double Dx, double Dy)
{
    public Dual Chain(double v, double d) => new(v, d * Dx, d * Dy);
}

/// <summary>Random smooth expression trees in x and y, evaluated with exact derivatives.</summary>
internal abstract class RandomTree
{
    public abstract Dual Eval(double x, double y);

    public static RandomTree Build(Random r, int depth)
    {
        if (depth == 0 || r.NextDouble() < 0.2)
        {
            return r.Next(3) switch
            {
                0 => new Leaf("x", (x, _) => new Dual(x, 1, 0)),
                1 => new Leaf("y", (_, y) => new Dual(y, 0, 1)),
                _ => new Leaf("0.7", (_, _) => new Dual(0.7, 0, 0)),
            };
        }

        if (r.NextDouble() < 0.4)
        {
            var (a, b) = (Build(r, depth - 1), Build(r, depth - 1));
            return r.Next(4) switch
            {
                0 => new Binary("+", a, b, (u, w) => new Dual(u.V + w.V, u.Dx + w.Dx, u.Dy + w.Dy)),
                1 => new Binary("-", a, b, (u, w) => new Dual(u.V - w.V, u.Dx - w.Dx, u.Dy - w.Dy)),
                2 => new Binary("*", a, b, (u, w) => new Dual(u.V * w.V, (u.Dx * w.V) + (u.V * w.Dx), (u.Dy * w.V) + (u.V * w.Dy))),
                _ => new Binary("/", a, b, (u, w) =>
                {
                    var d = 1 + (w.V * w.V);
                    var q = u.V / d;
                    return new Dual(q, (u.Dx / d) - (q * 2 * w.V * w.Dx / d), (u.Dy / d) - (q * 2 * w.V * w.Dy / d));
                }),
            };
        }

        var inner = Build(r, depth - 1);
        return r.Next(10) switch
        {
            0 => new Unary("sin", inner, u => u.Chain(Math.Sin(u.V), Math.Cos(u.V))),
            1 => new Unary("cos", inner, u => u.Chain(Math.Cos(u.V), -Math.Sin(u.V))),
            2 => new Unary("exp", inner, u => u.Chain(Math.Exp(u.V), Math.Exp(u.V))),
            3 => new Unary("log1sq", inner, u => u.Chain(Math.Log(1 + (u.V * u.V)), 2 * u.V / (1 + (u.V * u.V)))),
            4 => new Unary("atan", inner, u => u.Chain(Math.Atan(u.V), 1 / (1 + (u.V * u.V)))),
            5 => new Unary("tanh", inner, u => u.Chain(Math.Tanh(u.V), 1 / (Math.Cosh(u.V) * Math.Cosh(u.V)))),
            6 => new Unary("sqrt1sq", inner, u => u.Chain(Math.Sqrt(1 + (u.V * u.V)), u.V / Math.Sqrt(1 + (u.V * u.V)))),
            7 => new Unary("erf", inner, u => u.Chain(MathNet.Numerics.SpecialFunctions.Erf(u.V), 2 / Math.Sqrt(Math.PI) * Math.Exp(-u.V * u.V))),
            8 => new Unary("sinh", inner, u => u.Chain(Math.Sinh(u.V), Math.Cosh(u.V))),
            _ => new Unary("sq", inner, u => u.Chain(u.V * u.V, 2 * u.V)),
        };
    }

    private sealed class Leaf(string name, Func<double, double, Dual> f) : RandomTree
    {
        public override Dual Eval(double x, double y) => f(x, y);

        public override string ToString() => name;
    }

    private sealed class Unary(string name, RandomTree a, Func<Dual, Dual> f) : RandomTree
    {
        public override Dual Eval(double x, double y) => f(a.Eval(x, y));

        public override string ToString() => $"{name}({a})";
    }

    private sealed class Binary(string op, RandomTree a, RandomTree b, Func<Dual, Dual, Dual> f) : RandomTree
    {
        public override Dual Eval(double x, double y) => f(a.Eval(x, y), b.Eval(x, y));

        public override string ToString() => op == "/" ? $"({a})/(1+({b})^2)" : $"({a} {op} {b})";
    }
}
