using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using AdVerify.Definitions;

namespace AdVerify.Expressions;

/// <summary>
/// The infix parser: an explicit-stack operator-precedence parser, so arbitrarily long or
/// deeply nested text never recurses on the call stack. It builds the <see cref="Computation"/>
/// the text writes, step by step in the author's order and grouping (<c>a - b - c</c> is
/// <c>(a - b) - c</c>, <c>^</c> chains fold right to left); the canonical expression is derived
/// from that. Each open parenthesis or call is a <see cref="Frame"/> holding the running sum and
/// product of its level. A syntax error is returned, not thrown, so <see cref="Infix.TryParse"/>
/// costs no exception; exceptions from the parser's own code are bugs and are not disguised as
/// parse errors.
/// </summary>
internal sealed class InfixParser
{
    private readonly string _text;
    private readonly Stack<Frame> _frames = new();
    private readonly ComputationBuilder _builder = ComputationBuilder.WithNamedInputs();
    private int _pos;
    private int _depth;
    private ParseException? _error;

    private InfixParser(string text) => _text = text;

    private enum FrameKind
    {
        Top,
        Group,
        Call,
    }

    /// <summary>Parses a whole expression into the computation it writes.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The computation (inputs sorted by name).</returns>
    /// <exception cref="ParseException">The text is not a valid expression.</exception>
    public static Computation ParseComputation(string text) =>
        TryParseComputation(text, out var computation, out var error) ? computation : throw error;

    /// <summary>Parses a whole expression, returning the error instead of throwing it.</summary>
    /// <param name="text">The text.</param>
    /// <param name="computation">The computation, when the text is valid.</param>
    /// <param name="error">The syntax error, when it is not.</param>
    /// <returns>True when the text is a valid expression.</returns>
    public static bool TryParseComputation(string text, [NotNullWhen(true)] out Computation? computation, [NotNullWhen(false)] out ParseException? error)
    {
        var parser = new InfixParser(text);
        if (parser.Run(out var output))
        {
            computation = parser._builder.Build(output, text);
            error = null;
            return true;
        }

        computation = null;
        error = parser._error!;
        return false;
    }

    private bool Run(out int output)
    {
        output = -1;
        if (_text.Length > Infix.MaxLength)
        {
            return Fail($"input too long: {_text.Length} characters, more than the limit Infix.MaxLength = {Infix.MaxLength}",
                Infix.MaxLength, "a shorter input");
        }

        SkipWhitespace();
        if (_pos == _text.Length)
        {
            return Fail("empty input: expected an expression", 0, "an expression");
        }

        var frame = new Frame(FrameKind.Top, 0, null);
        _frames.Push(frame);
        var expectOperand = true;
        var current = -1;
        while (true)
        {
            SkipWhitespace();
            frame = _frames.Peek();
            if (expectOperand)
            {
                if (!TryReadOperand(frame, out current, out var complete))
                {
                    return false;
                }

                if (complete)
                {
                    expectOperand = false;
                }

                continue;
            }

            if (_pos == _text.Length)
            {
                if (frame.Kind != FrameKind.Top)
                {
                    return Fail(MissingClose(frame));
                }

                output = frame.Finish(current, this);
                return true;
            }

            var c = _text[_pos];
            switch (c)
            {
                case '^':
                    frame.Chain.Add((frame.Signs, current));
                    frame.Signs = 0;
                    frame.PendingDepth++;
                    if (!Deeper())
                    {
                        return false;
                    }

                    frame.After = _pos++;
                    expectOperand = true;
                    break;
                case '*' or '/':
                    frame.EndFactor(current, this);
                    frame.Divide = c == '/';
                    frame.After = _pos++;
                    expectOperand = true;
                    break;
                case '+' or '-':
                    frame.EndFactor(current, this);
                    frame.EndTerm(this);
                    frame.Subtract = c == '-';
                    frame.After = _pos++;
                    expectOperand = true;
                    break;
                case ')':
                    if (frame.Kind == FrameKind.Top)
                    {
                        return Fail("unmatched ')': there is no '(' for it to close", _pos, "an operator or end of input");
                    }

                    if (!Close(frame, current, out current))
                    {
                        return false;
                    }

                    break;
                case ',':
                    if (frame.Kind != FrameKind.Call)
                    {
                        return Fail("unexpected ',' outside the argument list of a function call", _pos,
                            frame.Kind == FrameKind.Top ? "an operator or end of input" : "an operator or ')'");
                    }

                    frame.Args!.Add(frame.Finish(current, this));
                    frame.Reset();
                    frame.After = _pos++;
                    expectOperand = true;
                    break;
                default:
                    if (!StartsToken(c))
                    {
                        return Fail(UnexpectedCharacter());
                    }

                    if (frame.Kind == FrameKind.Top)
                    {
                        return Fail($"unexpected {DescribeToken()} after the end of the expression", _pos, "an operator or end of input");
                    }

                    return Fail(MissingClose(frame));
            }
        }
    }

    /// <summary>Reads an operand, a unary sign or an opening parenthesis or call.</summary>
    /// <returns>False on a syntax error; otherwise <paramref name="complete"/> tells whether a whole operand was read into <paramref name="operand"/>.</returns>
    private bool TryReadOperand(Frame frame, out int operand, out bool complete)
    {
        operand = -1;
        complete = false;
        if (_pos == _text.Length)
        {
            return Fail(ExpectedExpression(frame));
        }

        var c = _text[_pos];
        if (char.IsAsciiDigit(c) || (c == '.' && _pos + 1 < _text.Length && char.IsAsciiDigit(_text[_pos + 1])))
        {
            complete = true;
            return ReadNumber(out operand);
        }

        if (char.IsLetter(c) || c == '_')
        {
            return ReadName(out operand, out complete);
        }

        switch (c)
        {
            case '(':
                if (!Deeper())
                {
                    return false;
                }

                _frames.Push(new Frame(FrameKind.Group, _pos, null));
                _pos++;
                return true;
            case '-':
                frame.Signs++;
                frame.PendingDepth++;
                if (!Deeper())
                {
                    return false;
                }

                frame.After = _pos++;
                return true;
            case '+':
                frame.After = _pos++;
                return true;
            case ')' when frame.Kind == FrameKind.Call && frame.IsEmpty && frame.Args!.Count == 0:
                return Fail(ArgumentCount(frame, 0));
            default:
                return Fail(StartsToken(c) ? ExpectedExpression(frame) : UnexpectedCharacter());
        }
    }

    private bool ReadNumber(out int operand)
    {
        operand = -1;
        var start = _pos;
        var digits = 0;
        while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
        {
            _pos++;
            digits++;
        }

        if (_pos < _text.Length && _text[_pos] == '.')
        {
            _pos++;
            while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
            {
                _pos++;
                digits++;
            }
        }

        if (_pos < _text.Length && (_text[_pos] is 'e' or 'E'))
        {
            var e = _pos + 1;
            if (e < _text.Length && (_text[e] is '+' or '-'))
            {
                e++;
            }

            if (e < _text.Length && char.IsAsciiDigit(_text[e]))
            {
                _pos = e;
                while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
                {
                    _pos++;
                }
            }
        }

        var literal = _text.AsSpan(start, _pos - start);
        if (digits > Infix.MaxNumberDigits)
        {
            return Fail($"number too long: {digits} digits, more than the limit Infix.MaxNumberDigits = {Infix.MaxNumberDigits}",
                start, "a number with fewer digits");
        }

        if (!Rational.TryParseDecimal(literal, Infix.MaxExponent, out var value))
        {
            return Fail($"number '{Shorten(literal)}' is out of range: its decimal exponent exceeds the limit Infix.MaxExponent = {Infix.MaxExponent}",
                start, "a number with a smaller exponent");
        }

        // The program computes with the double nearest to the literal, as C# would parse it;
        // the symbolic engine keeps the exact rational.
        operand = _builder.Constant(double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture), Expr.Number(value));
        return true;
    }

    /// <summary>Reads a variable, a constant or the start of a function call.</summary>
    private bool ReadName(out int operand, out bool complete)
    {
        operand = -1;
        complete = false;
        var start = _pos;
        var name = ReadIdentifier();
        SkipWhitespace();
        var isCall = _pos < _text.Length && _text[_pos] == '(';
        if (isCall)
        {
            if (Functions.ReservedNames.Contains(name))
            {
                return Fail($"'{name}' is a constant, not a function", start, "an operator or end of input");
            }

            if (!Functions.TryGet(name, out var function))
            {
                return Fail($"unknown function '{name}' ({Suggestions.ForFunction(name)})", start, "a known function name");
            }

            if (!Deeper())
            {
                return false;
            }

            _frames.Push(new Frame(FrameKind.Call, _pos, function) { NameStart = start, Name = name });
            _pos++;
            return true;
        }

        complete = true;
        switch (name)
        {
            case "pi":
                operand = _builder.Constant(Math.PI, Expr.Pi);
                return true;
            case "e":
                operand = _builder.Constant(Math.E, Expr.E);
                return true;
        }

        if (Functions.TryGet(name, out var f))
        {
            var placeholders = string.Join(", ", Enumerable.Repeat("...", f.Arity));
            return Fail($"function '{name}' needs arguments: write {name}({placeholders})", start, $"'(' after '{name}'");
        }

        operand = _builder.Variable(name);
        return true;
    }

    private string ReadIdentifier()
    {
        var start = _pos;
        while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] == '_'))
        {
            _pos++;
        }

        return _text[start.._pos];
    }

    private bool Close(Frame frame, int current, out int result)
    {
        result = frame.Finish(current, this);
        _frames.Pop();
        _depth--;
        _pos++;
        if (frame.Kind == FrameKind.Group)
        {
            return true;
        }

        frame.Args!.Add(result);
        if (!Functions.TryGet(frame.Name, frame.Args.Count, out var function))
        {
            return Fail(ArgumentCount(frame, frame.Args.Count));
        }

        result = _builder.Call(function, frame.Args.ToArray());
        return true;
    }

    private bool Deeper()
    {
        if (++_depth > Infix.MaxDepth)
        {
            return Fail($"expression nested too deeply: more than the limit Infix.MaxDepth = {Infix.MaxDepth} levels of parentheses, function calls, signs and powers",
                _pos, "a less deeply nested expression");
        }

        return true;
    }

    private bool Fail(string message, int position, string expected) => Fail(Error(message, position, expected));

    private bool Fail(ParseException error)
    {
        _error = error;
        return false;
    }

    private void SkipWhitespace()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
        {
            _pos++;
        }
    }

    private static bool StartsToken(char c) =>
        char.IsLetterOrDigit(c) || c is '_' or '.' or '(' or ')' or ',' or '+' or '-' or '*' or '/' or '^';

    private string DescribeToken()
    {
        if (_pos >= _text.Length)
        {
            return "end of input";
        }

        var start = _pos;
        var end = start + 1;
        var c = _text[start];
        if (char.IsLetter(c) || c == '_' || char.IsAsciiDigit(c) || c == '.')
        {
            while (end < _text.Length && (char.IsLetterOrDigit(_text[end]) || _text[end] is '_' or '.'))
            {
                end++;
            }
        }
        else if (char.IsHighSurrogate(c) && end < _text.Length && char.IsLowSurrogate(_text[end]))
        {
            end++;
        }

        return $"'{Shorten(_text.AsSpan(start, end - start))}'";
    }

    private static string Shorten(ReadOnlySpan<char> token) =>
        token.Length <= 40 ? token.ToString() : token[..37].ToString() + "...";

    private ParseException UnexpectedCharacter()
    {
        var c = _text[_pos];
        var pair = char.IsHighSurrogate(c) && _pos + 1 < _text.Length && char.IsLowSurrogate(_text[_pos + 1]);
        var shown = pair ? _text.Substring(_pos, 2)
            : char.IsControl(c) || char.IsWhiteSpace(c) || char.IsSurrogate(c) ? "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture)
            : c.ToString();
        return Error($"unexpected character '{shown}'", _pos, "an expression, an operator or a parenthesis");
    }

    private ParseException ExpectedExpression(Frame frame)
    {
        var found = DescribeToken();
        var context = frame.After >= 0 ? $" after '{_text[frame.After]}'"
            : frame.Kind == FrameKind.Group ? " after '('"
            : frame.Kind == FrameKind.Call ? $" after '{frame.Name}('"
            : string.Empty;
        return Error($"expected an expression{context} but found {found}", _pos, "an expression");
    }

    private ParseException MissingClose(Frame frame)
    {
        var opener = frame.Kind == FrameKind.Call ? $"'{frame.Name}('" : "'('";
        var at = ParseException.DescribeLocation(_text, frame.Kind == FrameKind.Call ? frame.NameStart : frame.Open);
        var expected = _pos < _text.Length ? "an operator or ')'" : "')'";
        return Error($"expected {expected} to close {opener} at {at} but found {DescribeToken()}", _pos, expected);
    }

    private ParseException ArgumentCount(Frame frame, int got) =>
        Error($"{frame.Function!.Name} takes {Functions.ArityText(frame.Name!)}, got {got}", frame.NameStart, Functions.ArityText(frame.Name!));

    private ParseException Error(string message, int position, string expected) => new(message, _text, position, expected);

    /// <summary>One open level: the whole input, a parenthesised group or a call's argument list.</summary>
    private sealed class Frame(FrameKind kind, int open, FunctionInfo? function)
    {
        public FrameKind Kind { get; } = kind;

        /// <summary>Position of the opening parenthesis.</summary>
        public int Open { get; } = open;

        public FunctionInfo? Function { get; } = function;

        public List<int>? Args { get; } = function is null ? null : new List<int>(function.Arity);

        public int NameStart { get; init; }

        public string Name { get; init; } = string.Empty;

        /// <summary>The step of the sum so far (−1 before the first term).</summary>
        public int Sum { get; set; } = -1;

        /// <summary>The step of the current term's product so far (−1 before its first factor).</summary>
        public int Product { get; set; } = -1;

        /// <summary>Pending power bases of the current factor, each with the unary minus count before it.</summary>
        public List<(int Signs, int Base)> Chain { get; } = [];

        /// <summary>Unary minus signs before the current operand.</summary>
        public int Signs { get; set; }

        /// <summary>Nesting levels (signs and carets) held by the current factor.</summary>
        public int PendingDepth { get; set; }

        /// <summary>True when the current factor divides.</summary>
        public bool Divide { get; set; }

        /// <summary>True when the current term is subtracted.</summary>
        public bool Subtract { get; set; }

        /// <summary>Position of the last operator read in this frame, or −1.</summary>
        public int After { get; set; } = -1;

        public bool IsEmpty => Sum < 0 && Product < 0 && Chain.Count == 0 && Signs == 0 && After < 0;

        public void EndFactor(int operand, InfixParser parser)
        {
            var b = parser._builder;
            var value = operand;
            if ((Signs & 1) == 1)
            {
                value = b.Op(OpCode.Negate, value);
            }

            for (var i = Chain.Count - 1; i >= 0; i--)
            {
                value = b.Op(OpCode.Power, Chain[i].Base, value);
                if ((Chain[i].Signs & 1) == 1)
                {
                    value = b.Op(OpCode.Negate, value);
                }
            }

            Chain.Clear();
            Signs = 0;
            parser._depth -= PendingDepth;
            PendingDepth = 0;
            Product = Product < 0 ? value : b.Op(Divide ? OpCode.Divide : OpCode.Multiply, Product, value);
            Divide = false;
        }

        public void EndTerm(InfixParser parser)
        {
            var b = parser._builder;
            Sum = Sum < 0 ? Product : b.Op(Subtract ? OpCode.Subtract : OpCode.Add, Sum, Product);
            Product = -1;
            Subtract = false;
        }

        public int Finish(int operand, InfixParser parser)
        {
            EndFactor(operand, parser);
            EndTerm(parser);
            return Sum;
        }

        public void Reset()
        {
            Sum = -1;
            After = -1;
        }
    }
}
