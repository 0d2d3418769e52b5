using System.Diagnostics;
using System.Globalization;
using AdVerify.Expressions;
using NUnit.Framework;

namespace AdVerify.Tests.Expressions;

public class ParserTests
{
    private static readonly Expr X = Expr.Symbol("x");
    private static readonly Expr Y = Expr.Symbol("y");
    private static readonly Expr Z = Expr.Symbol("z");

    private static IEnumerable<TestCaseData> PrecedenceCases()
    {
        yield return new TestCaseData("1 + 2 * 3", Expr.Number(7));
        yield return new TestCaseData("(1 + 2) * 3", Expr.Number(9));
        yield return new TestCaseData("2^3^2", Expr.Number(512));
        yield return new TestCaseData("(2^3)^2", Expr.Number(64));
        yield return new TestCaseData("-x^2", -Expr.Pow(X, 2));
        yield return new TestCaseData("-2^2", Expr.Number(-4));
        yield return new TestCaseData("(-2)^2", Expr.Number(4));
        yield return new TestCaseData("2^-1", Expr.Number(new Rational(1, 2)));
        yield return new TestCaseData("x^-y^2", Expr.Pow(X, -Expr.Pow(Y, 2)));
        yield return new TestCaseData("x^y^z", Expr.Pow(X, Expr.Pow(Y, Z)));
        yield return new TestCaseData("x - y - z", X - Y - Z);
        yield return new TestCaseData("x - (y - z)", X - (Y - Z));
        yield return new TestCaseData("x / y / z", X / Y / Z);
        yield return new TestCaseData("x / (y / z)", X / (Y / Z));
        yield return new TestCaseData("x * y ^ 2", X * Expr.Pow(Y, 2));
        yield return new TestCaseData("2 * -3", Expr.Number(-6));
        yield return new TestCaseData("x - -y", X + Y);
        yield return new TestCaseData("--x", X);
        yield return new TestCaseData("+x", X);
        yield return new TestCaseData("-x * y", -(X * Y));
        yield return new TestCaseData("x / -y", -(X / Y));
        yield return new TestCaseData("x + y * z ^ 2 / 4 - 1", X + (Y * Expr.Pow(Z, 2) / 4) - 1);
        yield return new TestCaseData("sin(x)^2", Expr.Pow(Expr.Call(Functions.Sin, X), 2));
        yield return new TestCaseData("-sin(x)", -Expr.Call(Functions.Sin, X));
        yield return new TestCaseData("atan2(y, x + 1)", Expr.Call(Functions.Atan2, Y, X + 1));
        yield return new TestCaseData("pi * e", Expr.Pi * Expr.E);
        yield return new TestCaseData("e^x", Expr.Call(Functions.Exp, X));
        yield return new TestCaseData("sqrt(x)", Expr.Pow(X, Expr.Half));
        yield return new TestCaseData("pow(x, y)", Expr.Pow(X, Y));
        yield return new TestCaseData("ln(x)", Expr.Call(Functions.Log, X));
        yield return new TestCaseData(" \t x \n + \r\n y ", X + Y);
    }

    [TestCaseSource(nameof(PrecedenceCases))]
    public void PrecedenceAndAssociativity(string text, Expr expected) =>
        Assert.That(Infix.Parse(text), Is.SameAs(expected));

    [TestCase("2", 2, 1)]
    [TestCase("0.5", 1, 2)]
    [TestCase(".5", 1, 2)]
    [TestCase("1e-8", 1, 100_000_000)]
    [TestCase("2.50", 5, 2)]
    [TestCase("1E3", 1000, 1)]
    [TestCase("1e+3", 1000, 1)]
    public void NumbersAreExact(string text, int numerator, int denominator) =>
        Assert.That(Infix.Parse(text), Is.SameAs(Expr.Number(new Rational(numerator, denominator))));

    [Test]
    public void LargeExponentsAreExact()
    {
        Assert.That(Infix.Parse("6.02E23"), Is.SameAs(Expr.Number(new Rational(602) * new Rational(System.Numerics.BigInteger.Pow(10, 21)))));
        Assert.That(Infix.Parse("0.1 + 0.2"), Is.SameAs(Expr.Number(new Rational(3, 10))));
        Assert.That(Infix.Parse("1e10000").TryGetNumber(out var big) && big.Numerator == System.Numerics.BigInteger.Pow(10, 10000), Is.True);
    }

    [Test]
    public void UnicodeIdentifiers()
    {
        Assert.That(Infix.Parse("α + β_1 * ñ"), Is.SameAs(Expr.Symbol("α") + (Expr.Symbol("β_1") * Expr.Symbol("ñ"))));
        Assert.That(Infix.Parse("_tmp2 + Δx"), Is.SameAs(Expr.Symbol("_tmp2") + Expr.Symbol("Δx")));
        Assert.That(Infix.Parse("x1y"), Is.SameAs(Expr.Symbol("x1y")));
    }

    [Test]
    public void EveryRegisteredFunctionParses()
    {
        foreach (var f in Functions.BuiltIn)
        {
            foreach (var name in f.Aliases.Prepend(f.Name))
            {
                foreach (var sample in f.SamplePoints)
                {
                    var texts = sample.Select(v => v.ToString("R", CultureInfo.InvariantCulture)).ToArray();
                    var args = texts.Select(t => Infix.Parse(t)).ToArray();
                    var parsed = Infix.Parse($"{name}({string.Join(", ", texts)})");
                    Assert.That(parsed, Is.SameAs(Expr.Call(f, args)), $"{name} at {string.Join(", ", texts)}");
                }

                var symbols = new[] { X, Y }.Take(f.Arity).ToArray();
                var symbolic = f.Arity == 1 ? $"{name}(x)" : $"{name}(x, y)";
                Assert.That(Infix.Parse(symbolic), Is.SameAs(Expr.Call(f, symbols)), symbolic);
            }
        }
    }

    private static ParseException Fails(string text)
    {
        Assert.That(Infix.TryParse(text, out var result, out var error), Is.False, text);
        Assert.That(result, Is.Null);
        Assert.That(error, Is.Not.Null);
        var thrown = Assert.Throws<ParseException>(() => Infix.Parse(text))!;
        Assert.That(thrown.Message, Is.EqualTo(error!.Message));
        Assert.That(thrown.Input, Is.SameAs(text));
        return thrown;
    }

    private static void AssertError(string text, string message, int column, string expected)
    {
        var error = Fails(text);
        Assert.Multiple(() =>
        {
            Assert.That(error.Message, Is.EqualTo(message), text);
            Assert.That(error.Column, Is.EqualTo(column), text);
            Assert.That(error.Position, Is.EqualTo(column - 1), text);
            Assert.That(error.Expected, Is.EqualTo(expected), text);
        });
    }

    [TestCase("", "empty input: expected an expression", 1, "an expression")]
    [TestCase("   ", "empty input: expected an expression", 1, "an expression")]
    [TestCase("x + #", "unexpected character '#'", 5, "an expression, an operator or a parenthesis")]
    [TestCase("x # 1", "unexpected character '#'", 3, "an expression, an operator or a parenthesis")]
    [TestCase("x = 1", "unexpected character '='", 3, "an expression, an operator or a parenthesis")]
    [TestCase("atan2(1)", "atan2 takes 2 arguments, got 1", 1, "2 arguments")]
    [TestCase("1 + sin(1, 2)", "sin takes 1 argument, got 2", 5, "1 argument")]
    [TestCase("sin()", "sin takes 1 argument, got 0", 1, "1 argument")]
    [TestCase("max(1, 2, 3)", "max takes 2 arguments, got 3", 1, "2 arguments")]
    [TestCase("x y", "unexpected 'y' after the end of the expression", 3, "an operator or end of input")]
    [TestCase("2 x", "unexpected 'x' after the end of the expression", 3, "an operator or end of input")]
    [TestCase("(x + 1) 2.5", "unexpected '2.5' after the end of the expression", 9, "an operator or end of input")]
    [TestCase("sin((x + 1", "expected ')' to close '(' at column 5 but found end of input", 11, "')'")]
    [TestCase("(x", "expected ')' to close '(' at column 1 but found end of input", 3, "')'")]
    [TestCase("cos(x", "expected ')' to close 'cos(' at column 1 but found end of input", 6, "')'")]
    [TestCase("(x y)", "expected an operator or ')' to close '(' at column 1 but found 'y'", 4, "an operator or ')'")]
    [TestCase("x)", "unmatched ')': there is no '(' for it to close", 2, "an operator or end of input")]
    [TestCase("(x))", "unmatched ')': there is no '(' for it to close", 4, "an operator or end of input")]
    [TestCase("pi(2)", "'pi' is a constant, not a function", 1, "an operator or end of input")]
    [TestCase("2 * e (x)", "'e' is a constant, not a function", 5, "an operator or end of input")]
    [TestCase("sin + 1", "function 'sin' needs arguments: write sin(...)", 1, "'(' after 'sin'")]
    [TestCase("1 + atan2", "function 'atan2' needs arguments: write atan2(..., ...)", 5, "'(' after 'atan2'")]
    [TestCase("x +", "expected an expression after '+' but found end of input", 4, "an expression")]
    [TestCase("x * )", "expected an expression after '*' but found ')'", 5, "an expression")]
    [TestCase("()", "expected an expression after '(' but found ')'", 2, "an expression")]
    [TestCase("max(1,)", "expected an expression after ',' but found ')'", 7, "an expression")]
    [TestCase("*x", "expected an expression but found '*'", 1, "an expression")]
    [TestCase("x^", "expected an expression after '^' but found end of input", 3, "an expression")]
    [TestCase("1, 2", "unexpected ',' outside the argument list of a function call", 2, "an operator or end of input")]
    [TestCase("1e10001", "number '1e10001' is out of range: its decimal exponent exceeds the limit Infix.MaxExponent = 10000", 1, "a number with a smaller exponent")]
    [TestCase("2 * 1.5e-10001", "number '1.5e-10001' is out of range: its decimal exponent exceeds the limit Infix.MaxExponent = 10000", 5, "a number with a smaller exponent")]
    public void ErrorsAreClearAndPointAtTheProblem(string text, string message, int column, string expected) =>
        AssertError(text, message, column, expected);

    [Test]
    public void UnknownFunctionsSuggestCloseNames()
    {
        var error = Fails("1 + sinn(x)");
        Assert.That(error.Message, Does.StartWith("unknown function 'sinn' (did you mean ").And.Contain("'sin'"));
        Assert.That(error.Column, Is.EqualTo(5));
        Assert.That(Fails("foo(x)").Message, Is.EqualTo("unknown function 'foo' (did you mean 'cos' or 'cot' or 'log'?)"));
        Assert.That(Fails("x(2)").Message, Does.StartWith("unknown function 'x' (did you mean 'exp'?").Or.StartWith("unknown function 'x' ("));
        Assert.That(Fails("qwertyuiop(2)").Message, Does.StartWith("unknown function 'qwertyuiop' (known functions: sqrt, cbrt, exp, log, ln,"));
    }

    [Test]
    public void TooLongNumbersAreRefused()
    {
        var error = Fails(new string('7', Infix.MaxNumberDigits + 1));
        Assert.That(error.Message, Does.Contain("Infix.MaxNumberDigits = 10000"));
        Assert.That(error.Column, Is.EqualTo(1));
        Assert.That(Infix.Parse(new string('7', Infix.MaxNumberDigits)).IsNumber, Is.True);
    }

    [Test]
    public void TooLongInputIsRefused()
    {
        var error = Fails(new string(' ', Infix.MaxLength + 1));
        Assert.That(error.Message, Is.EqualTo($"input too long: {Infix.MaxLength + 1} characters, more than the limit Infix.MaxLength = {Infix.MaxLength}"));
        Assert.That(error.Position, Is.EqualTo(Infix.MaxLength));
    }

    private static IEnumerable<TestCaseData> DeepInputs()
    {
        const int n = 100_000;
        yield return new TestCaseData(new string('(', n) + "x" + new string(')', n)).SetName("DeepParentheses");
        yield return new TestCaseData(string.Concat(Enumerable.Repeat("sin(", n)) + "x" + new string(')', n)).SetName("DeepCalls");
        yield return new TestCaseData(new string('-', n) + "x").SetName("DeepUnaryMinus");
        yield return new TestCaseData(string.Concat(Enumerable.Repeat("x^", n)) + "x").SetName("DeepPowerChain");
        yield return new TestCaseData(string.Concat(Enumerable.Repeat("-(x^", n)) + "x" + new string(')', n)).SetName("DeepMixed");
        yield return new TestCaseData(new string('(', n)).SetName("DeepUnclosed");
    }

    [TestCaseSource(nameof(DeepInputs))]
    public void DeepNestingIsRefusedWithoutCrashing(string text)
    {
        var watch = Stopwatch.StartNew();
        var error = Fails(text);
        Assert.That(error.Message, Does.StartWith("expression nested too deeply: more than the limit Infix.MaxDepth = 1000 levels"));
        Assert.That(error.Position, Is.LessThanOrEqualTo(4 * (Infix.MaxDepth + 1)));
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public void NestingUpToTheLimitIsAccepted()
    {
        var d = Infix.MaxDepth;
        Assert.That(Infix.Parse(new string('(', d) + "x" + new string(')', d)), Is.SameAs(X));
        Assert.That(Infix.Parse(new string('-', d) + "x"), Is.SameAs(X));
        var error = Fails(new string('(', d + 1) + "x" + new string(')', d + 1));
        Assert.That(error.Column, Is.EqualTo(d + 1));
        var deepSin = string.Concat(Enumerable.Repeat("sin(", d)) + "x" + new string(')', d);
        Assert.That(Traversal.Depth(Infix.Parse(deepSin)), Is.EqualTo(d + 1));
    }

    [Test]
    public void MillionCharacterInputsAreFast()
    {
        var watch = Stopwatch.StartNew();
        var sum = "x" + string.Concat(Enumerable.Repeat("+x", 499_999));
        Assert.That(sum.Length, Is.EqualTo(999_999));
        Assert.That(Infix.Parse(sum), Is.SameAs(500_000 * X));
        var product = "x" + string.Concat(Enumerable.Repeat("*x", 499_999));
        Assert.That(Infix.Parse(product), Is.SameAs(Expr.Pow(X, 500_000)));
        var mixed = string.Concat(Enumerable.Repeat("x*y-y/x+", 125_000)) + "1";
        Assert.That(Infix.Parse(mixed), Is.SameAs((125_000 * X * Y) - (125_000 * Y / X) + 1));
        var numbers = "1" + string.Concat(Enumerable.Repeat(" + 1", 250_000));
        Assert.That(Infix.Parse(numbers), Is.SameAs(Expr.Number(250_001)));
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(20)));
    }

    [Test]
    public void CaretPointsAtTheError()
    {
        var error = Fails("sin((x + 1");
        var lines = error.FormatWithCaret().Split('\n');
        Assert.That(lines, Has.Length.EqualTo(3));
        Assert.That(lines[0], Is.EqualTo(error.Message));
        Assert.That(lines[1], Is.EqualTo("sin((x + 1"));
        Assert.That(lines[2], Is.EqualTo(new string(' ', 10) + "^"));

        var hash = Fails("x + # + y").FormatWithCaret().Split('\n');
        Assert.That(hash[1][hash[2].Length - 1], Is.EqualTo('#'));
    }

    [TestCase(10)]
    [TestCase(150)]
    [TestCase(395)]
    public void CaretWindowOnLongInputs(int position)
    {
        var text = new string('x', 0) + string.Concat(Enumerable.Repeat("x+", 200));
        text = text[..position] + "#" + text[(position + 1)..];
        var error = Fails(text);
        Assert.That(error.Position, Is.EqualTo(position));
        var lines = error.FormatWithCaret().Split('\n');
        Assert.That(lines[1].Length, Is.LessThanOrEqualTo(66));
        Assert.That(lines[2].Trim(), Is.EqualTo("^"));
        Assert.That(lines[1][lines[2].Length - 1], Is.EqualTo('#'));
    }

    [Test]
    public void MultiLineInputReportsLineAndColumn()
    {
        var error = Fails("x +\n  (y *\n 2");
        Assert.That(error.Line, Is.EqualTo(3));
        Assert.That(error.Column, Is.EqualTo(3));
        Assert.That(error.Message, Is.EqualTo("expected ')' to close '(' at line 2, column 3 but found end of input"));
        var lines = error.FormatWithCaret().Split('\n');
        Assert.That(lines[1], Is.EqualTo(" 2"));
        Assert.That(lines[2], Is.EqualTo("  ^"));
    }

    [Test]
    public void ParseNeverThrowsAnythingElse()
    {
        var random = new Random(12345);
        const string alphabet = "xyz019.eE+-*/^(),  sinpqrtlogatn2_α#\t\n";
        for (var i = 0; i < 20_000; i++)
        {
            var chars = new char[random.Next(0, 30)];
            for (var j = 0; j < chars.Length; j++)
            {
                chars[j] = alphabet[random.Next(alphabet.Length)];
            }

            var text = new string(chars);
            try
            {
                Infix.Parse(text);
            }
            catch (ParseException ex)
            {
                Assert.That(ex.Position, Is.InRange(0, text.Length), text);
                Assert.That(ex.FormatWithCaret(), Is.Not.Empty);
            }
        }
    }

    [TestCase("\uD835\uDC65")]
    [TestCase("x + \uD835")]
    [TestCase("\0")]
    [TestCase("1/0")]
    [TestCase("0^-1")]
    [TestCase("(1e10000)^(1e10000)")]
    [TestCase("1e10000^4096*1e-10000^4096")]
    [TestCase("log(0)")]
    public void AwkwardInputsDoNotLeakOtherExceptions(string text)
    {
        try
        {
            Infix.Parse(text);
        }
        catch (ParseException)
        {
            // Expected for some of them.
        }
    }

    [Test]
    public void NullIsAnArgumentErrorForParseAndAFailureForTryParse()
    {
        Assert.Throws<ArgumentNullException>(() => Infix.Parse(null!));
        Assert.That(Infix.TryParse(null, out var result, out var error), Is.False);
        Assert.That(result, Is.Null);
        Assert.That(error!.Message, Does.Contain("no expression"));
    }

    [TestCase("x + * y")]
    [TestCase("sin(x")]
    [TestCase("1e99999")]
    [TestCase("foo(x)")]
    [TestCase("((((x")]
    [TestCase("")]
    public void TryParseRaisesNoExceptionOnBadText(string text)
    {
        var raised = 0;
        void Count(object? sender, System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs e) => Interlocked.Increment(ref raised);
        Infix.TryParse("warm + up", out _, out _);
        AppDomain.CurrentDomain.FirstChanceException += Count;
        bool ok;
        try
        {
            ok = Infix.TryParse(text, out _, out _);
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= Count;
        }

        Assert.That(ok, Is.False);
        Assert.That(raised, Is.Zero, "the failure path of TryParse must not throw (even internally)");
    }

    [Test]
    public void TryParseSucceeds()
    {
        Assert.That(Infix.TryParse("x + 1", out var result, out var error), Is.True);
        Assert.That(result, Is.SameAs(X + 1));
        Assert.That(error, Is.Null);
    }
}
