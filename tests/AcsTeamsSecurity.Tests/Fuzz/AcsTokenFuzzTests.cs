using System.Text;
using AcsTeamsSecurity.Auth;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using Xunit;
using Xunit.Abstractions;

namespace AcsTeamsSecurity.Tests.Fuzz
{
    [Collection(FuzzHarness.Collection)]
    public class AcsTokenFuzzTests
    {
        private const int Seed = 0x70_0003;

        private static readonly DateTimeOffset Now = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

        private static readonly string[] Claims = { "skypeid", "acsScope", "resourceId", "resourceLocation", "iat", "exp", "aud", "tid", "oid", "appid", "azp", "upn", "preferred_username", "roles", "scp", "nbf", "iss" };

        private static readonly string Header = FuzzGen.Base64UrlOf("{\"alg\":\"RS256\",\"kid\":\"default\",\"typ\":\"JWT\"}");

        private readonly ITestOutputHelper _output;

        public AcsTokenFuzzTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void DecodeReturnsOrThrowsAcsTokenInvalidOnly()
        {
            FuzzHarness.Run(_output, "AcsTokenDecoder.Decode", Seed, FuzzHarness.Inputs, Generate, CheckDecode, minAccepted: 5_000);
        }

        [Fact]
        public void JwtClaimsTryParseNeverThrows()
        {
            FuzzHarness.Run(_output, "JwtClaims.TryParse", Seed + 1, FuzzHarness.Inputs, Generate, CheckClaims, minAccepted: 10_000);
        }

        internal static FuzzOutcome CheckDecode(FuzzInput<bool> input)
        {
            AcsTokenInfo? info = null;
            var ex = FuzzHarness.Catch(() => info = AcsTokenDecoder.Decode(input.Text, Now));
            if (ex is not null)
            {
                var error = FuzzHarness.ExpectError(ex, ErrorIds.AcsTokenInvalid);
                return FuzzOutcome.Rejected;
            }

            Assert.NotNull(info);
            Assert.NotNull(info!.Scopes);
            Assert.All(info.Scopes, s => Assert.NotNull(s));
            if (info.Identity is not null)
            {
                Assert.StartsWith("8:", info.Identity.Id, StringComparison.Ordinal);
            }

            Assert.Equal(info.ExpiresOn is { } e && e <= Now, info.IsExpired);

            // JwtClaims reads other claims (and refuses a payload whose tid or upn is not text), so it only must not throw here.
            FuzzHarness.NoThrow(() => _ = JwtClaims.TryParse(input.Text!.Trim(), out _));
            return FuzzOutcome.Accepted;
        }

        internal static FuzzOutcome CheckClaims(FuzzInput<bool> input)
        {
            JwtClaims claims = null!;
            var parsed = false;
            FuzzHarness.NoThrow(() => parsed = JwtClaims.TryParse(input.Text, out claims));
            if (!parsed)
            {
                return FuzzOutcome.Rejected;
            }

            Assert.NotNull(claims);
            Assert.NotNull(claims.Roles);
            Assert.NotNull(claims.Scopes);
            Assert.All(claims.Scopes, s => Assert.False(string.IsNullOrEmpty(s)));
            return FuzzOutcome.Accepted;
        }

        internal static FuzzInput<bool> Generate(FuzzGen g)
        {
            switch (g.Next(10))
            {
                case 0:
                    return new FuzzInput<bool>("random", g.Next(2) == 0 ? g.RandomString(3_000) : g.RandomString(40) + "." + g.RandomString(200) + "." + g.RandomString(40), false);
                case 1:
                case 2:
                case 3:
                    {
                        var valid = Header + "." + FuzzGen.Base64UrlOf(TypicalPayload(g, odd: false)) + "." + g.Base64Url(g.Next(0, 64));
                        var tokens = new[] { ".", "=", "==", "-", "_", "+", "/", "eyJ", " ", "%2E", "\r\n", "..", Header, FuzzGen.Base64UrlOf("{}"), FuzzGen.Base64UrlOf("[]"), FuzzGen.Base64UrlOf("{\"skypeid\":\"\\ud800\"}") };
                        return new FuzzInput<bool>("mutation", g.Mutate(valid, tokens), false);
                    }

                default:
                    return new FuzzInput<bool>("grammar", Grammar(g), false);
            }
        }

        /// <summary>A JWT-shaped token: header, payload (JSON of every shape, as bytes that may not be UTF-8) and signature, encoded in odd ways.</summary>
        private static string Grammar(FuzzGen g)
        {
            var budget = 40;
            string json = g.Next(10) switch
            {
                0 or 1 or 2 or 3 or 4 => TypicalPayload(g, odd: true),
                5 or 6 => g.JsonObject(Claims, 0, ref budget),
                7 => g.JsonValue(Claims, 0, ref budget), // often not an object
                8 => g.Nest(TypicalPayload(g, odd: false)),
                _ => g.BreakJson(TypicalPayload(g, odd: true)),
            };

            var bytes = Encoding.UTF8.GetBytes(json);
            switch (g.Next(14))
            {
                case 0: bytes = g.Bytes(g.Next(0, 200)); break; // not text at all
                case 1: bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(bytes).ToArray(); break; // BOM
                case 2: // invalid UTF-8 somewhere
                    if (bytes.Length > 0)
                    {
                        bytes[g.Next(bytes.Length)] = g.Pick(new byte[] { 0xC0, 0xFF, 0x80, 0xED, 0xF8 });
                    }

                    break;
                default: break;
            }

            var payload = FuzzGen.Base64UrlOf(bytes);
            payload = g.Next(12) switch
            {
                0 => Convert.ToBase64String(bytes), // standard alphabet with padding
                1 => payload + "=",
                2 => payload + "A", // length % 4 == 1 (sometimes)
                3 => payload.Length > 4 ? payload.Insert(g.Next(payload.Length), g.Pick(new[] { " ", "\t", "\n", "*", "." })) : payload,
                4 => payload.Length > 0 ? payload.Substring(0, g.Next(payload.Length)) : payload,
                5 => string.Empty,
                _ => payload,
            };

            var header = g.Next(8) == 0 ? g.Pick(new[] { string.Empty, "e30", "x", g.RandomString(10), FuzzGen.Base64UrlOf("{\"alg\":\"none\"}") }) : Header;
            var signature = g.Next(8) == 0 ? g.Pick(new[] { string.Empty, "!", g.RandomString(10) }) : g.Base64Url(g.Next(0, 256));
            var token = g.Next(10) switch
            {
                0 => header + "." + payload,
                1 => header + "." + payload + "." + signature + "." + signature,
                2 => payload,
                3 => header + ".." + signature,
                _ => header + "." + payload + "." + signature,
            };

            return g.Next(12) switch
            {
                0 => "  " + token + "\r\n",
                1 => "Bearer " + token,
                2 => token + "\0",
                _ => token,
            };
        }

        /// <summary>An ACS-token-like payload; with <paramref name="odd"/>, any claim may have the wrong type or an extreme value.</summary>
        private static string TypicalPayload(FuzzGen g, bool odd)
        {
            var budget = 6;
            var claims = new List<string>();

            string Value(string normal) => odd && g.Next(4) == 0 ? g.JsonValue(Claims, 3, ref budget) : normal;

            if (!odd || g.Next(10) != 0)
            {
                var skype = g.Next(6) switch
                {
                    0 => "orgid:" + g.Guid(),
                    1 => g.RandomString(30),
                    _ => "acs:" + g.Guid() + "_" + g.Guid(),
                };
                claims.Add("\"skypeid\":" + Value(FuzzGen.JsonQuote(skype)));
            }

            if (g.Next(5) != 0)
            {
                var scope = g.Next(4) switch
                {
                    0 => "chat, voip , ,join",
                    1 => g.RandomString(40),
                    2 => string.Empty,
                    _ => "chat,voip",
                };
                claims.Add("\"acsScope\":" + Value(FuzzGen.JsonQuote(scope)));
            }

            foreach (var time in new[] { "iat", "exp" })
            {
                if (g.Next(5) != 0)
                {
                    var seconds = g.Next(6) switch
                    {
                        0 => g.JsonNumber(),
                        1 => "\"" + g.JsonNumber() + "\"",
                        _ => (1_700_000_000 + g.Next(0, 200_000_000)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    };
                    claims.Add("\"" + time + "\":" + Value(seconds));
                }
            }

            if (g.Next(2) == 0)
            {
                claims.Add("\"resourceId\":" + Value(FuzzGen.JsonQuote(g.Guid())));
            }

            if (g.Next(4) == 0)
            {
                claims.Add("\"resourceLocation\":" + Value("\"unitedstates\""));
            }

            if (odd && g.Next(3) == 0)
            {
                // Entra-style claims for JwtClaims: audience arrays, role arrays with mixed types, scopes, duplicates.
                claims.Add("\"aud\":" + g.Pick(new[] { "\"https://communication.azure.com\"", "[1,\"a\",null]", "[]", "{}", "\"\\udc00\"" }));
                claims.Add("\"roles\":" + g.Pick(new[] { "[\"a\",1,null,[\"b\"],\"\\ud800\"]", "\"notarray\"", "[]" }));
                claims.Add("\"scp\":" + g.Pick(new[] { "\"a  b \"", "\" \"", "1", "\"\\u0000\"" }));
                claims.Add("\"tid\":" + g.JsonString());
            }

            if (odd && g.Next(6) == 0 && claims.Count > 0)
            {
                claims.Add(g.Pick(claims)); // duplicate claim
            }

            for (var i = claims.Count - 1; i > 0; i--)
            {
                var j = g.Next(i + 1);
                (claims[i], claims[j]) = (claims[j], claims[i]);
            }

            var json = "{" + string.Join(",", claims) + "}";
            if (odd && g.Next(150) == 0)
            {
                // Large: near and past the 64 KB token limit once encoded.
                json = json.Insert(1, "\"pad\":\"" + new string('p', g.Next(40_000, 52_000)) + "\",");
            }

            return json;
        }
    }
}
