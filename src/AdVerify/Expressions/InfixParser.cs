using System.Globalization;

namespace AdVerify.Expressions;

/// <summary>
/// The infix parser: an explicit-stack operator-precedence parser, so arbitrarily long or
/// deeply nested text never recurses on the call stack. Each open parenthesis or call is a
/// <see cref="Frame"/> holding the flat lists of terms and factors read so far; chains of
/// <c>+ -</c> and <c>* /</c> are built with one <see cref="Expr.Add(Expr[])"/> or
/// <see cref="Expr.Multiply(Expr[])"/> each, and <c>^</c> chains are folded right to left.
/// </summary>
internal sealed class InfixParser
{
    private readonly string _text;
    private readonly Stack<Frame> _frames = new();
    private int _pos;
    private int _depth;

    private InfixParser(string text) => _text = text;

    private enum FrameKind
    {
        Top,
        Group,
        Call,
    }

    /// <summary>Parses a whole expression.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The canonical expression.</returns>
    /// <exception cref="ParseException">The text is not a valid expression.</exception>
    public static Expr Parse(string text)
    {
        var parser = new InfixParser(text);
        try
        {
            return parser.Run();
        }
        catch (Exception ex) when (ex is ArithmeticException or ArgumentException or InvalidOperationException
                                       or InsufficientExecutionStackException)
        {
            // Safety net: building the canonical form must not leak other exception types.
            throw new ParseException($"could not build the expression: {ex.Message}", text, parser._pos, "a valid expression");
        }
    }

    private Expr Run()
    {
        if (_text.Length > Infix.MaxLength)
        {
            throw Error($"input too long: {_text.Length} characters, more than the limit Infix.MaxLength = {Infix.MaxLength}",
                Infix.MaxLength, "a shorter input");
        }

        SkipWhitespace();
        if (_pos == _text.Length)
        {
            throw Error("empty input: expected an expression", 0, "an expression");
        }

        var frame = new Frame(FrameKind.Top, 0, null);
        _frames.Push(frame);
        var expectOperand = true;
        Expr current = Expr.Zero;
        while (true)
        {
            SkipWhitespace();
            frame = _frames.Peek();
            if (expectOperand)
            {
                if (TryReadOperand(frame, out current))
                {
                    expectOperand = false;
                }

                continue;
            }

            if (_pos == _text.Length)
            {
                if (frame.Kind != FrameKind.Top)
                {
                    throw MissingClose(frame);
                }

                return frame.Finish(current, this);
            }

            var c = _text[_pos];
            switch (c)
            {
                case '^':
                    frame.Chain.Add((frame.Signs, current));
                    frame.Signs = 0;
                    frame.PendingDepth++;
                    Deeper();
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
                    frame.EndTerm();
                    frame.Subtract = c == '-';
                    frame.After = _pos++;
                    expectOperand = true;
                    break;
                case ')':
                    if (frame.Kind == FrameKind.Top)
                    {
                        throw Error("unmatched ')': there is no '(' for it to close", _pos, "an operator or end of input");
                    }

                    current = Close(frame, current);
                    break;
                case ',':
                    if (frame.Kind != FrameKind.Call)
                    {
                        throw Error("unexpected ',' outside the argument list of a function call", _pos,
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
                        throw UnexpectedCharacter();
                    }

                    if (frame.Kind == FrameKind.Top)
                    {
                        throw Error($"unexpected {DescribeToken()} after the end of the expression", _pos, "an operator or end of input");
                    }

                    throw MissingClose(frame);
            }
        }
    }

    /// <summary>Reads an operand, a unary sign or an opening parenthesis or call.</summary>
    /// <returns>True when a complete operand was read into <paramref name="operand"/>.</returns>
    private bool TryReadOperand(Frame frame, out Expr operand)
    {
        operand = Expr.Zero;
        if (_pos == _text.Length)
        {
            throw ExpectedExpression(frame);
        }

        var c = _text[_pos];
        if (char.IsAsciiDigit(c) || (c == '.' && _pos + 1 < _text.Length && char.IsAsciiDigit(_text[_pos + 1])))
        {
            operand = ReadNumber();
            return true;
        }

        if (char.IsLetter(c) || c == '_')
        {
            return ReadName(out operand);
        }

        switch (c)
        {
            case '(':
                Deeper();
                _frames.Push(new Frame(FrameKind.Group, _pos, null));
                _pos++;
                return false;
            case '-':
                frame.Signs++;
                frame.PendingDepth++;
                Deeper();
                frame.After = _pos++;
                return false;
            case '+':
                frame.After = _pos++;
                return false;
            case ')' when frame.Kind == FrameKind.Call && frame.IsEmpty && frame.Args!.Count == 0:
                throw ArgumentCount(frame, 0);
            default:
                throw StartsToken(c) ? ExpectedExpression(frame) : UnexpectedCharacter();
        }
    }

    private Expr ReadNumber()
    {
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
            throw Error($"number too long: {digits} digits, more than the limit Infix.MaxNumberDigits = {Infix.MaxNumberDigits}",
                start, "a number with fewer digits");
        }

        if (!Rational.TryParseDecimal(literal, Infix.MaxExponent, out var value))
        {
            throw Error($"number '{Shorten(literal)}' is out of range: its decimal exponent exceeds the limit Infix.MaxExponent = {Infix.MaxExponent}",
                start, "a number with a smaller exponent");
        }

        return Expr.Number(value);
    }

    /// <summary>Reads a variable, a constant or the start of a function call.</summary>
    private bool ReadName(out Expr operand)
    {
        operand = Expr.Zero;
        var start = _pos;
        var name = ReadIdentifier();
        SkipWhitespace();
        var isCall = _pos < _text.Length && _text[_pos] == '(';
        if (isCall)
        {
            if (Functions.ReservedNames.Contains(name))
            {
                throw Error($"'{name}' is a constant, not a function", start, "an operator or end of input");
            }

            if (!Functions.TryGet(name, out var function))
            {
                throw Error($"unknown function '{name}' ({Suggestions.ForFunction(name)})", start, "a known function name");
            }

            Deeper();
            _frames.Push(new Frame(FrameKind.Call, _pos, function) { NameStart = start, Name = name });
            _pos++;
            return false;
        }

        switch (name)
        {
            case "pi":
                operand = Expr.Pi;
                return true;
            case "e":
                operand = Expr.E;
                return true;
        }

        if (Functions.TryGet(name, out var f))
        {
            var placeholders = string.Join(", ", Enumerable.Repeat("...", f.Arity));
            throw Error($"function '{name}' needs arguments: write {name}({placeholders})", start, $"'(' after '{name}'");
        }

        operand = Expr.Symbol(name);
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

    private Expr Close(Frame frame, Expr current)
    {
        var value = frame.Finish(current, this);
        _frames.Pop();
        _depth--;
        _pos++;
        if (frame.Kind == FrameKind.Group)
        {
            return value;
        }

        frame.Args!.Add(value);
        if (!Functions.TryGet(frame.Name!, frame.Args.Count, out var function))
        {
            throw ArgumentCount(frame, frame.Args.Count);
        }

        return Expr.Call(function, frame.Args.ToArray());
    }

    private void Deeper()
    {
        if (++_depth > Infix.MaxDepth)
        {
            throw Error($"expression nested too deeply: more than the limit Infix.MaxDepth = {Infix.MaxDepth} levels of parentheses, function calls, signs and powers",
                _pos, "a less deeply nested expression");
        }
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

        public List<Expr>? Args { get; } = function is null ? null : new List<Expr>(function.Arity);

        public int NameStart { get; init; }

        public string Name { get; init; } = string.Empty;

        /// <summary>Completed terms of the current sum.</summary>
        public List<Expr> Terms { get; } = [];

        /// <summary>Completed factors of the current term.</summary>
        public List<Expr> Factors { get; } = [];

        /// <summary>Pending power bases of the current factor, each with the unary minus count before it.</summary>
        public List<(int Signs, Expr Base)> Chain { get; } = [];

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

        public bool IsEmpty => Terms.Count == 0 && Factors.Count == 0 && Chain.Count == 0 && Signs == 0 && After < 0;

        public void EndFactor(Expr operand, InfixParser parser)
        {
            var value = operand;
            if ((Signs & 1) == 1)
            {
                value = Expr.Negate(value);
            }

            for (var i = Chain.Count - 1; i >= 0; i--)
            {
                value = Expr.Pow(Chain[i].Base, value);
                if ((Chain[i].Signs & 1) == 1)
                {
                    value = Expr.Negate(value);
                }
            }

            Chain.Clear();
            Signs = 0;
            parser._depth -= PendingDepth;
            PendingDepth = 0;
            Factors.Add(Divide ? Expr.Pow(value, Expr.MinusOne) : value);
            Divide = false;
        }

        public void EndTerm()
        {
            if (Subtract)
            {
                Factors.Add(Expr.MinusOne);
            }

            Terms.Add(Factors.Count == 1 ? Factors[0] : Expr.Multiply(Factors));
            Factors.Clear();
            Subtract = false;
        }

        public Expr Finish(Expr operand, InfixParser parser)
        {
            EndFactor(operand, parser);
            EndTerm();
            return Terms.Count == 1 ? Terms[0] : Expr.Add(Terms);
        }

        public void Reset()
        {
            Terms.Clear();
            After = -1;
        }
    }
}
