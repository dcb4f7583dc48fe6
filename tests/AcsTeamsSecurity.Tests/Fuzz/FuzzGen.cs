using System.Globalization;
using System.Text;

namespace AcsTeamsSecurity.Tests.Fuzz
{
    /// <summary>
    /// Deterministic input generator for the fuzz tests. Every input is built from its own <see cref="Random"/>
    /// seeded from (test seed, iteration), so a failure names the one iteration to replay. Strategies: pure random
    /// strings (ASCII, control characters, BMP, lone surrogates, emoji), mutations of valid samples, and JSON text
    /// with odd types, escapes, duplicates, deep nesting and large sizes (all bounded).
    /// </summary>
    internal sealed class FuzzGen
    {
        /// <summary>Characters that tend to matter to parsers: separators, quotes, escapes, whitespace of every kind, BOM, NUL.</summary>
        internal static readonly char[] Interesting =
        {
            '\0', '\t', '\n', '\r', '\v', '\f', ' ', '\u0085', '\u00A0', '\u1680', '\u2028', '\u2029', '\u200B', '\u3000', '\uFEFF', '\uFFFD', '\uFFFF',
            ';', '=', '.', ',', ':', '/', '\\', '?', '#', '&', '%', '+', '-', '_', '@', '\'', '"', '{', '}', '[', ']', '(', ')', '<', '>', '*', '|', '~', '`', '!', '$',
            '\uD800', '\uDBFF', '\uDC00', '\uDFFF', 'İ', 'ı', 'ſ', 'K', 'ß', 'é', '０', '９', 'Ａ', '－', '＿', '；', '＝',
            '\u2018', '\u2019', '\u201A', '\u201B', '\u201C', '\u201D', '\u201E', '\u2013', '\u2014', '\u2015', '\u001B', '\u0007', '\u007F', '\u009B', '\u202E', '＠', '＋',
        };

        /// <summary>PowerShell's quote characters (single and double, ASCII and Unicode) and dashes: what breaks generated commands.</summary>
        internal static readonly string[] QuotesAndDashes = { "'", "\u2018", "\u2019", "\u201A", "\u201B", "\"", "\u201C", "\u201D", "\u201E", "`", "$", "$(", "@(", ";", "|", "&", "#", "<#", "\u2013", "\u2014", "-", "\n", "\r", "\u001B[31m", "\0" };

        /// <summary>Numbers that are integral but not written as integers, at and beyond 32-bit limits, and out of every range.</summary>
        internal static readonly string[] NumericEdgeCases = { "1.0", "1e3", "1E+3", "10e-1", "-1", "-0.0", "0.0", "2147483647", "2147483648", "-2147483648", "4294967296", "1e308", "-1e308", "1.7976931348623157e308", "1e-400", "0.5", "99999999999999999999999999999999999999", "2147483647.0000000001" };

        internal static readonly string[] Emoji = { "😀", "👩‍💻", "🏳️‍🌈", "🇺🇸", "𝔘", "𐐷", "\U0010FFFF" };

        private const string Base64Chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        private const string Base64UrlChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

        private readonly Random _random;

        internal FuzzGen(int seed, int iteration)
        {
            // A fixed mix (not HashCode.Combine, which is randomized per process) so an iteration replays anywhere.
            unchecked
            {
                _random = new Random((seed * 1_000_003) ^ (iteration * 7_919) ^ (iteration >> 16));
            }
        }

        internal int Next(int maxExclusive) => _random.Next(maxExclusive);

        internal int Next(int minInclusive, int maxExclusive) => _random.Next(minInclusive, maxExclusive);

        internal bool Chance(double p) => _random.NextDouble() < p;

        internal T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

        /// <summary>A length that is usually small and occasionally large (bounded by <paramref name="max"/>).</summary>
        internal int Length(int max)
        {
            var roll = _random.Next(100);
            var cap = roll < 70 ? 24 : roll < 95 ? 200 : max;
            return _random.Next(Math.Min(cap, max) + 1);
        }

        internal byte[] Bytes(int count)
        {
            var bytes = new byte[count];
            _random.NextBytes(bytes);
            return bytes;
        }

        internal string Guid()
        {
            var g = new Guid(Bytes(16));
            return Next(6) switch
            {
                0 => g.ToString("D").ToUpperInvariant(),
                1 => g.ToString("N"),
                _ => g.ToString("D"),
            };
        }

        internal string Digits(int count)
        {
            var sb = new StringBuilder(count);
            for (var i = 0; i < count; i++)
            {
                sb.Append((char)('0' + Next(10)));
            }

            return sb.ToString();
        }

        internal string FromAlphabet(string alphabet, int count)
        {
            var sb = new StringBuilder(count);
            for (var i = 0; i < count; i++)
            {
                sb.Append(alphabet[Next(alphabet.Length)]);
            }

            return sb.ToString();
        }

        internal string Base64(int byteCount) => Convert.ToBase64String(Bytes(byteCount));

        internal string Base64Url(int byteCount) => Base64UrlOf(Bytes(byteCount));

        internal static string Base64UrlOf(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        internal static string Base64UrlOf(string text) => Base64UrlOf(Encoding.UTF8.GetBytes(text));

        internal string RandomBase64Chars(int count) => FromAlphabet(Next(2) == 0 ? Base64Chars : Base64UrlChars, count);

        /// <summary>One character from a randomly chosen class.</summary>
        internal string Char()
        {
            switch (Next(10))
            {
                case 0: return ((char)Next(0x20)).ToString(); // control
                case 1: return ((char)Next(0x7F, 0xA0)).ToString(); // DEL and C1 controls
                case 2: return Interesting[Next(Interesting.Length)].ToString();
                case 3: return ((char)Next(0xD800, 0xE000)).ToString(); // lone surrogate
                case 4: return Emoji[Next(Emoji.Length)];
                case 5: return ((char)Next(0xA0, 0x10000)).ToString(); // anything in the BMP (may be a surrogate)
                default: return ((char)Next(0x20, 0x7F)).ToString(); // printable ASCII
            }
        }

        /// <summary>A pure random string: one character class or a mix, up to <paramref name="maxLength"/> characters.</summary>
        internal string RandomString(int maxLength)
        {
            var length = Length(maxLength);
            var sb = new StringBuilder(length);
            var mode = Next(6);
            while (sb.Length < length)
            {
                switch (mode)
                {
                    case 0: sb.Append((char)Next(0x20, 0x7F)); break;
                    case 1: sb.Append((char)Next(0x80)); break;
                    case 2: sb.Append((char)Next(0x10000)); break;
                    case 3: sb.Append(Emoji[Next(Emoji.Length)]); break;
                    case 4: sb.Append(Interesting[Next(Interesting.Length)]); break;
                    default: sb.Append(Char()); break;
                }
            }

            return sb.ToString();
        }

        /// <summary>1 to 4 random edits of <paramref name="text"/>; <paramref name="tokens"/> are spliced in by some edits.</summary>
        internal string Mutate(string text, IReadOnlyList<string> tokens)
        {
            var s = text;
            var edits = 1 + Next(4);
            for (var e = 0; e < edits; e++)
            {
                s = MutateOnce(s, tokens);
            }

            return s;
        }

        private string MutateOnce(string s, IReadOnlyList<string> tokens)
        {
            var at = s.Length == 0 ? 0 : Next(s.Length + 1);
            var span = s.Length - at == 0 ? 0 : 1 + Next(Math.Min(16, s.Length - at));
            switch (Next(18))
            {
                case 0: // bit flip
                    if (s.Length == 0)
                    {
                        return Char();
                    }

                    at = Next(s.Length);
                    return s.Substring(0, at) + (char)(s[at] ^ (1 << Next(16))) + s.Substring(at + 1);
                case 1: // replace with a random character
                    return s.Substring(0, at) + Char() + s.Substring(Math.Min(s.Length, at + 1));
                case 2: // insert a random character
                    return s.Insert(at, Char());
                case 3: // insert a token
                    return s.Insert(at, Pick(tokens));
                case 4: // delete a range
                    return s.Remove(at, span);
                case 5: // duplicate a range
                    return s.Insert(at, s.Substring(at, span));
                case 6: // truncate
                    return s.Substring(0, at);
                case 7: // drop the start
                    return s.Substring(at);
                case 8: // swap case of a range
                    return s.Substring(0, at) + SwapCase(s.Substring(at, span)) + s.Substring(at + span);
                case 9: // whole-string case change
                    return Next(2) == 0 ? s.ToUpperInvariant() : s.ToLowerInvariant();
                case 10: // percent-encode a range
                    return s.Substring(0, at) + PercentEncode(s.Substring(at, span), Next(2) == 0) + s.Substring(at + span);
                case 11: // percent-decode everything (or double-encode a percent)
                    return Next(2) == 0 ? Uri.UnescapeDataString(s) : s.Replace("%", "%25");
                case 12: // base64 <-> base64url and padding tricks
                    return Next(4) switch
                    {
                        0 => s.Replace('-', '+').Replace('_', '/'),
                        1 => s.Replace('+', '-').Replace('/', '_'),
                        2 => s.Insert(at, new string('=', 1 + Next(3))),
                        _ => s.Replace("=", string.Empty),
                    };
                case 13: // whitespace
                    return s.Insert(at, Pick(new[] { " ", "\t", "\r\n", "\u00A0", "\uFEFF", "\u2028", "\0" }));
                case 14: // repeat the whole string
                    return s.Length > 3000 ? s : string.Concat(Enumerable.Repeat(s, 2 + Next(3)));
                case 15: // reverse a range
                    var chars = s.Substring(at, span).ToCharArray();
                    Array.Reverse(chars);
                    return s.Substring(0, at) + new string(chars) + s.Substring(at + span);
                case 16: // replace a token occurrence with another token
                    var from = Pick(tokens);
                    var index = from.Length == 0 ? -1 : s.IndexOf(from, StringComparison.Ordinal);
                    return index < 0 ? s.Insert(at, Pick(tokens)) : s.Substring(0, index) + Pick(tokens) + s.Substring(index + from.Length);
                default: // splice a random string
                    return s.Insert(at, RandomString(12));
            }
        }

        internal static string SwapCase(string s)
        {
            var chars = s.ToCharArray();
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = char.IsUpper(chars[i]) ? char.ToLowerInvariant(chars[i]) : char.ToUpperInvariant(chars[i]);
            }

            return new string(chars);
        }

        internal static string PercentEncode(string s, bool upper)
        {
            var sb = new StringBuilder();
            foreach (var b in Encoding.UTF8.GetBytes(s))
            {
                sb.Append('%').Append(b.ToString(upper ? "X2" : "x2", CultureInfo.InvariantCulture));
            }

            return sb.ToString();
        }

        // ---- JSON ----

        /// <summary>A JSON string literal (quotes included) holding odd content: escapes, lone surrogate escapes, NUL, emoji, large text.</summary>
        internal string JsonString(string? content = null)
        {
            if (content is not null && Next(8) != 0)
            {
                return JsonQuote(content);
            }

            switch (Next(12))
            {
                case 0: return "\"\\ud800\"";
                case 1: return "\"a\\udc00b\"";
                case 2: return "\"\\ud83d\\ude00\\u0000\\n\\t\\\"\\\\\\/\"";
                case 3: return "\"\"";
                case 4: return "\"" + new string('x', Next(20_000)) + "\"";
                case 5: return "\"\\u" + Next(0x10000).ToString("x4", CultureInfo.InvariantCulture) + "\"";
                case 6: return "\"" + Char() + "\""; // may be an unescaped control character or a raw lone surrogate
                default: return JsonQuote(content ?? RandomString(40));
            }
        }

        /// <summary>Proper JSON quoting (lone surrogates escaped as \uXXXX, as a service would send them).</summary>
        internal static string JsonQuote(string s)
        {
            var sb = new StringBuilder(s.Length + 2).Append('"');
            foreach (var c in s)
            {
                if (c == '"' || c == '\\')
                {
                    sb.Append('\\').Append(c);
                }
                else if (c < 0x20 || (c >= 0xD800 && c <= 0xDFFF))
                {
                    sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                }
                else
                {
                    sb.Append(c);
                }
            }

            return sb.Append('"').ToString();
        }

        internal string JsonNumber()
        {
            return Next(15) switch
            {
                0 => "0",
                1 => "-0",
                2 => "1.5",
                3 => "1e400",
                4 => "-1e400",
                5 => "9223372036854775807",
                6 => "9223372036854775808",
                7 => "-9223372036854775808",
                8 => "253402300800",
                9 => "-62135596801",
                10 => "1E+2",
                11 => "4.9e-324",
                12 => "123456789012345678901234567890",
                13 => Pick(NumericEdgeCases),
                _ => Next(int.MinValue, int.MaxValue).ToString(CultureInfo.InvariantCulture),
            };
        }

        /// <summary>A random JSON value (text). <paramref name="keys"/> are preferred property names; budget bounds the size.</summary>
        internal string JsonValue(IReadOnlyList<string> keys, int depth, ref int budget)
        {
            budget--;
            var roll = Next(depth > 6 || budget <= 0 ? 7 : 10);
            switch (roll)
            {
                case 0: return "null";
                case 1: return Next(2) == 0 ? "true" : "false";
                case 2:
                case 3: return JsonNumber();
                case 4:
                case 5:
                case 6: return JsonString();
                case 7:
                case 8: return JsonObject(keys, depth + 1, ref budget);
                default: return JsonArray(keys, depth + 1, ref budget);
            }
        }

        internal string JsonObject(IReadOnlyList<string> keys, int depth, ref int budget)
        {
            var sb = new StringBuilder("{");
            var count = Next(Math.Max(1, Math.Min(8, budget)));
            for (var i = 0; i < count; i++)
            {
                if (i > 0)
                {
                    sb.Append(',');
                }

                var key = keys.Count > 0 && Next(4) != 0 ? Pick(keys) : null;
                if (key is not null && Next(6) == 0)
                {
                    key = Next(2) == 0 ? key.ToUpperInvariant() : SwapCase(key);
                }

                sb.Append(JsonString(key)).Append(':').Append(JsonValue(keys, depth, ref budget));
            }

            return sb.Append('}').ToString();
        }

        internal string JsonArray(IReadOnlyList<string> keys, int depth, ref int budget)
        {
            var sb = new StringBuilder("[");
            var count = Next(Math.Max(1, Math.Min(8, budget)));
            for (var i = 0; i < count; i++)
            {
                if (i > 0)
                {
                    sb.Append(',');
                }

                sb.Append(JsonValue(keys, depth, ref budget));
            }

            return sb.Append(']').ToString();
        }

        /// <summary>Nesting around <paramref name="inner"/> (up to 200 levels: past System.Text.Json's default limit of 64).</summary>
        internal string Nest(string inner)
        {
            var levels = Next(2) == 0 ? Next(1, 70) : Next(60, 200);
            var sb = new StringBuilder();
            var closers = new Stack<char>();
            for (var i = 0; i < levels; i++)
            {
                if (Next(2) == 0)
                {
                    sb.Append("{\"a\":");
                    closers.Push('}');
                }
                else
                {
                    sb.Append('[');
                    closers.Push(']');
                }
            }

            sb.Append(inner);
            while (closers.Count > 0)
            {
                sb.Append(closers.Pop());
            }

            return sb.ToString();
        }

        /// <summary>JSON-specific damage: unbalanced brackets, trailing commas, comments, BOM, truncation, NaN.</summary>
        internal string BreakJson(string json)
        {
            return Next(10) switch
            {
                0 => json + "}",
                1 => json.Length > 1 ? json.Substring(0, Next(json.Length)) : json,
                2 => json.Replace("}", ",}"),
                3 => "/*c*/" + json,
                4 => "\uFEFF" + json,
                5 => json.Replace("null", "NaN"),
                6 => json.Replace("\"", "'"),
                7 => json + json,
                8 => json.Replace(":", "::"),
                _ => json.Replace("\"", string.Empty),
            };
        }

        /// <summary>Printable C# literal for failure messages (control characters and surrogates as \uXXXX), truncated.</summary>
        internal static string Show(string? value, int max = 1500)
        {
            if (value is null)
            {
                return "(null)";
            }

            var sb = new StringBuilder("\"");
            foreach (var c in value.Length > max ? value.Substring(0, max) : value)
            {
                if (c == '"' || c == '\\')
                {
                    sb.Append('\\').Append(c);
                }
                else if (c < 0x20 || c >= 0x7F)
                {
                    sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                }
                else
                {
                    sb.Append(c);
                }
            }

            sb.Append('"');
            if (value.Length > max)
            {
                sb.Append(CultureInfo.InvariantCulture, $" …({value.Length} chars in all)");
            }

            return sb.ToString();
        }
    }
}
