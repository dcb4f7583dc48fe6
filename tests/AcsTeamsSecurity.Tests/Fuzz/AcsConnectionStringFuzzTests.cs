using AcsTeamsSecurity.Auth;
using AcsTeamsSecurity.Errors;
using Xunit;
using Xunit.Abstractions;

namespace AcsTeamsSecurity.Tests.Fuzz
{
    [Collection(FuzzHarness.Collection)]
    public class AcsConnectionStringFuzzTests
    {
        private const int Seed = 0x0C5_0001;

        /// <summary>Every generated key starts with this (valid base64), so a message that repeats any of a key is recognisable.</summary>
        internal const string Marker = "FUZZKEY0";

        private static readonly string[] EndpointNames = { "endpoint", "Endpoint", "ENDPOINT", " endpoint ", "\tendpoint", "endpoint\u00A0", "endpoínt", "end point", "endpoints", "endpoint\0" };
        private static readonly string[] KeyNames = { "accesskey", "accessKey", "AccessKey", " ACCESSKEY ", "access_key", "accesskeY", "acceskey", "accesskey\u200B", "accessKey " };
        private static readonly string[] OtherNames = { "sharedaccesskey", "SharedAccessKeyName", "AccountKey", "AccountName", "id", "secret", "DefaultEndpointsProtocol", "EndpointSuffix", "x", "=", "'", "\"", "{0}", "%s" };
        private static readonly string[] Hosts = { "contoso.communication.azure.com", "x.unitedstates.communication.azure.com", "contoso.communication.azure.us", "127.0.0.1", "[::1]", "xn--bcher-kva.example", "bücher.example", "a", "contoso.communication.azure.com.", "" };

        private readonly ITestOutputHelper _output;

        public AcsConnectionStringFuzzTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void ParseReturnsOrThrowsItsOwnErrorAndNeverEchoesTheKey()
        {
            FuzzHarness.Run(_output, "AcsConnectionString.Parse", Seed, FuzzHarness.Inputs, Generate, Check, minAccepted: 15_000);
        }

        internal static FuzzInput<string[]> Generate(FuzzGen g)
        {
            switch (g.Next(10))
            {
                case 0:
                    return new FuzzInput<string[]>("random", g.RandomString(5_000), Array.Empty<string>());
                case 1:
                    {
                        // Random text with a key somewhere in it.
                        var key = Key(g);
                        var text = g.RandomString(300);
                        return new FuzzInput<string[]>("random+key", text.Insert(g.Next(text.Length + 1), key), new[] { key });
                    }

                case 2:
                case 3:
                case 4:
                    {
                        var key = Key(g);
                        var valid = Valid(g, key);
                        var tokens = new[] { ";", "=", "==", "endpoint", "accesskey", "accessKey=", "https://", "http://", key, "%3D", " ", "?x=1", "@", ":443", "user:pw@", "#f", "/path", "\0", ";accesskey=" + key };
                        return new FuzzInput<string[]>("mutation", g.Mutate(valid, tokens), new[] { key });
                    }

                case 5:
                case 6:
                    return Clean(g);
                default:
                    return Grammar(g);
            }
        }

        /// <summary>Valid connection strings in every accepted spelling: name case, spaces, order, empty parts, endpoint forms.</summary>
        internal static FuzzInput<string[]> Clean(FuzzGen g)
        {
            var key = Marker + g.Base64(g.Next(1, 70));
            var endpoint = g.Pick(new[] { "https://contoso.communication.azure.com/", "https://contoso.communication.azure.com", "https://x.unitedstates.communication.azure.com/", "HTTPS://Contoso.Communication.Azure.Com/", "https://contoso.communication.azure.us:443/", "https://127.0.0.1/path" });
            var parts = new List<string>
            {
                g.Pick(new[] { "endpoint", "Endpoint", "ENDPOINT", " endpoint ", "\tendpoint" }) + g.Pick(new[] { "=", " = ", "= " }) + endpoint,
                g.Pick(new[] { "accesskey", "accessKey", "AccessKey", " ACCESSKEY " }) + g.Pick(new[] { "=", " = ", "= " }) + key,
            };
            if (g.Next(2) == 0)
            {
                parts.Reverse();
            }

            for (var i = g.Next(3); i > 0; i--)
            {
                parts.Insert(g.Next(parts.Count + 1), g.Pick(new[] { string.Empty, " ", "\t" }));
            }

            return new FuzzInput<string[]>("clean", string.Join(";", parts) + (g.Next(3) == 0 ? ";" : string.Empty), new[] { key });
        }

        internal static FuzzOutcome Check(FuzzInput<string[]> input)
        {
            AcsConnectionString? parsed = null;
            var ex = FuzzHarness.Catch(() => parsed = AcsConnectionString.Parse(input.Text));
            if (ex is null)
            {
                Assert.NotNull(parsed);
                Assert.True(parsed!.Endpoint.IsAbsoluteUri);
                Assert.Equal(Uri.UriSchemeHttps, parsed.Endpoint.Scheme);
                Assert.True(string.IsNullOrEmpty(parsed.Endpoint.Query));
                Assert.True(string.IsNullOrEmpty(parsed.Endpoint.UserInfo));
                Assert.NotEmpty(parsed.Key);
                return FuzzOutcome.Accepted;
            }

            var error = FuzzHarness.ExpectError(ex, ErrorIds.AcsConnectionStringInvalid);
            AssertNoKey(error.Message, input.Context);
            AssertNoKey(error.Target?.ToString(), input.Context);
            AssertNoKey(error.InnerException?.Message, input.Context);
            return FuzzOutcome.Rejected;
        }

        /// <summary>Fails when <paramref name="text"/> holds the marker or any 12 characters in a row of a key (ignoring case).</summary>
        internal static void AssertNoKey(string? text, IReadOnlyList<string> keys)
        {
            if (string.IsNullOrEmpty(text))
            {
                return;
            }

            Assert.False(text.Contains(Marker, StringComparison.OrdinalIgnoreCase), $"The message repeats the access key: {text}");
            foreach (var key in keys)
            {
                for (var i = 0; i + 12 <= key.Length; i++)
                {
                    var window = key.Substring(i, 12);
                    Assert.False(text.Contains(window, StringComparison.OrdinalIgnoreCase), $"The message repeats part of the access key ('{window}'): {text}");
                }
            }
        }

        /// <summary>Base64 starting with the marker; sometimes damaged (whitespace, url-safe characters, padding, bad characters).</summary>
        internal static string Key(FuzzGen g)
        {
            var key = Marker + g.Base64(g.Next(1, 70));
            return g.Next(10) switch
            {
                0 => key.Replace('+', '-').Replace('/', '_'),
                1 => key.TrimEnd('='),
                2 => key + "=",
                3 => key.Insert(g.Next(Marker.Length, key.Length), g.Pick(new[] { " ", "\t", "*", "!", ".", "\r\n" })),
                _ => key,
            };
        }

        internal static string Endpoint(FuzzGen g)
        {
            if (g.Next(6) == 0)
            {
                return "https://contoso.communication.azure.com/";
            }

            var scheme = g.Pick(new[] { "https://", "https://", "HTTPS://", "http://", "ftp://", "", "https:", "https:///", "//" });
            var user = g.Next(15) == 0 ? "user:pw@" : string.Empty;
            var host = g.Next(10) == 0 ? g.RandomString(20) : g.Pick(Hosts);
            var port = g.Next(12) == 0 ? g.Pick(new[] { ":443", ":8443", ":0", ":99999", ":" }) : string.Empty;
            var path = g.Pick(new[] { "/", "", "/", "/path", "//", "/%2e%2e/", "/a b" });
            var query = g.Next(12) == 0 ? g.Pick(new[] { "?x=1", "?", "#frag", "?accesskey=abc" }) : string.Empty;
            return scheme + user + host + port + path + query;
        }

        internal static string Valid(FuzzGen g, string key) =>
            g.Next(2) == 0 ? $"endpoint={Endpoint(g)};accesskey={key}" : $"accesskey={key};endpoint={Endpoint(g)}";

        /// <summary>Connection strings from parts: random names, duplicates, misplaced keys, empty parts, odd separators.</summary>
        internal static FuzzInput<string[]> Grammar(FuzzGen g)
        {
            var keys = new List<string>();
            var segments = new List<string>();
            if (g.Next(8) != 0)
            {
                segments.Add(Name(g, EndpointNames) + Assign(g) + Endpoint(g));
            }

            var keyShape = g.Next(10);
            if (keyShape != 0)
            {
                var key = Key(g);
                keys.Add(key);
                segments.Add(keyShape == 1
                    ? key // the key pasted without its name: it ends in '=' padding, so it looks like name=value
                    : Name(g, KeyNames) + Assign(g) + key);
            }

            var extras = g.Next(4) == 0 ? g.Next(1, 5) : 0;
            for (var i = 0; i < extras; i++)
            {
                switch (g.Next(6))
                {
                    case 0:
                        segments.Add(string.Empty);
                        break;
                    case 1:
                        segments.Add(g.Pick(new[] { " ", "\t", "=", "==", "a", " = " }));
                        break;
                    case 2:
                        if (segments.Count > 0)
                        {
                            segments.Add(g.Pick(segments)); // duplicate
                        }

                        break;
                    case 3:
                        {
                            var key = Key(g);
                            keys.Add(key);
                            segments.Add(g.Next(2) == 0 ? key + "=" + g.RandomString(10) : g.Pick(OtherNames) + "=" + key);
                            break;
                        }

                    default:
                        segments.Add((g.Next(3) == 0 ? g.RandomString(60) : g.Pick(OtherNames)) + "=" + (g.Next(2) == 0 ? g.RandomString(30) : "value"));
                        break;
                }
            }

            // Shuffle.
            for (var i = segments.Count - 1; i > 0; i--)
            {
                var j = g.Next(i + 1);
                (segments[i], segments[j]) = (segments[j], segments[i]);
            }

            var separator = g.Pick(new[] { ";", ";", ";", " ; ", ";;", "; ", "\r\n;" });
            var text = string.Join(separator, segments);
            switch (g.Next(12))
            {
                case 0: text += ";"; break;
                case 1: text = ";" + text; break;
                case 2: text = "  " + text + "\t"; break;
                case 3: text += new string(' ', 4_100 - Math.Min(4_100, text.Length)) + "x"; break; // just over the length limit
                case 4: text = text.PadRight(4_096); break; // exactly at the limit
                default: break;
            }

            return new FuzzInput<string[]>("grammar", text, keys.ToArray());
        }

        private static string Name(FuzzGen g, string[] names) => g.Next(4) == 0 ? g.Pick(names) : names[0];

        private static string Assign(FuzzGen g) => g.Next(12) switch
        {
            0 => " = ",
            1 => "==",
            2 => ":",
            3 => "=\"",
            _ => "=",
        };
    }
}
