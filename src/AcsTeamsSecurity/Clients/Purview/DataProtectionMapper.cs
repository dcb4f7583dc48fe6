using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using AcsTeamsSecurity.Models;

namespace AcsTeamsSecurity.Clients.Purview
{
    /// <summary>
    /// Turns what Get-DlpCompliancePolicy, Get-DlpComplianceRule and the Customer Key cmdlets return (PascalCase objects,
    /// docs/CONTRACTS.md, Purview) into the module's models. Tolerant where the evidence leaves the shape open: a location
    /// is a string or an object with Name / DisplayName / ImmutableIdentity; sensitive information types are a flat list of
    /// <c>{name}</c> objects or the nested <c>{groups:[{sensitivetypes:[…]}]}</c> form; property names are matched without case.
    /// </summary>
    internal static class DataProtectionMapper
    {
        /// <summary>The Teams location value that means every Teams user.</summary>
        internal const string AllLocations = "All";

        /// <summary>Maps the DLP policies that cover Teams, with their rules; policies without Teams are left out.</summary>
        internal static IReadOnlyList<ExternalUserDlpPolicy> MapDlp(IEnumerable<JsonObject> policies, IEnumerable<JsonObject> rules)
        {
            var byPolicy = rules
                .GroupBy(r => Text(r, "ParentPolicyName") ?? string.Empty, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.OrdinalIgnoreCase);
            var result = new List<ExternalUserDlpPolicy>();
            foreach (var policy in policies)
            {
                var name = Text(policy, "Name") ?? Text(policy, "Identity") ?? string.Empty;
                var locations = Locations(policy, "TeamsLocation");
                var workload = Text(policy, "Workload");
                var coversTeams = locations.Count > 0;
                if (!coversTeams)
                {
                    continue;
                }

                byPolicy.TryGetValue(name, out var own);
                own ??= new List<JsonObject>();
                var active = own.Where(r => Bool(r, "Disabled") != true).ToList();
                var blocking = active.Where(r => Bool(r, "BlockAccess") == true).ToList();
                var modeText = Text(policy, "Mode");
                result.Add(new ExternalUserDlpPolicy
                {
                    Name = name,
                    ModeText = modeText,
                    Mode = ParseMode(modeText),
                    TeamsLocation = locations,
                    TeamsLocationException = Locations(policy, "TeamsLocationException"),
                    CoversAllTeamsUsers = locations.Any(l => string.Equals(l, AllLocations, StringComparison.OrdinalIgnoreCase)),
                    BlockedInformationTypes = blocking.SelectMany(r => SensitiveTypes(Get(r, "ContentContainsSensitiveInformation"))).Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(t => t, StringComparer.OrdinalIgnoreCase).ToList(),
                    BlocksExternalParticipants = blocking.Any(r => BlocksOutsiders(Text(r, "BlockAccessScope"))),
                    Rules = own.Select(r => Text(r, "Name") ?? string.Empty).Where(n => n.Length > 0).ToList(),
                    Workload = workload,
                });
            }

            return result;
        }

        /// <summary>Enable, TestWithNotifications, TestWithoutNotifications, Disable; anything else Unknown.</summary>
        internal static DlpPolicyMode ParseMode(string? text) =>
            text is not null && Enum.TryParse<DlpPolicyMode>(text.Trim(), true, out var mode) && Enum.IsDefined(typeof(DlpPolicyMode), mode) && text.Trim().Length > 1 && !char.IsDigit(text.Trim()[0])
                ? mode
                : DlpPolicyMode.Unknown;

        /// <summary>
        /// Whether a blocking rule's scope keeps people outside the organization out. <c>All</c> blocks everyone,
        /// <c>PerUser</c> blocks people outside the organization; no scope means the default, All. <c>PerAnonymousUser</c>
        /// only blocks anonymous sharing-link access (SharePoint/OneDrive) and is not counted for Teams (INF).
        /// </summary>
        internal static bool BlocksOutsiders(string? scope) =>
            string.IsNullOrWhiteSpace(scope) ||
            string.Equals(scope, "All", StringComparison.OrdinalIgnoreCase) ||
            string.Equals(scope, "PerUser", StringComparison.OrdinalIgnoreCase);

        /// <summary>The names of the sensitive information types in a rule's ContentContainsSensitiveInformation, whatever its form.</summary>
        internal static IEnumerable<string> SensitiveTypes(JsonNode? node)
        {
            switch (node)
            {
                case JsonArray array:
                    foreach (var item in array)
                    {
                        foreach (var name in SensitiveTypes(item))
                        {
                            yield return name;
                        }
                    }

                    break;
                case JsonObject o:
                    var nested = Get(o, "sensitivetypes") ?? Get(o, "groups");
                    if (nested is not null)
                    {
                        foreach (var name in SensitiveTypes(nested))
                        {
                            yield return name;
                        }
                    }
                    else if (Text(o, "name") is { Length: > 0 } name)
                    {
                        yield return name;
                    }

                    break;
                case JsonValue v when v.TryGetValue<string>(out var text) && text.Trim().Length > 0:
                    yield return text.Trim();
                    break;
            }
        }

        /// <summary>A location list: strings, or objects named by Name / DisplayName / ImmutableIdentity; a single value is a one-item list.</summary>
        internal static IReadOnlyList<string> Locations(JsonObject o, string property)
        {
            var node = Get(o, property);
            var items = node is JsonArray array ? array.ToList() : node is null ? new List<JsonNode?>() : new List<JsonNode?> { node };
            var list = new List<string>();
            foreach (var item in items)
            {
                var name = item switch
                {
                    JsonValue v when v.TryGetValue<string>(out var s) => s,
                    JsonObject l => Text(l, "Name") ?? Text(l, "DisplayName") ?? Text(l, "ImmutableIdentity"),
                    _ => null,
                };
                if (!string.IsNullOrWhiteSpace(name))
                {
                    list.Add(name!.Trim());
                }
            }

            return list;
        }

        /// <summary>The assigned policy's name from a Get-M365DataAtRestEncryptionPolicyAssignment object (property name INF), or null.</summary>
        internal static string? AssignedPolicy(JsonObject assignment) =>
            Text(assignment, "DataEncryptionPolicy") ?? Text(assignment, "DataEncryptionPolicyId") ?? Text(assignment, "Policy") ?? Text(assignment, "Name");

        internal static JsonNode? Get(JsonObject o, string property)
        {
            foreach (var pair in o)
            {
                if (string.Equals(pair.Key, property, StringComparison.OrdinalIgnoreCase))
                {
                    return pair.Value;
                }
            }

            return null;
        }

        internal static string? Text(JsonObject o, string property) =>
            Get(o, property) is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s : null;

        internal static bool? Bool(JsonObject o, string property) => Get(o, property) switch
        {
            JsonValue v when v.TryGetValue<bool>(out var b) => b,
            JsonValue v when v.TryGetValue<string>(out var s) && bool.TryParse(s, out var parsed) => parsed,
            _ => null,
        };
    }
}
