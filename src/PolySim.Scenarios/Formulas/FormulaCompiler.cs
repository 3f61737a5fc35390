using PolySim.Core.Finance;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;

namespace PolySim.Scenarios.Formulas;

/// <summary>
/// Validates a custom formula over named jurisdiction attributes and compiles it, once, to a delegate
/// (MODEL.md section 6, "custom" equalization rules). See docs/scenarios.md, "Custom formulas".
/// </summary>
/// <remarks>
/// <para>
/// The language is arithmetic only: numbers, the names in <see cref="FormulaAttributes.All"/>, the functions in
/// <see cref="FormulaAttributes.Functions"/>, <c>+ - * / ^</c> (power), unary minus, parentheses, and
/// <c>condition ? a : b</c> where the condition is one comparison (<c>&lt; &lt;= &gt; &gt;= == !=</c>).
/// Precedence, loosest first: <c>? :</c>; comparison; <c>+ -</c>; <c>* /</c>; unary minus; <c>^</c>.
/// <c>^</c> is right-associative (<c>2 ^ 3 ^ 2 = 2 ^ 9</c>) and binds tighter than unary minus
/// (<c>-2 ^ 2 = -4</c>); its exponent may carry a sign (<c>2 ^ -1 = 0.5</c>). All arithmetic is IEEE double.
/// </para>
/// <para>
/// Safety: the text is first cut into tokens by a whitelisting scanner that knows only the characters and names above;
/// anything else (strings, member access such as <c>System.IO.File</c>, <c>new</c>, <c>;</c>, <c>=</c>, unknown
/// names) is an error with its position, and nothing more happens. A recursive-descent parser then checks the
/// structure (arity, balanced parentheses, nesting depth) and builds a <see cref="System.Linq.Expressions"/> tree from
/// a fixed table: only properties of <see cref="JurisdictionAttributes"/>, constants, arithmetic nodes and
/// <see cref="Math"/> methods can occur in it. Only a formula without errors is compiled, and only once.
/// </para>
/// <para>
/// Run-time results may be NaN or infinite (<c>pop / fc</c> with <c>fc = 0</c>, <c>sqrt(-1)</c>, <c>log(0)</c>);
/// the formula never throws, and the caller must check the value (for example with <see cref="double.IsFinite"/>)
/// before using it as a share. Comparisons with NaN are false (<c>!=</c> is true).
/// </para>
/// </remarks>
public static class FormulaCompiler
{
    /// <summary>Longest formula accepted, in characters.</summary>
    public const int MaxLength = 10_000;

    /// <summary>Deepest nesting of parentheses, function calls, signs and powers accepted.</summary>
    public const int MaxDepth = 64;

    /// <summary>How many formulas this thread has compiled to a delegate (tests check that rejected text is never compiled).</summary>
    [ThreadStatic] private static int compiledOnThread;

    internal static int CompiledOnThisThread => compiledOnThread;

    /// <summary>
    /// Validates <paramref name="text"/> and, when it is valid, compiles it to a delegate. Returns null, with at least one
    /// error, when it is not; nothing of a rejected formula is compiled or run.
    /// </summary>
    public static Func<JurisdictionAttributes, double>? Compile(string text, out IReadOnlyList<FormulaError> errors)
    {
        var node = Parse(text, out errors);
        if (node is null) return null;
        var parameter = Expression.Parameter(typeof(JurisdictionAttributes), "j");
        var lambda = Expression.Lambda<Func<JurisdictionAttributes, double>>(Emit(node, parameter), "formula", [parameter]);
        compiledOnThread++;
        return lambda.Compile(preferInterpretation: false);
    }

    /// <summary>Validates <paramref name="text"/> without compiling it; empty when it is a valid formula.</summary>
    public static IReadOnlyList<FormulaError> Validate(string text)
    {
        Parse(text, out var errors);
        return errors;
    }

    private static Node? Parse(string text, out IReadOnlyList<FormulaError> errors)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxLength)
        {
            errors = [FormulaError.At(text, MaxLength, text.Length - MaxLength, $"the formula is {text.Length} characters long; at most {MaxLength} are allowed")];
            return null;
        }
        var tokens = Scanner.Scan(text, out var scanErrors);
        if (scanErrors.Count > 0)
        {
            errors = scanErrors;
            return null;
        }
        try
        {
            var node = new Parser(text, tokens).ParseFormula();
            errors = [];
            return node;
        }
        catch (SyntaxError e)
        {
            errors = [FormulaError.At(text, e.Position, e.Length, e.Message)];
            return null;
        }
    }

    // ---------------------------------------------------------------- tokens

    private enum Kind { Number, Attribute, Function, Plus, Minus, Star, Slash, Caret, LParen, RParen, Comma, Question, Colon, Compare, End }

    private readonly record struct Token(Kind Kind, int Position, int Length, string Text, double Value = 0);

    /// <summary>The whitelisting pre-scan: every character is either part of a known token or an error.</summary>
    private static class Scanner
    {
        public static List<Token> Scan(string text, out List<FormulaError> errors)
        {
            var tokens = new List<Token>();
            errors = [];
            int i = 0;
            while (i < text.Length)
            {
                char c = text[i];
                if (char.IsWhiteSpace(c))
                {
                    i++;
                    continue;
                }
                if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
                {
                    i = ScanNumber(text, i, tokens, errors);
                    continue;
                }
                if (IsNameStart(c))
                {
                    i = ScanName(text, i, tokens, errors);
                    continue;
                }
                switch (c)
                {
                    case '+': tokens.Add(new(Kind.Plus, i++, 1, "+")); continue;
                    case '-': tokens.Add(new(Kind.Minus, i++, 1, "-")); continue;
                    case '*': tokens.Add(new(Kind.Star, i++, 1, "*")); continue;
                    case '/': tokens.Add(new(Kind.Slash, i++, 1, "/")); continue;
                    case '^': tokens.Add(new(Kind.Caret, i++, 1, "^")); continue;
                    case '(': tokens.Add(new(Kind.LParen, i++, 1, "(")); continue;
                    case ')': tokens.Add(new(Kind.RParen, i++, 1, ")")); continue;
                    case ',': tokens.Add(new(Kind.Comma, i++, 1, ",")); continue;
                    case '?': tokens.Add(new(Kind.Question, i++, 1, "?")); continue;
                    case ':': tokens.Add(new(Kind.Colon, i++, 1, ":")); continue;
                    case '<' or '>':
                    {
                        int n = i + 1 < text.Length && text[i + 1] == '=' ? 2 : 1;
                        tokens.Add(new(Kind.Compare, i, n, text.Substring(i, n)));
                        i += n;
                        continue;
                    }
                    case '=' or '!' when i + 1 < text.Length && text[i + 1] == '=':
                        tokens.Add(new(Kind.Compare, i, 2, text.Substring(i, 2)));
                        i += 2;
                        continue;
                    case '=':
                        errors.Add(FormulaError.At(text, i++, 1, "'=' (assignment) is not allowed; compare with '==' inside 'condition ? a : b'; " + FormulaAttributes.ValidNames));
                        continue;
                    case '"' or '\'':
                    {
                        int end = text.IndexOf(c, i + 1);
                        end = end < 0 ? text.Length : end + 1;
                        errors.Add(FormulaError.At(text, i, end - i,
                            $"string literal {text[i..end]} is not allowed: a formula computes a number from attributes, numbers and functions; " + FormulaAttributes.ValidNames));
                        i = end;
                        continue;
                    }
                    case '.':
                    {
                        int end = i + 1;
                        while (end < text.Length && IsNamePart(text[end])) end++;
                        errors.Add(FormulaError.At(text, i, end - i,
                            $"member access '{text[i..end]}' is not allowed: only the attribute names and functions of the formula language exist; " + FormulaAttributes.ValidNames));
                        i = end;
                        continue;
                    }
                    case ';':
                        errors.Add(FormulaError.At(text, i++, 1, "';' is not allowed: a formula is a single expression, not statements; " + FormulaAttributes.ValidNames));
                        continue;
                    default:
                        errors.Add(FormulaError.At(text, i++, 1,
                            $"character '{c}' is not allowed; valid are numbers, names, + - * / ^ ( ) , and comparisons < <= > >= == != with '? :'; " + FormulaAttributes.ValidNames));
                        continue;
                }
            }
            tokens.Add(new(Kind.End, text.Length, 0, "end of formula"));
            return tokens;
        }

        private static bool IsNameStart(char c) => char.IsLetter(c) || c == '_' || c == '@';

        private static bool IsNamePart(char c) => char.IsLetterOrDigit(c) || c == '_';

        private static int ScanNumber(string text, int i, List<Token> tokens, List<FormulaError> errors)
        {
            int start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
            if (i < text.Length && text[i] == '.')
            {
                i++;
                while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
            }
            if (i < text.Length && text[i] is 'e' or 'E')
            {
                int mark = i;
                i++;
                if (i < text.Length && text[i] is '+' or '-') i++;
                if (i < text.Length && char.IsAsciiDigit(text[i]))
                    while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
                else
                    i = mark; // "2e" or "2ex": leave the letter to the check below
            }
            if (i < text.Length && (IsNamePart(text[i]) || text[i] == '.'))
            {
                int end = i;
                while (end < text.Length && (IsNamePart(text[end]) || text[end] == '.')) end++;
                errors.Add(FormulaError.At(text, start, end - start,
                    $"'{text[start..end]}' is not a number: write numbers like 1500, 0.25 or 1.5e6, and separate a number from a name with an operator (2 * pop)"));
                return end;
            }
            double value = double.Parse(text.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);
            if (!double.IsFinite(value))
                errors.Add(FormulaError.At(text, start, i - start, $"the number {text[start..i]} is too large for a double"));
            else
                tokens.Add(new(Kind.Number, start, i - start, text[start..i], value));
            return i;
        }

        private static int ScanName(string text, int i, List<Token> tokens, List<FormulaError> errors)
        {
            int start = i;
            i++;
            while (i < text.Length && IsNamePart(text[i])) i++;
            string name = text[start..i];

            // A dotted chain (System.IO.File.Delete, Math.Exp, pop.ToString) is member access: one error for the whole chain.
            int end = i;
            while (end + 1 < text.Length && text[end] == '.' && IsNameStart(text[end + 1]))
            {
                end += 2;
                while (end < text.Length && IsNamePart(text[end])) end++;
            }
            if (end > i)
            {
                string chain = text[start..end];
                string last = chain[(chain.LastIndexOf('.') + 1)..];
                var function = FormulaAttributes.FindFunction(last.ToLowerInvariant());
                string hint = function is not null
                    ? $"call the formula function {function.Name}(...) directly, without '{chain[..chain.LastIndexOf('.')]}.'"
                    : "types, namespaces, methods and members are not part of the formula language";
                errors.Add(FormulaError.At(text, start, end - start, $"'{chain}' is not allowed: {hint}; " + FormulaAttributes.ValidNames));
                return end;
            }

            if (FormulaAttributes.Find(name) is { } attribute)
                tokens.Add(new(Kind.Attribute, start, name.Length, attribute.Name));
            else if (FormulaAttributes.FindFunction(name) is { } function)
                tokens.Add(new(Kind.Function, start, name.Length, function.Name));
            else
            {
                string what = name switch
                {
                    "new" => "'new' (object creation) is not allowed",
                    "Math" => "'Math' is not allowed: call the formula functions (exp, sqrt, ...) directly",
                    _ when name.StartsWith('@') => $"'{name}' is not allowed: verbatim identifiers are not part of the formula language",
                    _ => $"unknown name '{name}'",
                };
                string? closest = FormulaAttributes.Closest(name.TrimStart('@'));
                string suggestion = closest is not null && name is not ("new" or "Math") ? $"; did you mean '{closest}'?" : "";
                errors.Add(FormulaError.At(text, start, name.Length, $"{what}{suggestion}; " + FormulaAttributes.ValidNames));
            }
            return i;
        }
    }

    // ---------------------------------------------------------------- syntax tree

    private abstract record Node;
    private sealed record NumberNode(double Value) : Node;
    private sealed record AttributeNode(FormulaAttribute Attribute) : Node;
    private sealed record NegateNode(Node Operand) : Node;
    private sealed record BinaryNode(Kind Operator, Node Left, Node Right) : Node;
    private sealed record CallNode(FormulaFunction Function, IReadOnlyList<Node> Arguments) : Node;
    private sealed record ConditionNode(string Comparison, Node Left, Node Right, Node Then, Node Else) : Node;

    private sealed class SyntaxError(int position, int length, string message) : Exception(message)
    {
        public int Position { get; } = position;
        public int Length { get; } = length;
    }

    /// <summary>
    /// formula := conditional END; conditional := additive [compare additive '?' conditional ':' conditional];
    /// additive := multiplicative (('+'|'-') multiplicative)*; multiplicative := unary (('*'|'/') unary)*;
    /// unary := ('-'|'+') unary | power; power := primary ['^' unary];
    /// primary := number | attribute | function '(' conditional (',' conditional)* ')' | '(' conditional ')'.
    /// </summary>
    private sealed class Parser(string text, List<Token> tokens)
    {
        private int next;
        private int depth;

        private Token Current => tokens[next];

        private static string Describe(Token t) => t.Kind == Kind.End ? "the end of the formula" : $"'{t.Text}'";

        private static SyntaxError Error(Token t, string message) => new(t.Position, Math.Max(1, t.Length), message);

        public Node ParseFormula()
        {
            if (Current.Kind == Kind.End)
                throw new SyntaxError(0, Math.Max(1, text.Length), "the formula is empty; write an expression such as pop * (avg_fc / fc); " + FormulaAttributes.ValidNames);
            var node = ParseConditional();
            if (Current.Kind == Kind.End) return node;
            if (Current.Kind == Kind.RParen) throw Error(Current, "')' has no matching '('");
            if (Current.Kind is Kind.Question or Kind.Colon)
                throw Error(Current, $"{Describe(Current)} is misplaced: write 'a < b ? x : y' with one comparison as the condition");
            throw Error(Current, $"{Describe(Current)} follows a complete expression; join terms with an operator (+ - * / ^)");
        }

        private Node ParseConditional()
        {
            Enter();
            var left = ParseAdditive();
            if (Current.Kind == Kind.Question)
                throw Error(Current, "the condition before '?' must be a comparison (<, <=, >, >=, ==, !=)");
            if (Current.Kind != Kind.Compare)
            {
                depth--;
                return left;
            }
            var comparison = tokens[next++];
            var right = ParseAdditive();
            if (Current.Kind != Kind.Question)
                throw Error(Current.Kind == Kind.End ? comparison : Current,
                    $"a comparison ('{comparison.Text}') may only be the condition of 'condition ? a : b'; found {Describe(Current)} where '?' was expected");
            next++;
            var then = ParseConditional();
            if (Current.Kind != Kind.Colon)
                throw Error(Current, $"expected ':' (the 'else' value of 'condition ? a : b') but found {Describe(Current)}");
            next++;
            var @else = ParseConditional();
            depth--;
            return new ConditionNode(comparison.Text, left, right, then, @else);
        }

        private Node ParseAdditive()
        {
            var left = ParseMultiplicative();
            while (Current.Kind is Kind.Plus or Kind.Minus)
            {
                var op = tokens[next++].Kind;
                left = new BinaryNode(op, left, ParseMultiplicative());
            }
            return left;
        }

        private Node ParseMultiplicative()
        {
            var left = ParseUnary();
            while (Current.Kind is Kind.Star or Kind.Slash)
            {
                var op = tokens[next++].Kind;
                left = new BinaryNode(op, left, ParseUnary());
            }
            return left;
        }

        private Node ParseUnary()
        {
            if (Current.Kind is Kind.Minus or Kind.Plus)
            {
                bool minus = tokens[next++].Kind == Kind.Minus;
                Enter();
                var operand = ParseUnary();
                depth--;
                return minus ? new NegateNode(operand) : operand;
            }
            var node = ParsePrimary();
            if (Current.Kind != Kind.Caret) return node;
            next++;
            Enter();
            var exponent = ParseUnary(); // right-associative: 2 ^ 3 ^ 2 = 2 ^ (3 ^ 2); 2 ^ -1 allowed
            depth--;
            return new BinaryNode(Kind.Caret, node, exponent);
        }

        private Node ParsePrimary()
        {
            var t = Current;
            switch (t.Kind)
            {
                case Kind.Number:
                    next++;
                    return new NumberNode(t.Value);
                case Kind.Attribute:
                    next++;
                    if (Current.Kind == Kind.LParen)
                        throw Error(t, $"'{t.Text}' is an attribute, not a function: it cannot be called with '(...)'; valid functions: {string.Join(", ", FormulaAttributes.Functions.Select(f => f.Name))}");
                    return new AttributeNode(FormulaAttributes.Find(t.Text)!);
                case Kind.Function:
                    return ParseCall();
                case Kind.LParen:
                {
                    next++;
                    Enter();
                    var inner = ParseConditional();
                    depth--;
                    if (Current.Kind == Kind.RParen)
                    {
                        next++;
                        return inner;
                    }
                    if (Current.Kind == Kind.End)
                        throw Error(t, "'(' is never closed: add ')'");
                    throw Error(Current, $"expected ')' to close the '(' at column {ColumnOf(t.Position)} but found {Describe(Current)}");
                }
                case Kind.End:
                    throw new SyntaxError(t.Position, 1, "the formula ends where a value (number, attribute, function call or '(') is expected");
                default:
                    throw Error(t, $"{Describe(t)} where a value (number, attribute, function call or '(') is expected");
            }
        }

        private Node ParseCall()
        {
            var name = tokens[next++];
            var function = FormulaAttributes.FindFunction(name.Text)!;
            if (Current.Kind != Kind.LParen)
                throw Error(name, $"function '{function.Name}' must be called with its arguments in parentheses: {function.Signature}");
            var open = tokens[next++];
            Enter();
            var arguments = new List<Node>();
            if (Current.Kind != Kind.RParen)
                while (true)
                {
                    arguments.Add(ParseConditional());
                    if (Current.Kind != Kind.Comma) break;
                    next++;
                }
            depth--;
            if (Current.Kind == Kind.End)
                throw Error(open, $"'(' of {function.Name}(...) is never closed: add ')'");
            if (Current.Kind != Kind.RParen)
                throw Error(Current, $"expected ',' or ')' in {function.Signature} but found {Describe(Current)}");
            next++;
            if (arguments.Count < function.MinArgs || arguments.Count > function.MaxArgs)
            {
                string expected = function.MaxArgs == int.MaxValue ? $"at least {function.MinArgs}" : function.MinArgs == function.MaxArgs ? $"{function.MinArgs}" : $"{function.MinArgs} to {function.MaxArgs}";
                throw Error(name, $"function '{function.Name}' takes {expected} argument{(expected == "1" ? "" : "s")} ({function.Signature}) but was given {arguments.Count}");
            }
            return new CallNode(function, arguments);
        }

        private void Enter()
        {
            if (++depth > MaxDepth)
                throw Error(Current, $"the formula is nested more than {MaxDepth} levels deep");
        }

        private int ColumnOf(int position) => FormulaError.At(text, position, 1, "").Column;
    }

    // ---------------------------------------------------------------- expression tree

    private static readonly MethodInfo MathMin = Method(nameof(Math.Min), typeof(double), typeof(double));
    private static readonly MethodInfo MathMax = Method(nameof(Math.Max), typeof(double), typeof(double));
    private static readonly MethodInfo MathRound = Method(nameof(Math.Round), typeof(double), typeof(MidpointRounding));

    private static MethodInfo Method(string name, params Type[] parameters) =>
        typeof(Math).GetMethod(name, BindingFlags.Public | BindingFlags.Static, parameters)
        ?? throw new InvalidOperationException($"Math.{name} not found");

    private static Expression Emit(Node node, ParameterExpression j) => node switch
    {
        NumberNode n => Expression.Constant(n.Value, typeof(double)),
        AttributeNode a => Expression.Property(j, a.Attribute.Property),
        NegateNode n => Expression.Negate(Emit(n.Operand, j)),
        BinaryNode b => b.Operator switch
        {
            Kind.Plus => Expression.Add(Emit(b.Left, j), Emit(b.Right, j)),
            Kind.Minus => Expression.Subtract(Emit(b.Left, j), Emit(b.Right, j)),
            Kind.Star => Expression.Multiply(Emit(b.Left, j), Emit(b.Right, j)),
            Kind.Slash => Expression.Divide(Emit(b.Left, j), Emit(b.Right, j)),
            Kind.Caret => Expression.Power(Emit(b.Left, j), Emit(b.Right, j)),
            _ => throw new InvalidOperationException($"operator {b.Operator}"),
        },
        CallNode c => EmitCall(c, c.Arguments.Select(a => Emit(a, j)).ToList()),
        ConditionNode c => Expression.Condition(
            c.Comparison switch
            {
                "<" => Expression.LessThan(Emit(c.Left, j), Emit(c.Right, j)),
                "<=" => Expression.LessThanOrEqual(Emit(c.Left, j), Emit(c.Right, j)),
                ">" => Expression.GreaterThan(Emit(c.Left, j), Emit(c.Right, j)),
                ">=" => Expression.GreaterThanOrEqual(Emit(c.Left, j), Emit(c.Right, j)),
                "==" => Expression.Equal(Emit(c.Left, j), Emit(c.Right, j)),
                "!=" => Expression.NotEqual(Emit(c.Left, j), Emit(c.Right, j)),
                _ => throw new InvalidOperationException($"comparison {c.Comparison}"),
            },
            Emit(c.Then, j), Emit(c.Else, j)),
        _ => throw new InvalidOperationException(node.GetType().Name),
    };

    private static Expression EmitCall(CallNode call, List<Expression> a) => call.Function.Name switch
    {
        "min" => a.Skip(1).Aggregate(a[0], (acc, x) => Expression.Call(MathMin, acc, x)),
        "max" => a.Skip(1).Aggregate(a[0], (acc, x) => Expression.Call(MathMax, acc, x)),
        "abs" => Expression.Call(Method(nameof(Math.Abs), typeof(double)), a[0]),
        "sqrt" => Expression.Call(Method(nameof(Math.Sqrt), typeof(double)), a[0]),
        "log" => Expression.Call(Method(nameof(Math.Log), typeof(double)), a[0]),
        "exp" => Expression.Call(Method(nameof(Math.Exp), typeof(double)), a[0]),
        "pow" => Expression.Power(a[0], a[1]),
        "floor" => Expression.Call(Method(nameof(Math.Floor), typeof(double)), a[0]),
        "ceiling" => Expression.Call(Method(nameof(Math.Ceiling), typeof(double)), a[0]),
        "round" => Expression.Call(MathRound, a[0], Expression.Constant(MidpointRounding.AwayFromZero)),
        "clamp" => Expression.Call(MathMin, Expression.Call(MathMax, a[0], a[1]), a[2]), // Math.Clamp throws when lo > hi
        _ => throw new InvalidOperationException($"function {call.Function.Name}"),
    };
}
