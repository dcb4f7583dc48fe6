using System.Text.RegularExpressions;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Domain.Meetings;
using Xunit;
using Xunit.Abstractions;

namespace AcsTeamsSecurity.Tests.Fuzz
{
    [Collection(FuzzHarness.Collection)]
    public class JoinWebUrlFuzzTests
    {
        private const int Seed = 0x10_0004;

        private const string FilterStart = "JoinWebUrl eq '";

        private static readonly Regex ThreadShape = new Regex(@"^19:[A-Za-z0-9_\-]{8,200}@thread\.(v2|skype|tacv2)$", RegexOptions.CultureInvariant);

        private const string ShortFilterStart = "joinMeetingIdSettings/joinMeetingId eq '";

        private static readonly string[] OtherHosts = { "teams.microsoft.com.", "teams.microsoft.com.evil.example", "evil.example", "teams.microsoft.co", "teams.live.com", "teams.microsoft.cöm", "xn--teams-microsoft-com", "[::1]", "127.0.0.1", "teams%2emicrosoft.com", "teams.microsoft.com%00.evil" };

        private static readonly string[] ThreadAlphabets = { "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "ABCDEFabcdef0123456789_-", "abc'%27 =+&?#/.\\\"" };

        private readonly ITestOutputHelper _output;

        public JoinWebUrlFuzzTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void ParseReturnsGuidsAThreadIdAndASafeFilterOrThrowsJoinWebUrlInvalid()
        {
            var quoted = 0;
            FuzzHarness.Run(
                _output,
                "JoinWebUrl.Parse",
                Seed,
                FuzzHarness.Inputs,
                Generate,
                input =>
                {
                    var outcome = Check(input);
                    if (outcome == FuzzOutcome.Accepted && input.Text!.Contains('\'', StringComparison.Ordinal))
                    {
                        quoted++;
                    }

                    return outcome;
                },
                minAccepted: 20_000);
            _output.WriteLine($"JoinWebUrl.Parse: {quoted} accepted URLs held a single quote, each checked to be doubled in Filter");
            Assert.True(quoted >= 500, $"Only {quoted} accepted URLs held a quote: the filter quoting is barely exercised.");
        }

        internal static FuzzOutcome Check(FuzzInput<bool> input)
        {
            JoinWebUrl? url = null;
            var ex = FuzzHarness.Catch(() => url = JoinWebUrl.Parse(input.Text));
            if (ex is not null)
            {
                var error = FuzzHarness.ExpectError(ex, ErrorIds.JoinWebUrlInvalid);
                Assert.Equal(input.Text, error.Target);
                return FuzzOutcome.Rejected;
            }

            Assert.NotNull(url);
            Assert.Equal(input.Text, url!.Value);
            Assert.Contains(new Uri(url.Value).Host.ToLowerInvariant(), JoinWebUrl.TeamsHosts);
            if (url.Kind == JoinLinkKind.Short)
            {
                // A short link names no organizer: only its numeric id, used as a digits-only filter literal.
                Assert.Null(url.OrganizerId);
                Assert.Null(url.TenantId);
                Assert.Matches("^[1-9][0-9]{5,19}$", url.JoinMeetingId);
                Assert.Equal(ShortFilterStart + url.JoinMeetingId + "'", url.Filter);
                Assert.Matches(@"^/meet/[0-9]+$", new Uri(url.Value).AbsolutePath);
                return FuzzOutcome.Accepted;
            }

            Assert.True(Guid.TryParseExact(url.TenantId, "D", out _), $"TenantId '{url.TenantId}' is not a GUID");
            Assert.True(Guid.TryParseExact(url.OrganizerId, "D", out _), $"OrganizerId '{url.OrganizerId}' is not a GUID");
            Assert.Matches(ThreadShape, url.ThreadId);
            Assert.Matches("^[0-9]{1,20}$", url.MessageId);
            AssertQuotedLiteral(url.Filter, url.Value);
            return FuzzOutcome.Accepted;
        }

        /// <summary>The filter is JoinWebUrl eq '…' where every quote inside the literal is doubled and the literal is the URL.</summary>
        internal static void AssertQuotedLiteral(string filter, string value)
        {
            Assert.StartsWith(FilterStart, filter, StringComparison.Ordinal);
            Assert.EndsWith("'", filter, StringComparison.Ordinal);
            var inner = filter.Substring(FilterStart.Length, filter.Length - FilterStart.Length - 1);
            for (var i = 0; i < inner.Length; i++)
            {
                if (inner[i] == '\'')
                {
                    Assert.True(i + 1 < inner.Length && inner[i + 1] == '\'', $"Unpaired quote at {i} in the filter literal: {filter}");
                    i++;
                }
            }

            Assert.Equal(value, inner.Replace("''", "'", StringComparison.Ordinal));
        }

        internal static string Valid(FuzzGen g)
        {
            var context = "{\"Tid\":\"" + g.Guid() + "\",\"Oid\":\"" + g.Guid() + "\"}";
            return "https://" + g.Pick(JoinWebUrl.TeamsHosts) + "/l/meetup-join/19%3ameeting_" + g.FromAlphabet(ThreadAlphabets[0], g.Next(8, 60)) + "%40thread.v2/" + g.Digits(g.Next(1, 14)) + "?context=" + Uri.EscapeDataString(context);
        }

        internal static FuzzInput<bool> Generate(FuzzGen g)
        {
            switch (g.Next(10))
            {
                case 0:
                    {
                        var text = g.RandomString(2_100);
                        return new FuzzInput<bool>("random", g.Next(2) == 0 ? text : "https://teams.microsoft.com/" + text, false);
                    }

                case 1:
                case 2:
                case 3:
                    {
                        var tokens = new[] { "'", "%27", "%2527", "''", "/", "%2F", "?", "&", "#", "=", "%3a", ":", "@", "%40", "{", "}", "\"", "%22", "context=", "&context=%7B%7D", "..", " ", "+", "\\", g.Guid(), "%7b%22Tid%22%3a%22" + g.Guid() + "%22%7d" };
                        return new FuzzInput<bool>("mutation", g.Mutate(Valid(g), tokens), false);
                    }

                default:
                    return new FuzzInput<bool>("grammar", Grammar(g), false);
            }
        }

        /// <summary>
        /// Join URLs from parts: hosts, schemes, paths, thread ids with quotes and encodings, message ids, and context JSON
        /// variants. Half the URLs are "odd" (any part may be wrong); the other half vary only in ways that stay valid, so
        /// the success path (GUIDs, thread id, filter quoting) is exercised as much as the refusals.
        /// </summary>
        private static string Grammar(FuzzGen g)
        {
            var odd = g.Next(2) == 0;

            // A roll that, for a valid URL, always lands on the last (valid) case.
            int Roll(int n) => odd ? g.Next(n) : n - 1;

            var scheme = Roll(12) switch
            {
                0 => "http://",
                1 => g.Pick(new[] { "https:/", "https:\\\\", "", "//", "ftp://" }),
                2 => "HTTPS://",
                _ => "https://",
            };
            var user = Roll(30) == 0 ? "user:pw@" : string.Empty;
            var host = Roll(8) switch
            {
                0 => g.Pick(OtherHosts),
                _ => g.Next(6) == 0 ? FuzzGen.SwapCase(g.Pick(JoinWebUrl.TeamsHosts)) : g.Pick(JoinWebUrl.TeamsHosts),
            };
            var port = Roll(25) == 0 ? g.Pick(new[] { ":443", ":8443", ":80", ":" }) : string.Empty;

            var colon = g.Pick(new[] { "%3a", "%3A", ":", "%3a" });
            var at = g.Pick(new[] { "%40", "@", "%40" });
            if (Roll(10) == 0)
            {
                colon = "%253a"; // double-encoded
                at = "%2540";
            }

            var alphabet = Roll(6) == 0 ? ThreadAlphabets[2] : ThreadAlphabets[g.Next(2)];
            var threadId = g.FromAlphabet(alphabet, Roll(12) == 0 ? g.Next(0, 230) : g.Next(8, 80));
            if (Roll(6) == 0)
            {
                threadId = threadId.Insert(g.Next(threadId.Length + 1), g.Pick(new[] { "'", "%27", "''", "%2527", "%22", "%20or%201%20eq%201" }));
            }

            var suffix = Roll(10) == 0 ? g.Pick(new[] { "v3", "V2", "v2x", "", "v2%00" }) : g.Next(6) == 0 ? "skype" : "v2";
            if (!odd && g.Next(5) == 0)
            {
                suffix = g.Pick(new[] { "tacv2", "skype" }); // channel and legacy threads
            }

            var prefix = Roll(20) == 0 ? "Meeting_" : g.Next(4) == 0 ? string.Empty : "meeting_"; // channel and legacy threads have none
            var thread = "19" + colon + prefix + threadId + at + "thread." + suffix;

            var message = Roll(10) switch
            {
                0 => g.Pick(new[] { "", "-1", "abc", "1%2F2", "١٢٣", "0x10", " 1" }),
                1 => g.Digits(g.Next(21, 24)),
                _ => g.Next(20) == 0 ? "%3" + g.Digits(1) : g.Digits(g.Next(1, 21)),
            };

            var path = Roll(10) switch
            {
                0 => g.Pick(new[] { "/L/meetup-join/", "/l/meetup-join//", "/l//meetup-join/", "/x/meetup-join/", "/l/meetup-join/./", "/l/meetup-join/../meetup-join/" }) + thread + "/" + message,
                1 => g.Pick(new[] { "/meet/" + g.Digits(12), "/l/meetup-join/" + thread, "/l/meetup-join/" + thread + "/" + message + "/extra", "/l/meetup-join/" + thread + "%2F" + message, "" }),
                _ => (g.Next(8) == 0 ? "/l/MEETUP-JOIN/" : "/l/meetup-join/") + thread + "/" + message,
            };

            if (g.Next(6) == 0)
            {
                return scheme + user + host + port + ShortLink(g, odd);
            }

            var query = Query(g, odd);
            var fragment = Roll(30) == 0 ? "#" + g.Pick(new[] { "x", "", "'" }) : string.Empty;
            var text = scheme + user + host + port + path + query + fragment;
            if (Roll(15) == 0)
            {
                text = text.Insert(g.Next(text.Length + 1), g.Pick(new[] { "'", "''", "%27", " ", "\t", "\u00A0", "\0" }));
            }

            if (g.Next(300) == 0)
            {
                text += "&pad='" + new string('a', g.Next(1_900, 2_100)); // around the 2,048 limit
            }

            return text;
        }

        /// <summary>Short links: /meet/{digits}?p={passcode}, valid or broken in one place (id, passcode, extra parameters, quotes).</summary>
        private static string ShortLink(FuzzGen g, bool odd)
        {
            int Roll(int n) => odd ? g.Next(n) : n - 1;

            var id = Roll(8) switch
            {
                0 => g.Pick(new[] { "", "0123456", "12345", "12a456789", "123456789'", "%31234567", "-123456", g.Digits(21) }),
                _ => (1 + g.Next(9)).ToString(System.Globalization.CultureInfo.InvariantCulture) + g.Digits(g.Next(5, 19)),
            };
            var query = Roll(8) switch
            {
                0 => g.Pick(new[] { "?p=", "?p='", "?p=ab%27cd", "?x=1", "?p=abc&p=def", "?p=abc&context=%7b%7d", "?P=abc", "?p=a b", "?" }),
                1 => string.Empty,
                _ => "?p=" + g.FromAlphabet(ThreadAlphabets[0], g.Next(1, 20)),
            };
            var path = Roll(12) == 0 ? g.Pick(new[] { "/Meet/", "/meet//", "/meet/x/", "/l/meet/" }) : "/meet/";
            return path + id + query;
        }

        private static string Query(FuzzGen g, bool odd)
        {
            int Roll(int n) => odd ? g.Next(n) : n - 1;

            if (Roll(25) == 0)
            {
                return g.Pick(new[] { string.Empty, "?", "?context", "?context=", "?x=1" });
            }

            var name = Roll(6) == 0 ? g.Pick(new[] { "context ", "contexts", "kontext" }) : g.Pick(new[] { "context", "context", "Context", "CONTEXT", "%63ontext" });
            var parameters = new List<string> { name + "=" + Encode(g, Context(g, odd), odd) };
            var extras = g.Next(3) == 0 ? g.Next(1, 4) : 0;
            for (var i = 0; i < extras; i++)
            {
                parameters.Add(Roll(5) == 0
                    ? "context=" + Encode(g, Context(g, odd), odd) // repeated: ambiguous
                    : g.Pick(new[] { "anon=true", "deeplinkId=" + g.Guid(), "x='", "'='", "a", "=", "q=" + g.RandomString(20), "o='';drop", "%27=%27" }));
            }

            for (var i = parameters.Count - 1; i > 0; i--)
            {
                var j = g.Next(i + 1);
                (parameters[i], parameters[j]) = (parameters[j], parameters[i]);
            }

            return "?" + string.Join("&", parameters);
        }

        private static string Encode(FuzzGen g, string json, bool odd) => (odd ? g.Next(8) : g.Pick(new[] { 0, 1, 2, 3, 7 })) switch
        {
            0 => FuzzGen.PercentEncode(json, upper: false),
            1 => FuzzGen.PercentEncode(json, upper: true),
            2 => json, // raw braces and quotes: Uri escapes them itself
            3 => Uri.EscapeDataString(json).Replace("%20", "+", StringComparison.Ordinal),
            4 => Uri.EscapeDataString(Uri.EscapeDataString(json)), // double-encoded
            _ => Uri.EscapeDataString(json),
        };

        /// <summary>The context parameter: the documented object, odd GUID formats, wrong types, duplicates, escapes, or random JSON.</summary>
        private static string Context(FuzzGen g, bool odd)
        {
            int Roll(int n) => odd ? g.Next(n) : n - 1;

            string Id()
            {
                var guid = new Guid(g.Bytes(16));
                return (odd ? g.Next(16) : g.Pick(new[] { 0, 1, 2, 3, 4, 8, 9, 10 })) switch
                {
                    0 => FuzzGen.JsonQuote(guid.ToString("B")),
                    1 => FuzzGen.JsonQuote(guid.ToString("P")),
                    2 => FuzzGen.JsonQuote(guid.ToString("X")),
                    3 => FuzzGen.JsonQuote(guid.ToString("N")),
                    4 => FuzzGen.JsonQuote(" " + guid.ToString("D") + " "),
                    5 => g.JsonString(),
                    6 => g.Pick(new[] { "null", "1", "[]", "{}", "true" }),
                    7 => FuzzGen.JsonQuote(guid.ToString("D") + "'"),
                    8 => FuzzGen.JsonQuote(guid.ToString("D").ToUpperInvariant()),
                    _ => FuzzGen.JsonQuote(guid.ToString("D")),
                };
            }

            if (Roll(10) == 0)
            {
                var budget = 30;
                return g.Next(3) == 0 ? g.BreakJson(g.JsonObject(new[] { "Tid", "Oid", "tid", "oid", "MessageId" }, 0, ref budget)) : g.JsonValue(new[] { "Tid", "Oid" }, 0, ref budget);
            }

            var members = new List<string>
            {
                "\"" + (Roll(8) == 0 ? g.Pick(new[] { "Tid ", "T1d", "Tenant" }) : g.Pick(new[] { "Tid", "Tid", "tid", "TID", "T\\u0069d" })) + "\":" + Id(),
                "\"" + (Roll(8) == 0 ? g.Pick(new[] { "0id", "Oid\\u0000", "Organizer" }) : g.Pick(new[] { "Oid", "Oid", "oid", "OID", "O\\u0069d" })) + "\":" + Id(),
            };
            if (g.Next(3) == 0)
            {
                members.Add(Roll(3) == 0
                    ? g.Pick(new[] { "\"\\ud800\":1", "\"Tid\":\"\\ud800\"", "\"Oid\":\"\\udc00" + g.Guid() + "\"", "\"Tid\":null" })
                    : g.Pick(new[] { "\"MessageId\":\"0\"", "\"IsBroadcastMeeting\":false", "\"x\":{\"Tid\":\"" + g.Guid() + "\"}", "\"'\":\"'\"", "\"n\":\"O''Brien\"", "\"\\u0027\":[\"'\"]" }));
            }

            for (var i = members.Count - 1; i > 0; i--)
            {
                var j = g.Next(i + 1);
                (members[i], members[j]) = (members[j], members[i]);
            }

            var json = "{" + string.Join(",", members) + "}";
            return Roll(20) == 0 ? g.Nest(json) : json;
        }
    }
}
