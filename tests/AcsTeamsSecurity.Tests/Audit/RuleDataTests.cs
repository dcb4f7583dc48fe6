using System.Management.Automation.Language;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AcsTeamsSecurity.Audit.Rules;
using AcsTeamsSecurity.Audit.Snapshots;
using AcsTeamsSecurity.Models;
using Xunit;

namespace AcsTeamsSecurity.Tests.Audit
{
    /// <summary>
    /// The rules are data: every id in rules.json has its metadata, its prose (en-US/rules/&lt;id&gt;.md), a check or an
    /// evaluator, and a remediation that, applied to the failing fixture, makes the finding go away. A broken entry
    /// fails when the catalogue loads, and a new one-setting rule needs no code.
    /// </summary>
    public class RuleDataTests
    {
        private static readonly string RulesFolder = Path.Combine(SnapshotSchemaTests.RepoRoot(), "en-US", "rules");

        private static readonly string EvaluatorFolder = Path.Combine(SnapshotSchemaTests.RepoRoot(), "src", "AcsTeamsSecurity", "Audit", "Rules", "Evaluators");

        /// <summary>Rules whose fix cannot be replayed on a snapshot, and why.</summary>
        private static readonly Dictionary<string, string> NoReplayableFix = new()
        {
            ["ATS.RES.4"] = "dataLocation is fixed when a resource is created: the fix is a new resource, not a command",
        };

        [Fact]
        public void EveryRuleHasMetadataProseAndACheckOrAnEvaluator()
        {
            var declarations = RuleCatalog.Declarations;
            Assert.Equal(declarations.Select(d => d.Definition.Id), RuleCatalog.All.Select(r => r.Definition.Id));
            var files = Directory.GetFiles(RulesFolder, "*.md").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(declarations.Select(d => d.Definition.Id).Order(StringComparer.Ordinal), files);
            foreach (var data in declarations)
            {
                var d = data.Definition;
                Assert.All(new[] { d.Title, d.Rationale, d.Check, d.Expected, d.Remediation }, text => Assert.False(string.IsNullOrWhiteSpace(text), d.Id));
                Assert.Equal(RuleData.Description(d.Id, File.ReadAllText(Path.Combine(RulesFolder, d.Id + ".md"))), d.Check);
                Assert.True((data.Check is null) != (data.Evaluator is null), $"{d.Id}: a check or an evaluator, not both");
                Assert.True(data.Evaluator is null || RuleCatalog.Evaluators.ContainsKey(data.Evaluator), $"{d.Id}: no evaluator {data.Evaluator}");
                Assert.True(d.Mappings.All(m => m.Framework is RuleCatalog.Scuba or RuleCatalog.Maester or RuleCatalog.Cis or RuleCatalog.AzurePolicy), $"{d.Id}: unknown framework");
            }

            // At least the dozen rules of the shape "setting X in the policies in scope has an allowed value" are data.
            Assert.True(declarations.Count(d => d.Check is not null) >= 12);
        }

        [Fact]
        public void EveryEvaluatorIsUsedAndLivesInItsOwnFile()
        {
            var used = RuleCatalog.Declarations.Select(d => d.Evaluator).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var unused = RuleCatalog.Evaluators.Keys.Where(k => !used.Contains(k)).ToList();
            Assert.True(unused.Count == 0, $"evaluators no rule names: {string.Join(", ", unused)}");
            foreach (var (name, type) in RuleCatalog.Evaluators)
            {
                Assert.True(type.IsSealed, type.Name);
                Assert.Equal("AcsTeamsSecurity.Audit.Rules.Evaluators", type.Namespace);
                Assert.Equal(name + "Evaluator", type.Name);
                Assert.True(File.Exists(Path.Combine(EvaluatorFolder, type.Name + ".cs")), $"{type.Name} is not in Evaluators/{type.Name}.cs");
            }
        }

        /// <summary>
        /// Every fix round-trips: each Fail finding of each fixture case (and each Warning that carries a fix) is fixed
        /// by replaying its remediation on the snapshot, and the rule is evaluated again: the scope no longer fails
        /// (a Warning no longer says the same). Every rule but the listed ones must have at least one such round trip.
        /// </summary>
        [Fact]
        public void EveryRemediationRoundTripsThroughTheFix()
        {
            var covered = new HashSet<string>(StringComparer.Ordinal);
            var problems = new List<string>();
            foreach (var (ruleId, node) in AuditFixtures.RuleCases())
            {
                var rule = RuleCatalog.All.Single(r => r.Definition.Id == ruleId);
                foreach (var @case in (JsonArray)node!)
                {
                    var patch = @case!["patch"] as JsonArray;
                    var options = new AuditOptions
                    {
                        AllowedDataLocations = (@case["options"]?["allowedDataLocations"] as JsonArray)?.Select(n => n!.GetValue<string>()).ToList() ?? (IReadOnlyList<string>)Array.Empty<string>(),
                    };
                    var before = AuditEngine.Evaluate(AuditFixtures.Patched(patch), new[] { rule }, options, "fixture").ToList();
                    foreach (var finding in before.Where(f => f.Remediation.Length > 0 && f.Status is FindingStatus.Fail or FindingStatus.Warning))
                    {
                        var snapshot = AuditFixtures.Patched(patch);
                        if (!Replay(snapshot, finding.Remediation))
                        {
                            if (!NoReplayableFix.ContainsKey(ruleId))
                            {
                                problems.Add($"{ruleId} {finding.Scope}: cannot replay '{finding.Remediation}'");
                            }

                            continue;
                        }

                        var after = AuditEngine.Evaluate(snapshot, new[] { rule }, options, "fixture").Where(f => f.Scope == finding.Scope).ToList();
                        var fixedIt = finding.Status == FindingStatus.Fail
                            ? after.All(f => f.Status != FindingStatus.Fail)
                            : after.All(f => f.Status != FindingStatus.Warning || f.Evidence != finding.Evidence);
                        if (fixedIt)
                        {
                            covered.Add(ruleId);
                        }
                        else
                        {
                            problems.Add($"{ruleId} {finding.Scope} ({@case["why"]}): after '{finding.Remediation}' still {string.Join(", ", after.Select(f => $"{f.Status} ({f.Evidence})"))}");
                        }
                    }
                }
            }

            Assert.True(problems.Count == 0, string.Join("\n", problems));
            var missing = RuleCatalog.All.Select(r => r.Definition.Id).Where(id => !covered.Contains(id) && !NoReplayableFix.ContainsKey(id)).ToList();
            Assert.True(missing.Count == 0, $"no remediation of these rules was replayed: {string.Join(", ", missing)}");
            Assert.All(NoReplayableFix.Keys, id => Assert.DoesNotContain(id, covered));
        }

        [Fact]
        public void ADeclaredRuleIsDataOnly()
        {
            const string json = """
                {"version": 1, "rules": [
                  {"id": "ATS.MTG.99", "title": "Transcripts are off", "severity": "Low", "plane": "MeetingPolicy",
                   "rationale": "Transcripts keep what external participants said.", "expected": "False in every instance",
                   "check": {"scope": "EveryMeetingPolicy", "setting": "AllowTranscription", "allowed": [false],
                             "failure": "meetings can be transcribed",
                             "fix": {"command": "Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy", "value": false}},
                   "mappings": [{"framework": "Maester", "id": "MT.9999"}]},
                  {"id": "ATS.EXT.99", "title": "Global does not federate", "severity": "Low", "plane": "ExternalAccessPolicy",
                   "rationale": "r", "expected": "False in Global",
                   "check": {"scope": "GlobalExternalAccessPolicy", "setting": "EnableFederationAccess", "forbidden": [true],
                             "failure": "users can talk to other organizations",
                             "fix": {"command": "Set-ExternalUserPolicy -PolicyType ExternalAccessPolicy", "value": false}}}
                ]}
                """;
            var data = RuleData.ParseCatalogue(json, new Dictionary<string, string> { ["ATS.MTG.99"] = "# ATS.MTG.99\n\nAllowTranscription is False\nin every meeting policy instance.\n", ["ATS.EXT.99"] = "# ATS.EXT.99\n\nx\n" });
            var meeting = data[0];
            Assert.Equal("AllowTranscription is False in every meeting policy instance.", meeting.Definition.Check);
            Assert.Equal("Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity '<Identity>' -AllowTranscription $false", meeting.Definition.Remediation);
            Assert.Equal("Set-ExternalUserPolicy -PolicyType ExternalAccessPolicy -Identity Global -EnableFederationAccess $false", data[1].Definition.Remediation);

            var snapshot = AuditFixtures.Load(AuditFixtures.Baseline());
            snapshot.MeetingPolicies[1].Settings.AllowTranscription = true;
            snapshot.MeetingPolicies[0].Settings.AllowTranscription = false;
            snapshot.ExternalAccessPolicies[0].Settings.EnableFederationAccess = true;
            var findings = AuditEngine.Evaluate(snapshot, data.Select(RuleCatalog.Bind), new AuditOptions(), "x").ToList();
            var fail = Assert.Single(findings, f => f.RuleId == "ATS.MTG.99" && f.Status == FindingStatus.Fail);
            Assert.Equal("TeamsMeetingPolicy.AllowTranscription", fail.Setting);
            Assert.Equal("AllowTranscription is True: meetings can be transcribed.", fail.Evidence);
            Assert.Equal($"Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy -Identity '{snapshot.MeetingPolicies[1].Settings.Identity}' -AllowTranscription $false", fail.Remediation);
            Assert.Contains(findings, f => f.RuleId == "ATS.MTG.99" && f.Status == FindingStatus.Pass && f.Scope == "Global");
            var global = Assert.Single(findings, f => f.RuleId == "ATS.EXT.99");
            Assert.Equal((FindingStatus.Fail, "Global", "ExternalAccessPolicy.EnableFederationAccess", "EnableFederationAccess is True: users can talk to other organizations (Global policy)."), (global.Status, global.Scope, global.Setting, global.Evidence));

            snapshot.CollectionErrors.Add(new CollectionError(AuditPlane.ExternalAccessPolicy, "denied"));
            var error = Assert.Single(AuditEngine.Evaluate(snapshot, new[] { RuleCatalog.Bind(data[1]) }, new AuditOptions(), "x"));
            Assert.Equal((FindingStatus.Error, "(not read)", "denied"), (error.Status, error.Actual, error.Evidence));
        }

        [Theory]
        [InlineData("\"severity\": \"Low\"", "\"severity\": \"Lowest\"", "'severity' is 'Lowest'")]
        [InlineData("\"title\": \"T\",", "\"title\": \"T\", \"titel\": \"typo\",", "unknown property 'titel'")]
        [InlineData("\"setting\": \"AllowTranscription\"", "\"setting\": \"AllowTransciption\"", "'AllowTransciption' is not a single-valued setting")]
        [InlineData("\"setting\": \"AllowTranscription\"", "\"setting\": \"BlockedAnonymousJoinClientTypes\"", "not a single-valued setting")]
        [InlineData("\"allowed\": [false]", "\"allowed\": [\"Off\"]", "allowed value \"Off\" is not true or false")]
        [InlineData("\"allowed\": [false]", "\"allowed\": [true]", "the fix sets AllowTranscription to $false, which the check does not accept")]
        [InlineData("\"allowed\": [false]", "\"allowed\": [false], \"forbidden\": [true]", "either 'allowed' or 'forbidden'")]
        [InlineData("\"scope\": \"EveryMeetingPolicy\"", "\"scope\": \"EveryPolicy\"", "scope 'EveryPolicy' is not one of")]
        [InlineData("\"expected\": \"E\",", "\"expected\": \"E\", \"evaluator\": \"GlobalLobby\",", "either 'check'")]
        [InlineData("\"expected\": \"E\",", "\"expected\": \"E\", \"remediation\": \"Set-LobbyBypass\",", "remove 'remediation'")]
        [InlineData("\"id\": \"ATS.MTG.99\"", "\"id\": \"ATS.MTG.98\"", "no description (en-US/rules/ATS.MTG.98.md)")]
        public void ABrokenEntryFailsWhenTheCatalogueLoads(string find, string replace, string message)
        {
            const string json = """
                {"version": 1, "rules": [{"id": "ATS.MTG.99", "title": "T", "severity": "Low", "plane": "MeetingPolicy", "rationale": "R", "expected": "E",
                  "check": {"scope": "EveryMeetingPolicy", "setting": "AllowTranscription", "allowed": [false], "failure": "F",
                            "fix": {"command": "Set-ExternalUserPolicy -PolicyType TeamsMeetingPolicy", "value": false}}}]}
                """;
            var descriptions = new Dictionary<string, string> { ["ATS.MTG.99"] = "# ATS.MTG.99\n\nD\n" };
            Assert.NotNull(RuleData.ParseCatalogue(json, descriptions));
            Assert.Contains(find, json, StringComparison.Ordinal);
            var error = Assert.Throws<FormatException>(() => RuleData.ParseCatalogue(json.Replace(find, replace, StringComparison.Ordinal), descriptions));
            Assert.Contains(message, error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void AnUnknownEvaluatorAWrongHeadingATwinOrAnotherVersionFailsWhenTheCatalogueLoads()
        {
            const string entry = """{"id": "ATS.ACS.99", "title": "T", "severity": "Low", "plane": "Tenant", "rationale": "R", "expected": "E", "remediation": "x", "evaluator": "NoSuch"}""";
            var descriptions = new Dictionary<string, string> { ["ATS.ACS.99"] = "# ATS.ACS.99\n\nD\n" };
            var data = Assert.Single(RuleData.ParseCatalogue($$"""{"version": 1, "rules": [{{entry}}]}""", descriptions));
            Assert.Contains("no evaluator named 'NoSuch'", Assert.Throws<FormatException>(() => RuleCatalog.Bind(data)).Message, StringComparison.Ordinal);
            Assert.Contains("is in the catalogue more than once", Assert.Throws<FormatException>(() => RuleData.ParseCatalogue($$"""{"version": 1, "rules": [{{entry}}, {{entry}}]}""", descriptions)).Message, StringComparison.Ordinal);
            Assert.Contains("this module reads version 1", Assert.Throws<FormatException>(() => RuleData.ParseCatalogue($$"""{"version": 2, "rules": [{{entry}}]}""", descriptions)).Message, StringComparison.Ordinal);
            Assert.Contains("does not state its format version", Assert.Throws<FormatException>(() => RuleData.ParseCatalogue($$"""{"rules": [{{entry}}]}""", descriptions)).Message, StringComparison.Ordinal);
            Assert.Contains("must start with the heading '# ATS.ACS.99'", Assert.Throws<FormatException>(() => RuleData.ParseCatalogue($$"""{"version": 1, "rules": [{{entry}}]}""", new Dictionary<string, string> { ["ATS.ACS.99"] = "# ATS.ACS.9\n\nD\n" })).Message, StringComparison.Ordinal);
        }

        /// <summary>Applies a remediation command to the snapshot, as the command would change the tenant; false when it is not a command.</summary>
        private static bool Replay(ConfigurationSnapshot s, string remediation)
        {
            var az = Regex.Match(remediation, @"^az resource update --ids '(?<id>[^']+)' --set (?<path>[\w.]+)=(?<value>\w+)");
            if (az.Success)
            {
                var resource = s.AcsResources!.Single(r => r.Id == az.Groups["id"].Value);
                var property = az.Groups["path"].Value switch
                {
                    "properties.disableLocalAuth" => nameof(AcsResourceSettings.DisableLocalAuth),
                    "properties.publicNetworkAccess" => nameof(AcsResourceSettings.PublicNetworkAccess),
                    "identity.type" => nameof(AcsResourceSettings.ManagedIdentityType),
                    var other => throw new InvalidOperationException($"no model property for {other}"),
                };
                Set(resource, property, az.Groups["value"].Value);
                return true;
            }

            var logs = Regex.Match(remediation, @"^az monitor diagnostic-settings create --resource '(?<id>[^']+)' --name (?<name>\S+) .*""category"":""AuthOperational""");
            if (logs.Success)
            {
                var resource = s.AcsResources!.Single(r => r.Id == logs.Groups["id"].Value);
                resource.DiagnosticSettings = resource.DiagnosticSettings.Append(logs.Groups["name"].Value).ToList();
                resource.AuthLogsCollected = true;
                return true;
            }

            if (Regex.IsMatch(remediation, @"^(New|Set)-(Dlp|M365DataAtRest)"))
            {
                return ReplayPurview(s, remediation);
            }

            var ast = Parser.ParseInput(remediation, out _, out var errors);
            var command = errors.Length == 0 ? ast.FindAll(a => a is CommandAst, true).Cast<CommandAst>().FirstOrDefault() : null;
            if (command?.GetCommandName() is not { } name)
            {
                return false;
            }

            var arguments = RuleCatalogTests.Arguments(command);
            var identity = arguments.TryGetValue("Identity", out var i) ? (string)i! : null;
            object? target = name switch
            {
                "Set-ExternalUserPolicy" when (string)arguments["PolicyType"]! == "ExternalAccessPolicy" => s.ExternalAccessPolicies.Single(p => p.Settings.Identity == identity).Settings,
                "Set-ExternalUserPolicy" or "Set-LobbyBypass" => s.MeetingPolicies.Single(p => p.Settings.Identity == identity).Settings,
                "Set-CsTeamsMeetingBroadcastPolicy" => s.BroadcastPolicies.Single(p => p.Settings.Identity == identity).Settings,
                "Set-AcsFederationConfiguration" or "Set-CsTenantFederationConfiguration" => s.Tenant,
                _ => null,
            };
            if (target is null)
            {
                return false;
            }

            foreach (var (parameter, value) in arguments.Where(a => a.Key is not "Identity" and not "PolicyType"))
            {
                switch (parameter)
                {
                    case "RemoveAllowedAcsResource":
                        s.Tenant.AllowedAcsResources = s.Tenant.AllowedAcsResources.Where(r => !string.Equals(r, (string)value!, StringComparison.OrdinalIgnoreCase)).ToList();
                        break;
                    case "AllowedDomainsAsAList":
                        // The argument is an array expression, @('a', 'b'): its quoted strings are the domains.
                        s.Tenant.AllowedDomains = command.FindAll(a => a is StringConstantExpressionAst { StringConstantType: StringConstantType.SingleQuoted }, true).Cast<StringConstantExpressionAst>().Select(c => c.Value).ToList();
                        break;
                    default:
                        Set(target, parameter, value);
                        break;
                }
            }

            return true;
        }

        /// <summary>
        /// Applies the Purview commands of a remediation (Security &amp; Compliance and Exchange Online PowerShell, every
        /// statement in order) to the snapshot's Purview plane, as the service would change the tenant.
        /// </summary>
        private static bool ReplayPurview(ConfigurationSnapshot s, string remediation)
        {
            var ast = Parser.ParseInput(remediation, out _, out var errors);
            if (errors.Length > 0 || s.Purview is null)
            {
                return false;
            }

            var plane = s.Purview;
            foreach (var command in ast.FindAll(a => a is CommandAst, true).Cast<CommandAst>())
            {
                var arguments = new Dictionary<string, CommandElementAst?>(StringComparer.OrdinalIgnoreCase);
                var elements = command.CommandElements;
                for (var i = 1; i < elements.Count; i++)
                {
                    if (elements[i] is CommandParameterAst parameter)
                    {
                        arguments[parameter.ParameterName] = parameter.Argument ?? (i + 1 < elements.Count && elements[i + 1] is not CommandParameterAst ? elements[++i] : null);
                    }
                }

                string Text(string name) => ((StringConstantExpressionAst)arguments[name]!).Value;
                ExternalUserDlpPolicy Policy(string name) => plane.DlpPolicies.Single(d => d.Name == Text(name));
                switch (command.GetCommandName())
                {
                    case "Set-DlpCompliancePolicy" when arguments.ContainsKey("Mode"):
                        var mode = Enum.Parse<DlpPolicyMode>(Text("Mode"));
                        Policy("Identity").Mode = mode;
                        Policy("Identity").ModeText = mode.ToString();
                        break;
                    case "Set-DlpCompliancePolicy" when arguments.ContainsKey("RemoveTeamsLocationException"):
                        var gone = Text("RemoveTeamsLocationException");
                        Policy("Identity").TeamsLocationException = Policy("Identity").TeamsLocationException.Where(u => !string.Equals(u, gone, StringComparison.OrdinalIgnoreCase)).ToList();
                        break;
                    case "New-DlpCompliancePolicy":
                        plane.DlpPolicies.Add(new ExternalUserDlpPolicy { Name = Text("Name"), Mode = Enum.Parse<DlpPolicyMode>(Text("Mode")), ModeText = Text("Mode"), TeamsLocation = new[] { Text("TeamsLocation") }, CoversAllTeamsUsers = true, Workload = "Teams" });
                        break;
                    case "New-DlpComplianceRule" when arguments.ContainsKey("BlockAccess"):
                        // -ContentContainsSensitiveInformation @{ Name = 'a' }, @{ Name = 'b' }: the names are the hashtables' values.
                        var names = arguments["ContentContainsSensitiveInformation"]!.FindAll(a => a is HashtableAst, true).Cast<HashtableAst>()
                            .SelectMany(h => h.KeyValuePairs).Select(kv => kv.Item2.Find(a => a is StringConstantExpressionAst, true)).Cast<StringConstantExpressionAst>().Select(c => c.Value);
                        var target = Policy("Policy");
                        target.BlockedInformationTypes = target.BlockedInformationTypes.Concat(names).ToList();
                        target.BlocksExternalParticipants = true;
                        target.Rules = target.Rules.Append(Text("Name")).ToList();
                        break;
                    case "New-M365DataAtRestEncryptionPolicy":
                        plane.CustomerKey.Policies = plane.CustomerKey.Policies.Append(Text("Name")).ToList();
                        break;
                    case "Set-M365DataAtRestEncryptionPolicyAssignment":
                        plane.CustomerKey.State = CustomerKeyState.Assigned;
                        plane.CustomerKey.AssignedPolicy = Text("DataEncryptionPolicy");
                        break;
                    default:
                        return false;
                }
            }

            return true;
        }

        private static void Set(object target, string property, object? value)
        {
            var info = target.GetType().GetProperty(property) ?? throw new InvalidOperationException($"{target.GetType().Name} has no {property}");
            var type = Nullable.GetUnderlyingType(info.PropertyType) ?? info.PropertyType;
            var converted = value switch
            {
                string text when type.IsEnum => Enum.Parse(type, text),
                string text when type == typeof(bool) => bool.Parse(text),
                _ => value,
            };
            info.SetValue(target, converted);
        }
    }
}
