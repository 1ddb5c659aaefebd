using System.Globalization;

namespace Tightrope.Gravity.Data;

/// <summary>
/// A small row-wise expression language for subsets and derived columns, e.g. <c>year in (1986, 1990) &amp; exporter != importer</c>
/// or <c>(exporter != importer) * (year == 1986)</c>. Numbers, quoted strings, variables, + − * /, comparisons (== != &lt; &lt;= &gt; &gt;=),
/// <c>in (…)</c>, &amp; and |, the functions log, exp and abs, and <c>groupsum(value, var, …)</c> (sum within groups). Comparisons and logic give 1 or 0; missing inputs give a missing result.
/// </summary>
public sealed class RowExpression
{
    private readonly Node _root;

    private RowExpression(string text, Node root)
    {
        Text = text;
        _root = root;
    }

    /// <summary>The expression as written.</summary>
    public string Text { get; }

    /// <summary>Parses the expression; an <see cref="ArgumentException"/> points at the problem.</summary>
    public static RowExpression Parse(string text)
    {
        var parser = new Parser(text);
        var node = parser.ParseOr();
        parser.Expect(TokenEnd);
        return new RowExpression(text, node);
    }

    /// <summary>Evaluates the expression on every row as numbers (NaN = missing).</summary>
    public double[] Evaluate(ColumnarTable table)
    {
        var v = _root.Eval(table);
        return v.Numbers ?? throw new ArgumentException($"expression '{Text}' gives text, expected a number or condition.");
    }

    /// <summary>Evaluates a condition: true where the expression is non-zero (missing = false).</summary>
    public bool[] EvaluateCondition(ColumnarTable table) => [.. Evaluate(table).Select(v => !double.IsNaN(v) && v != 0)];

    /// <summary>Adds the column <c>NAME</c> defined by <c>NAME = EXPRESSION</c> to <paramref name="table"/>.</summary>
    public static ColumnarTable Derive(ColumnarTable table, string definition)
    {
        var eq = definition.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0 || (eq + 1 < definition.Length && definition[eq + 1] == '='))
        {
            throw new ArgumentException($"derived column '{definition}': expected NAME = EXPRESSION.");
        }

        var name = definition[..eq].Trim();
        var values = Parse(definition[(eq + 1)..]).Evaluate(table);
        return table.With(new NumericColumn(name, values));
    }

    private const string TokenEnd = "<end>";

    private sealed record Value(double[]? Numbers, string?[]? Texts);

    private abstract class Node
    {
        public abstract Value Eval(ColumnarTable t);
    }

    private sealed class Constant(double? number, string? text) : Node
    {
        public override Value Eval(ColumnarTable t) => number is double d
            ? new Value(Enumerable.Repeat(d, t.RowCount).ToArray(), null)
            : new Value(null, Enumerable.Repeat(text, t.RowCount).ToArray());
    }

    private sealed class Variable(string name) : Node
    {
        public string Name => name;

        public override Value Eval(ColumnarTable t) => t.Column(name) switch
        {
            NumericColumn n => new Value(n.Values, null),
            TextColumn s => new Value(null, s.Values),
            _ => throw new InvalidOperationException(),
        };
    }

    private sealed class Function(string name, Node arg) : Node
    {
        public override Value Eval(ColumnarTable t)
        {
            var v = arg.Eval(t).Numbers ?? throw new ArgumentException($"{name}() needs a number.");
            Func<double, double> f = name switch
            {
                "log" or "ln" => x => x > 0 ? Math.Log(x) : double.NaN,
                "exp" => Math.Exp,
                "abs" => Math.Abs,
                _ => throw new ArgumentException($"unknown function {name}(); known: log, exp, abs."),
            };
            return new Value([.. v.Select(f)], null);
        }
    }

    private sealed class Binary(string op, Node left, Node right) : Node
    {
        public override Value Eval(ColumnarTable t)
        {
            var a = left.Eval(t);
            var b = right.Eval(t);
            var n = t.RowCount;
            var r = new double[n];
            if (a.Texts is not null || b.Texts is not null)
            {
                if (a.Texts is null || b.Texts is null || op is not ("==" or "!=" or "<" or ">" or "<=" or ">="))
                {
                    throw new ArgumentException($"operator '{op}' cannot mix text and numbers.");
                }

                for (var i = 0; i < n; i++)
                {
                    if (a.Texts[i] is null || b.Texts[i] is null)
                    {
                        r[i] = double.NaN;
                        continue;
                    }

                    var c = string.CompareOrdinal(a.Texts[i], b.Texts[i]);
                    r[i] = Compare(op, c) ? 1 : 0;
                }

                return new Value(r, null);
            }

            var x = a.Numbers!;
            var y = b.Numbers!;
            for (var i = 0; i < n; i++)
            {
                r[i] = double.IsNaN(x[i]) || double.IsNaN(y[i]) ? double.NaN : op switch
                {
                    "+" => x[i] + y[i],
                    "-" => x[i] - y[i],
                    "*" => x[i] * y[i],
                    "/" => x[i] / y[i],
                    "&" => x[i] != 0 && y[i] != 0 ? 1 : 0,
                    "|" => x[i] != 0 || y[i] != 0 ? 1 : 0,
                    _ => Compare(op, x[i].CompareTo(y[i])) ? 1 : 0,
                };
            }

            return new Value(r, null);
        }

        private static bool Compare(string op, int c) => op switch
        {
            "==" => c == 0,
            "!=" => c != 0,
            "<" => c < 0,
            "<=" => c <= 0,
            ">" => c > 0,
            ">=" => c >= 0,
            _ => throw new ArgumentException($"unknown operator '{op}'."),
        };
    }

    private sealed class InList(Node subject, List<Node> items) : Node
    {
        public override Value Eval(ColumnarTable t)
        {
            var s = subject.Eval(t);
            var values = items.Select(i => i.Eval(t)).ToList();
            var r = new double[t.RowCount];
            for (var i = 0; i < r.Length; i++)
            {
                r[i] = s.Texts is not null
                    ? (s.Texts[i] is null ? double.NaN : values.Any(v => v.Texts?[i] == s.Texts[i]) ? 1 : 0)
                    : (double.IsNaN(s.Numbers![i]) ? double.NaN : values.Any(v => v.Numbers?[i] == s.Numbers[i]) ? 1 : 0);
            }

            return new Value(r, null);
        }
    }

    // Sum of a value over the rows sharing the levels of the grouping variables (missing values count as zero).
    private sealed class GroupSum(Node value, string[] groups) : Node
    {
        public override Value Eval(ColumnarTable t)
        {
            var v = value.Eval(t).Numbers ?? throw new ArgumentException("groupsum() sums numbers.");
            var keys = new string[t.RowCount];
            var cols = groups.Select(t.Column).ToArray();
            var sums = new Dictionary<string, double>(StringComparer.Ordinal);
            for (var i = 0; i < keys.Length; i++)
            {
                keys[i] = string.Join("\u0001", cols.Select(c => c.Text(i)));
                sums[keys[i]] = sums.GetValueOrDefault(keys[i]) + (double.IsNaN(v[i]) ? 0 : v[i]);
            }

            return new Value([.. keys.Select(k => sums[k])], null);
        }
    }

    private sealed class Negate(Node inner) : Node
    {
        public override Value Eval(ColumnarTable t) =>
            new([.. (inner.Eval(t).Numbers ?? throw new ArgumentException("unary minus needs a number.")).Select(v => -v)], null);
    }

    private sealed class Parser
    {
        private readonly string _text;
        private readonly List<string> _tokens = [];
        private int _pos;

        public Parser(string text)
        {
            _text = text;
            var i = 0;
            while (i < text.Length)
            {
                var c = text[i];
                if (char.IsWhiteSpace(c))
                {
                    i++;
                }
                else if (char.IsDigit(c) || (c == '.' && i + 1 < text.Length && char.IsDigit(text[i + 1])))
                {
                    var j = i;
                    while (j < text.Length && (char.IsDigit(text[j]) || text[j] is '.' or 'e' or 'E' || ((text[j] is '+' or '-') && text[j - 1] is 'e' or 'E')))
                    {
                        j++;
                    }

                    _tokens.Add(text[i..j]);
                    i = j;
                }
                else if (char.IsLetter(c) || c == '_')
                {
                    var j = i;
                    while (j < text.Length && (char.IsLetterOrDigit(text[j]) || text[j] == '_'))
                    {
                        j++;
                    }

                    _tokens.Add(text[i..j]);
                    i = j;
                }
                else if (c is '"' or '\'')
                {
                    var j = text.IndexOf(c, i + 1);
                    if (j < 0)
                    {
                        throw new ArgumentException($"expression '{text}': unterminated string.");
                    }

                    _tokens.Add(text[i..(j + 1)]);
                    i = j + 1;
                }
                else if (i + 1 < text.Length && text.Substring(i, 2) is "==" or "!=" or "<=" or ">=" or "&&" or "||")
                {
                    _tokens.Add(text.Substring(i, 2) switch { "&&" => "&", "||" => "|", var s => s });
                    i += 2;
                }
                else if ("+-*/()<>,&|".Contains(c))
                {
                    _tokens.Add(c.ToString());
                    i++;
                }
                else
                {
                    throw new ArgumentException($"expression '{text}': unexpected character '{c}'.");
                }
            }

            _tokens.Add(TokenEnd);
        }

        private string Peek => _tokens[_pos];

        public void Expect(string token)
        {
            if (Peek != token)
            {
                throw new ArgumentException($"expression '{_text}': expected '{token}' but found '{Peek}'.");
            }

            _pos++;
        }

        public Node ParseOr()
        {
            var left = ParseAnd();
            while (Peek == "|")
            {
                _pos++;
                left = new Binary("|", left, ParseAnd());
            }

            return left;
        }

        private Node ParseAnd()
        {
            var left = ParseComparison();
            while (Peek == "&")
            {
                _pos++;
                left = new Binary("&", left, ParseComparison());
            }

            return left;
        }

        private Node ParseComparison()
        {
            var left = ParseSum();
            if (Peek is "==" or "!=" or "<" or "<=" or ">" or ">=")
            {
                var op = _tokens[_pos++];
                return new Binary(op, left, ParseSum());
            }

            if (Peek == "in")
            {
                _pos++;
                Expect("(");
                var items = new List<Node> { ParseSum() };
                while (Peek == ",")
                {
                    _pos++;
                    items.Add(ParseSum());
                }

                Expect(")");
                return new InList(left, items);
            }

            return left;
        }

        private Node ParseSum()
        {
            var left = ParseProduct();
            while (Peek is "+" or "-")
            {
                var op = _tokens[_pos++];
                left = new Binary(op, left, ParseProduct());
            }

            return left;
        }

        private Node ParseProduct()
        {
            var left = ParseUnary();
            while (Peek is "*" or "/")
            {
                var op = _tokens[_pos++];
                left = new Binary(op, left, ParseUnary());
            }

            return left;
        }

        private Node ParseUnary()
        {
            if (Peek == "-")
            {
                _pos++;
                return new Negate(ParseUnary());
            }

            var token = _tokens[_pos++];
            if (token == "(")
            {
                var inner = ParseOr();
                Expect(")");
                return inner;
            }

            if (token[0] is '"' or '\'')
            {
                return new Constant(null, token[1..^1]);
            }

            if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            {
                return new Constant(d, null);
            }

            if (char.IsLetter(token[0]) || token[0] == '_')
            {
                if (Peek == "(")
                {
                    _pos++;
                    var args = new List<Node> { ParseOr() };
                    while (Peek == ",")
                    {
                        _pos++;
                        args.Add(ParseOr());
                    }

                    Expect(")");
                    if (token == "groupsum")
                    {
                        return new GroupSum(args[0], [.. args.Skip(1).Select(a => a is Variable v ? v.Name : throw new ArgumentException($"expression '{_text}': groupsum(value, var, ...) groups by variables."))]);
                    }

                    return args.Count == 1 ? new Function(token, args[0]) : throw new ArgumentException($"expression '{_text}': {token}() takes one argument.");
                }

                return new Variable(token);
            }

            throw new ArgumentException($"expression '{_text}': unexpected '{token}'.");
        }
    }
}
