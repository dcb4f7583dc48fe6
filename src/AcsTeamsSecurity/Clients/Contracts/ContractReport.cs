using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using AcsTeamsSecurity.Models;

namespace AcsTeamsSecurity.Clients.Contracts
{
    /// <summary>
    /// The shareable contract report: shapes, property names with the type of their value, statuses, header names and
    /// enum values — never a value. Tenant and user ids, names, domains, policy names, tokens and precise timings never
    /// reach it: the observations hold none (values are reduced to <c>&lt;guid&gt;</c>, <c>&lt;upn&gt;</c>… as they are read), and
    /// the request path, messages and found ids stay out. The emulator can load it as a variant (docs/EMULATOR.md).
    /// </summary>
    internal static class ContractReport
    {
        internal const string Format = "acsts-contract-report/1";

        private static readonly JsonSerializerOptions Indented = new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        internal static string Render(IReadOnlyList<ContractObservation> observations, IServiceConnection context, DateTimeOffset now)
        {
            var contracts = new JsonArray();
            foreach (var o in observations)
            {
                var e = o.Entry;
                var row = new JsonObject
                {
                    ["id"] = e.Id,
                    ["anchor"] = e.Anchor,
                    ["service"] = e.Service,
                    ["method"] = e.Method,
                    ["path"] = e.Path,
                    ["parameters"] = new JsonObject(e.Parameters.Select(p => new KeyValuePair<string, JsonNode?>(p.Key, p.Value))),
                    ["outcome"] = o.Outcome,
                    ["variant"] = o.Variant,
                    ["status"] = o.Status,
                    ["shape"] = o.Shape,
                    ["items"] = o.ItemCount == 0 ? "0" : o.ItemCount == 1 ? "1" : "many",
                    ["properties"] = new JsonObject(o.PropertyTypes.Select(p => new KeyValuePair<string, JsonNode?>(p.Key, p.Value))),
                    ["missingProperties"] = Array(o.MissingProperties),
                    ["enumValues"] = new JsonObject(o.EnumValues.Select(p => new KeyValuePair<string, JsonNode?>(p.Key, Array(p.Value)))),
                    ["unknownEnumValues"] = Array(o.UnknownEnumValues),
                    ["headers"] = Array(o.HeaderNames),
                    ["etag"] = o.ETagPresent,
                    ["warningHeader"] = o.WarningHeaderPresent,
                    ["retryAfter"] = o.RetryAfterPresent,
                    ["requestId"] = o.RequestIdPresent,
                    ["latency"] = o.LatencyBucket,
                    ["differences"] = Array(o.Differences),
                    ["errorId"] = o.ErrorId,
                };
                if (o.Outcome == "Skipped")
                {
                    row["skipped"] = true;
                }

                contracts.Add(row);
            }

            var report = new JsonObject
            {
                ["format"] = Format,
                ["module"] = "AcsTeamsSecurity " + typeof(ContractReport).Assembly.GetName().Version?.ToString(3),
                ["cloud"] = context.Environment.IsBuiltIn ? context.Environment.Name : "<custom>",
                ["generatedOn"] = now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["contracts"] = contracts,
            };
            return report.ToJsonString(Indented) + "\n";
        }

        /// <summary>The cmdlet's row for an observation.</summary>
        internal static ContractCheckResult ToResult(ContractObservation o) =>
            new ContractCheckResult(o.Entry.Id, o.Entry.Anchor, o.Entry.Service, o.Entry.Method, o.Entry.Path)
            {
                Outcome = (ContractOutcome)Enum.Parse(typeof(ContractOutcome), o.Outcome),
                Variant = o.Variant,
                Status = o.Status,
                Shape = o.Shape,
                ItemCount = o.ItemCount,
                Differences = o.Differences.ToList(),
                MissingProperties = o.MissingProperties.ToList(),
                UnknownEnumValues = o.UnknownEnumValues.ToList(),
                PropertyNames = o.PropertyTypes.Keys.ToList(),
                HeaderNames = o.HeaderNames.ToList(),
                ETagPresent = o.ETagPresent,
                WarningHeaderPresent = o.WarningHeaderPresent,
                RetryAfterPresent = o.RetryAfterPresent,
                RequestIdPresent = o.RequestIdPresent,
                Latency = o.LatencyBucket,
                ErrorId = o.ErrorId,
                Detail = o.Detail,
            };

        private static JsonArray Array(IEnumerable<string> items) => new JsonArray(items.Select(i => (JsonNode?)JsonValue.Create(i)).ToArray());
    }
}
