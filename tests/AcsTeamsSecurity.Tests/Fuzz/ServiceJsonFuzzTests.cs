using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using AcsTeamsSecurity.Clients;
using AcsTeamsSecurity.Clients.Graph;
using AcsTeamsSecurity.Clients.Teams;
using AcsTeamsSecurity.Models;
using Xunit;
using Xunit.Abstractions;
using AcsTeamsSecurity.Clients.Transport;

namespace AcsTeamsSecurity.Tests.Fuzz
{
    /// <summary>JSON from services: error bodies, Graph batch responses, and Teams policy instances.</summary>
    [Collection(FuzzHarness.Collection)]
    public class ServiceJsonFuzzTests
    {
        private const int ErrorSeed = 0x5E_0005;
        private const int BatchSeed = 0x6B_0006;
        private const int PolicySeed = 0x7C_0007;

        private static readonly string[] ErrorKeys = { "error", "code", "message", "Code", "Message", "errorCode", "error_description", "innerError", "details", "target" };
        private static readonly string[] BatchKeys = { "responses", "id", "status", "headers", "body", "Retry-After", "Content-Type", "error", "code" };

        private static readonly PropertyInfo[] PolicyProperties = typeof(MeetingPolicySettings).GetProperties(BindingFlags.Public | BindingFlags.Instance);
        private static readonly string[] PolicyKeys = PolicyProperties.Select(p => p.Name).Concat(new[] { "Identity", "Domain", "AllowedDomain", "Tag:x" }).ToArray();

        private readonly ITestOutputHelper _output;

        public ServiceJsonFuzzTests(ITestOutputHelper output) => _output = output;

        // ---- ServiceErrorMapper.ReadError ----

        [Fact]
        public void ReadErrorNeverThrows()
        {
            FuzzHarness.Run(_output, "ServiceErrorMapper.ReadError", ErrorSeed, FuzzHarness.Inputs, GenerateError, CheckError, minAccepted: 10_000);
        }

        internal static FuzzOutcome CheckError(FuzzInput<IReadOnlyDictionary<string, string>?> input)
        {
            (string? Code, string? Message) result = default;
            FuzzHarness.NoThrow(() => result = ServiceErrorMapper.ReadError(input.Text!, input.Context));
            if (result.Message is not null)
            {
                Assert.True(result.Message.Length <= 401, "The message is truncated to 400 characters and an ellipsis.");
            }

            return result.Code is null && result.Message is null ? FuzzOutcome.Rejected : FuzzOutcome.Accepted;
        }

        internal static FuzzInput<IReadOnlyDictionary<string, string>?> GenerateError(FuzzGen g)
        {
            IReadOnlyDictionary<string, string>? headers = g.Next(3) == 0 ? new Dictionary<string, string> { ["Content-Type"] = g.RandomString(20), [g.RandomString(5)] = g.RandomString(5) } : null;
            string text;
            string strategy;
            switch (g.Next(10))
            {
                case 0:
                    strategy = "random";
                    text = g.Next(4) == 0 ? "<html><body>" + g.RandomString(500) + "</body></html>" : g.RandomString(3_000);
                    break;
                case 1:
                case 2:
                case 3:
                    strategy = "mutation";
                    text = g.Mutate(g.Pick(ErrorSamples(g)), new[] { "{", "}", "[", "]", "\"", ":", ",", "\\", "\\u", "\\ud800", "null", "1e999", "\"error\":", "\"code\":1,", "\"message\":{}," });
                    break;
                default:
                    strategy = "grammar";
                    text = ErrorGrammar(g);
                    break;
            }

            return new FuzzInput<IReadOnlyDictionary<string, string>?>(strategy, text, headers);
        }

        private static string[] ErrorSamples(FuzzGen g) => new[]
        {
            "{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"Access token has expired or is not yet valid.\",\"innerError\":{\"date\":\"2025-01-01T00:00:00\",\"request-id\":\"" + g.Guid() + "\"}}}",
            "{\"code\":\"Forbidden\",\"message\":\"no\"}",
            "{\"Message\":\"Teams says no\"}",
            "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client secret provided.\"}",
            "{\"errorCode\":\"E1\",\"Message\":\"" + new string('m', 600) + "\"}",
        };

        private static string ErrorGrammar(FuzzGen g)
        {
            var budget = 30;
            switch (g.Next(8))
            {
                case 0:
                    return g.JsonValue(ErrorKeys, 0, ref budget);
                case 1:
                    return g.Nest(g.JsonObject(ErrorKeys, 0, ref budget));
                case 2:
                    return g.BreakJson(g.JsonObject(ErrorKeys, 0, ref budget));
                default:
                    {
                        // {"error":{"code":…,"message":…}} and the flat shapes, each value of any type.
                        string Member(string name) => "\"" + name + "\":" + (g.Next(3) == 0 ? g.JsonValue(ErrorKeys, 2, ref budget) : g.JsonString());
                        var inner = "{" + string.Join(",", ErrorKeys.Where(_ => g.Next(3) == 0).Select(Member)) + "}";
                        return g.Next(3) switch
                        {
                            0 => inner,
                            1 => "{\"error\":" + inner + (g.Next(2) == 0 ? ",\"error_description\":" + g.JsonString() : string.Empty) + "}",
                            _ => "{\"error\":" + (g.Next(2) == 0 ? g.JsonString() : g.JsonValue(ErrorKeys, 1, ref budget)) + "," + Member("message") + "}",
                        };
                    }
            }
        }

        // ---- GraphBatch.Parse ----

        [Fact]
        public void GraphBatchParseThrowsOnlyTheExceptionsItsCallerCatches()
        {
            FuzzHarness.Run(_output, "GraphBatch.Parse", BatchSeed, FuzzHarness.Inputs, GenerateBatch, CheckBatch, minAccepted: 10_000);
        }

        /// <summary>GraphJsonClient.BatchAsync turns JsonException, InvalidOperationException and FormatException into ServiceResponseInvalid; anything else escapes raw.</summary>
        internal static bool IsCaughtByTheCaller(Exception ex) => ex is JsonException || ex is InvalidOperationException || ex is FormatException;

        internal static FuzzOutcome CheckBatch(FuzzInput<bool> input)
        {
            IReadOnlyList<GraphBatchResponse>? items = null;
            var ex = FuzzHarness.Catch(() => items = GraphBatch.Parse(input.Text!));
            if (ex is not null)
            {
                Assert.True(IsCaughtByTheCaller(ex), $"GraphBatch.Parse threw {ex}");
                return FuzzOutcome.Rejected;
            }

            Assert.NotNull(items);
            foreach (var item in items!)
            {
                Assert.NotNull(item.Id);
                Assert.NotNull(item.Headers);
                _ = item.IsSuccess;
            }

            return FuzzOutcome.Accepted;
        }

        internal static FuzzInput<bool> GenerateBatch(FuzzGen g)
        {
            switch (g.Next(10))
            {
                case 0:
                    return new FuzzInput<bool>("random", g.RandomString(3_000), false);
                case 1:
                case 2:
                case 3:
                    {
                        var valid = "{\"responses\":[{\"id\":\"1\",\"status\":200,\"headers\":{\"Content-Type\":\"application/json\"},\"body\":{\"value\":[]}},{\"id\":\"2\",\"status\":429,\"headers\":{\"Retry-After\":\"2.128\"},\"body\":{\"error\":{\"code\":\"TooManyRequests\"}}}]}";
                        var tokens = new[] { "{", "}", "[", "]", "\"", ":", ",", "null", "\"id\":\"1\",", "\"status\":\"200\",", "\"status\":1e10,", "\"id\":1,", "\\ud800", "-", "0" };
                        return new FuzzInput<bool>("mutation", g.Mutate(valid, tokens), false);
                    }

                default:
                    return new FuzzInput<bool>("grammar", BatchGrammar(g), false);
            }
        }

        private static string BatchGrammar(FuzzGen g)
        {
            var budget = 20;
            if (g.Next(10) == 0)
            {
                return g.Next(2) == 0 ? g.JsonValue(BatchKeys, 0, ref budget) : g.Nest(g.JsonObject(BatchKeys, 0, ref budget));
            }

            var items = new List<string>();
            var count = g.Next(12) == 0 ? g.Next(20, 60) : g.Next(0, 5);
            for (var i = 0; i < count; i++)
            {
                if (g.Next(25) == 0)
                {
                    items.Add(g.JsonValue(BatchKeys, 2, ref budget)); // not an object
                    continue;
                }

                var members = new List<string>();
                if (g.Next(12) != 0)
                {
                    members.Add("\"id\":" + (g.Next(6) == 0 ? g.JsonValue(BatchKeys, 3, ref budget) : FuzzGen.JsonQuote(i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
                }

                if (g.Next(12) != 0)
                {
                    members.Add("\"status\":" + (g.Next(6) == 0 ? g.Pick(new[] { "\"200\"", "200.0", "2e2", "-1", "2147483648", "null", "true", "[]", g.JsonNumber() }) : g.Pick(new[] { "200", "201", "204", "404", "429", "503" })));
                }

                if (g.Next(2) == 0)
                {
                    members.Add("\"headers\":" + (g.Next(4) == 0 ? g.JsonValue(BatchKeys, 3, ref budget) : "{\"Retry-After\":" + g.Pick(new[] { "\"2\"", "2", "null", "{}", "[1]", "\"\\ud800\"" }) + ",\"Content-Type\":\"application/json\"}"));
                }

                if (g.Next(2) == 0)
                {
                    members.Add("\"body\":" + g.JsonValue(BatchKeys, 3, ref budget));
                }

                if (g.Next(15) == 0 && members.Count > 0)
                {
                    members.Add(g.Pick(members)); // duplicate property
                }

                if (g.Next(20) == 0)
                {
                    members.Add(g.Pick(new[] { "\"ID\":\"x\"", "\"Status\":200", "\"\\ud800\":1", "\"id\":\"\\udc00\"" }));
                }

                items.Add("{" + string.Join(",", members) + "}");
            }

            var root = new List<string> { "\"" + (g.Next(20) == 0 ? "Responses" : "responses") + "\":[" + string.Join(",", items) + "]" };
            if (g.Next(8) == 0)
            {
                root.Add(g.Pick(new[] { "\"@odata.nextLink\":\"x\"", "\"responses\":[]", "\"responses\":null", "\"error\":{\"code\":\"x\"}" }));
            }

            return "{" + string.Join(",", root) + "}";
        }

        // ---- PolicyMapper.Read<MeetingPolicySettings> ----

        [Fact]
        public void PolicyMapperReadNeverThrowsOnRandomObjects()
        {
            FuzzHarness.Run(_output, "PolicyMapper.Read<MeetingPolicySettings>", PolicySeed, FuzzHarness.Inputs, GeneratePolicy, CheckPolicy, minAccepted: 10_000);
        }

        internal static FuzzOutcome CheckPolicy(FuzzInput<JsonObject> input)
        {
            MeetingPolicySettings? settings = null;
            FuzzHarness.NoThrow(() => settings = PolicyMapper.Read<MeetingPolicySettings>(input.Context));
            Assert.NotNull(settings);
            Assert.NotNull(settings!.Identity);
            var set = 0;
            foreach (var property in PolicyProperties)
            {
                var value = property.GetValue(settings);
                if (value is Enum e)
                {
                    Assert.True(Enum.IsDefined(e.GetType(), e), $"{property.Name} = {e} is not a member");
                }
                else if (value is IEnumerable items && value is not string)
                {
                    foreach (var item in items)
                    {
                        Assert.True(item is Enum member && Enum.IsDefined(member.GetType(), member), $"{property.Name} holds {item}");
                    }
                }
                else if (property.PropertyType != typeof(string))
                {
                    Assert.True(value is null || value is bool, $"{property.Name} = {value}");
                }

                if (value is bool || (value is Enum && property.Name != nameof(MeetingPolicySettings.PolicyType)))
                {
                    set++;
                }
            }

            // A JSON true/false under a bool setting's name (its only occurrence, in an object without duplicate names) is read as is.
            if (input.Text is not null && Members(input.Text) is { } members)
            {
                foreach (var property in PolicyProperties.Where(p => p.PropertyType == typeof(bool?)))
                {
                    var matches = members.Where(m => string.Equals(m.Name, property.Name, StringComparison.OrdinalIgnoreCase)).ToList();
                    if (matches.Count == 1 && (matches[0].Kind == JsonValueKind.True || matches[0].Kind == JsonValueKind.False))
                    {
                        Assert.Equal(matches[0].Kind == JsonValueKind.True, property.GetValue(settings));
                    }
                }
            }

            return set > 0 ? FuzzOutcome.Accepted : FuzzOutcome.Rejected;
        }

        /// <summary>The object's member names and kinds, or null when a name is repeated exactly or is not valid text.</summary>
        private static List<(string Name, JsonValueKind Kind)>? Members(string json)
        {
            try
            {
                using var document = JsonDocument.Parse(json);
                var list = new List<(string, JsonValueKind)>();
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (!names.Add(property.Name))
                    {
                        return null;
                    }

                    list.Add((property.Name, property.Value.ValueKind));
                }

                return list;
            }
            catch (Exception ex) when (ex is JsonException || ex is InvalidOperationException || ex is ArgumentException)
            {
                return null;
            }
        }

        /// <summary>A random JSON object, as the Teams admin client hands it over: parsed by JsonNode.Parse (lazily, so duplicates and bad names surface in the mapper), or built in code.</summary>
        internal static FuzzInput<JsonObject> GeneratePolicy(FuzzGen g)
        {
            for (var attempt = 0; ; attempt++)
            {
                if (g.Next(10) == 0)
                {
                    var built = BuiltPolicy(g);
                    string? shown;
                    try
                    {
                        shown = built.ToJsonString();
                    }
                    catch (Exception ex) when (ex is ArgumentException || ex is InvalidOperationException)
                    {
                        shown = null;
                    }

                    return new FuzzInput<JsonObject>("built", shown, built);
                }

                string strategy;
                string text;
                switch (g.Next(10))
                {
                    case 0:
                        {
                            var budget = 40;
                            strategy = "random";
                            text = g.JsonObject(PolicyKeys, 0, ref budget);
                            break;
                        }

                    case 1:
                    case 2:
                    case 3:
                        strategy = "mutation";
                        text = g.Mutate(PolicyText(g, odd: false), new[] { "\"", ",", ":", "true", "false", "null", "\"True\"", "[", "]", "{", "}", "\\ud800", "\"Everyone\"", "\"ACS\"" });
                        break;
                    default:
                        strategy = "grammar";
                        text = PolicyText(g, odd: true);
                        break;
                }

                JsonNode? node = null;
                try
                {
                    node = JsonNode.Parse(text);
                }
                catch (Exception ex) when (ex is JsonException || ex is ArgumentException)
                {
                    // Not JSON: the client refuses it before the mapper; try again.
                }

                if (node is JsonObject obj)
                {
                    return new FuzzInput<JsonObject>(strategy, text, obj);
                }
            }
        }

        private static string PolicyText(FuzzGen g, bool odd)
        {
            var budget = 10;
            var members = new List<string>();
            foreach (var property in PolicyProperties)
            {
                if (g.Next(3) == 0)
                {
                    continue;
                }

                var name = g.Next(8) == 0 ? FuzzGen.SwapCase(property.Name) : property.Name;
                var value = odd && g.Next(5) == 0 ? g.JsonValue(PolicyKeys, 2, ref budget) : PolicyValue(g, property.PropertyType);
                members.Add(FuzzGen.JsonQuote(name) + ":" + value);
            }

            if (odd)
            {
                var extras = g.Next(0, 4);
                for (var i = 0; i < extras; i++)
                {
                    members.Add(g.Next(3) switch
                    {
                        0 when members.Count > 0 => g.Pick(members), // exact duplicate
                        1 => FuzzGen.JsonQuote(FuzzGen.SwapCase(g.Pick(PolicyProperties).Name)) + ":" + PolicyValue(g, g.Pick(PolicyProperties).PropertyType), // case duplicate
                        _ => g.JsonString() + ":" + g.JsonValue(PolicyKeys, 2, ref budget), // any name, including lone surrogates
                    });
                }
            }

            for (var i = members.Count - 1; i > 0; i--)
            {
                var j = g.Next(i + 1);
                (members[i], members[j]) = (members[j], members[i]);
            }

            return "{" + string.Join(",", members) + "}";
        }

        private static string PolicyValue(FuzzGen g, Type type)
        {
            var underlying = Nullable.GetUnderlyingType(type) ?? type;
            if (underlying == typeof(bool))
            {
                return g.Pick(new[] { "true", "false", "true", "false", "\"true\"", "\"False\"", "\"yes\"", "1", "0", "null", "[]", "{}", "\"\\ud800\"" });
            }

            if (underlying.IsEnum)
            {
                return EnumValue(g, underlying);
            }

            if (underlying.IsGenericType)
            {
                var element = underlying.GetGenericArguments()[0];
                return g.Next(8) switch
                {
                    0 => "null",
                    1 => EnumValue(g, element),
                    2 => "{\"AllowedDomain\":[{\"Domain\":" + EnumValue(g, element) + "},{\"Domain\":{}}]}",
                    3 => "[[" + EnumValue(g, element) + "],null,1,{\"x\":[" + EnumValue(g, element) + "]}]",
                    4 => "[\"\\ud800\"," + EnumValue(g, element) + "]",
                    _ => "[" + string.Join(",", Enumerable.Range(0, g.Next(0, 4)).Select(_ => EnumValue(g, element))) + "]",
                };
            }

            return g.Next(4) switch
            {
                0 => g.JsonString(),
                1 => g.Pick(new[] { "1", "null", "true", "[\"Tag:a\"]", "{\"a\":1}", "\"\\ud800\"" }),
                _ => FuzzGen.JsonQuote(g.Next(2) == 0 ? "Global" : "Tag:" + g.RandomString(10)),
            };
        }

        private static string EnumValue(FuzzGen g, Type type)
        {
            var names = type.IsEnum ? Enum.GetNames(type) : new[] { "x" };
            return g.Next(8) switch
            {
                0 => FuzzGen.JsonQuote(FuzzGen.SwapCase(g.Pick(names))),
                1 => FuzzGen.JsonQuote(g.Pick(new[] { "UnknownFutureValue", "", " ", "0", "1", "Everyone,OrganizerOnly", g.Pick(names) + " " })),
                2 => g.Pick(new[] { "0", "1", "null", "true", "{}", "[]" }),
                _ => FuzzGen.JsonQuote(g.Pick(names)),
            };
        }

        /// <summary>Objects built in code, holding CLR values a parsed document never has (Guid, char, double, decimal, DateTime).</summary>
        private static JsonObject BuiltPolicy(FuzzGen g)
        {
            var obj = new JsonObject();
            foreach (var property in PolicyProperties)
            {
                if (g.Next(2) == 0)
                {
                    continue;
                }

                JsonNode? value = g.Next(12) switch
                {
                    0 => JsonValue.Create(new Guid(g.Bytes(16))),
                    1 => JsonValue.Create('x'),
                    2 => JsonValue.Create(1.5),
                    3 => JsonValue.Create(12.5m),
                    4 => JsonValue.Create(new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc)),
                    5 => JsonValue.Create(g.Next(2) == 0),
                    6 => JsonValue.Create("\ud800"),
                    7 => new JsonArray(JsonValue.Create("ACS"), null, JsonValue.Create(3), new JsonObject { ["Domain"] = "Teams" }),
                    8 => new JsonObject { ["AllowedDomain"] = new JsonArray(new JsonObject { ["Domain"] = "ACS" }) },
                    9 => null,
                    _ => JsonValue.Create(g.Pick(Enum.GetNames<AutoAdmittedUsers>().Concat(new[] { "True", "False", "Enabled" }).ToArray())),
                };
                obj[g.Next(6) == 0 ? property.Name.ToUpperInvariant() : property.Name] = value;
            }

            return obj;
        }
    }
}
