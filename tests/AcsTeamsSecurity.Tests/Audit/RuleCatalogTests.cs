using System.Management.Automation.Language;
using System.Reflection;
using System.Text.Json.Nodes;
using AcsTeamsSecurity.Audit.Reports;
using AcsTeamsSecurity.Audit.Rules;
using AcsTeamsSecurity.Audit.Snapshots;
using AcsTeamsSecurity.Clients.Teams;
using AcsTeamsSecurity.Cmdlets;
using AcsTeamsSecurity.Models;
using Xunit;

namespace AcsTeamsSecurity.Tests.Audit
{
    /// <summary>
    /// Every rule has a passing and a failing fixture (rule-fixtures.json over secure-snapshot.json, loaded through
    /// the schema-validating parser), and the catalogue covers the controls the issue names.
    /// </summary>
    public class RuleCatalogTests
    {
        public static TheoryData<string> RuleIds()
        {
            var data = new TheoryData<string>();
            foreach (var rule in RuleCatalog.All)
            {
                data.Add(rule.Definition.Id);
            }

            return data;
        }

        [Theory]
        [MemberData(nameof(RuleIds))]
        public void EveryRuleHasAPassingAndAFailingFixture(string ruleId)
        {
            var cases = AuditFixtures.RuleCases()[ruleId] as JsonArray;
            Assert.True(cases is not null, $"rule-fixtures.json has no cases for {ruleId}");
            Assert.Contains(cases!, c => c!["expect"]!.GetValue<string>() == "Pass");
            Assert.Contains(cases!, c => c!["expect"]!.GetValue<string>() is "Fail" or "Warning");
            var rule = RuleCatalog.All.Single(r => r.Definition.Id == ruleId);
            foreach (var @case in cases!)
            {
                var expect = Enum.Parse<FindingStatus>(@case!["expect"]!.GetValue<string>());
                var snapshot = AuditFixtures.Patched(@case["patch"] as JsonArray);
                var options = new AuditOptions
                {
                    AllowedDataLocations = (@case["options"]?["allowedDataLocations"] as JsonArray)?.Select(n => n!.GetValue<string>()).ToList() ?? (IReadOnlyList<string>)Array.Empty<string>(),
                };
                var findings = AuditEngine.Evaluate(snapshot, new[] { rule }, options, "fixture").ToList();
                var shown = string.Join(" | ", findings.Select(f => $"{f.Scope}: {f.Status} ({f.Evidence})"));
                Assert.NotEmpty(findings);
                Assert.All(findings, f => Assert.Equal(ruleId, f.RuleId));
                if (expect == FindingStatus.Pass)
                {
                    Assert.True(findings.All(f => f.Status is FindingStatus.Pass or FindingStatus.NotApplicable) && findings.Any(f => f.Status == FindingStatus.Pass), $"{ruleId} '{@case["why"]}': expected Pass, got {shown}");
                    Assert.All(findings, f => Assert.Equal(string.Empty, f.Remediation));
                }
                else
                {
                    Assert.True(findings.Any(f => f.Status == expect), $"{ruleId} '{@case["why"]}': expected {expect}, got {shown}");
                    if (expect == FindingStatus.Fail)
                    {
                        Assert.All(findings.Where(f => f.Status == FindingStatus.Fail), f => Assert.False(string.IsNullOrWhiteSpace(f.Remediation)));
                    }
                }
            }
        }

        [Fact]
        public void FixturesNameOnlyExistingRules()
        {
            var ids = RuleCatalog.All.Select(r => r.Definition.Id).ToHashSet();
            Assert.All(AuditFixtures.RuleCases().Select(p => p.Key), id => Assert.Contains(id, ids));
        }

        [Fact]
        public void TheSecureBaselineHasNoFailure()
        {
            var findings = AuditEngine.Evaluate(AuditFixtures.Load(AuditFixtures.Baseline()), RuleCatalog.All, new AuditOptions { AllowedDataLocations = new[] { "Europe" } }, "fixture").ToList();
            var bad = findings.Where(f => f.Status is FindingStatus.Fail or FindingStatus.Warning or FindingStatus.Error && f.RuleId != "ATS.MTG.8").ToList();
            Assert.True(bad.Count == 0, string.Join("\n", bad.Select(f => $"{f.RuleId} {f.Scope}: {f.Status} {f.Evidence}")));
        }

        [Fact]
        public void IdsAreUniqueAndEveryRuleIsComplete()
        {
            var rules = RuleCatalog.All.Select(r => r.Definition).ToList();
            Assert.Equal(rules.Count, rules.Select(r => r.Id).Distinct().Count());
            Assert.All(rules, r =>
            {
                Assert.Matches(@"^ATS\.(MTG|EXT|ACS|RES|PRV)\.\d+$", r.Id);
                Assert.False(string.IsNullOrWhiteSpace(r.Title));
                Assert.False(string.IsNullOrWhiteSpace(r.Rationale));
                Assert.False(string.IsNullOrWhiteSpace(r.Check));
                Assert.False(string.IsNullOrWhiteSpace(r.Expected));
                Assert.False(string.IsNullOrWhiteSpace(r.Remediation));
            });
        }

        [Theory]
        [InlineData(RuleCatalog.Scuba, "MS.TEAMS.1.1v1", "MS.TEAMS.1.2v2", "MS.TEAMS.1.3v1", "MS.TEAMS.1.4v1", "MS.TEAMS.1.5v1", "MS.TEAMS.1.6v1", "MS.TEAMS.1.7v2", "MS.TEAMS.2.1v2", "MS.TEAMS.2.2v2", "MS.TEAMS.2.3v2")]
        [InlineData(RuleCatalog.Maester, "MT.1037", "MT.1042", "MT.1045", "MT.1046", "MT.1047", "MT.1048")]
        [InlineData(RuleCatalog.Cis, "8.2.2", "8.2.3", "8.5.3")]
        [InlineData(RuleCatalog.Scuba, "MS.TEAMS.6.1v1", "MS.TEAMS.6.2v1")]
        [InlineData(RuleCatalog.AzurePolicy, "fc264132-db9c-4302-bb7d-3994c36461fe", "145408bc-d134-468a-ae3b-1eaf3b9e5ac7", "bcff6755-335b-484d-b435-d1161db39cdc", "93c45b74-42a1-4967-b25d-82c4dc630921")]
        public void TheCatalogueCoversTheBaselines(string framework, params string[] ids)
        {
            var mapped = RuleCatalog.All.SelectMany(r => r.Definition.Mappings).Where(m => m.Framework == framework).Select(m => m.Id).ToHashSet();
            Assert.All(ids, id => Assert.Contains(id, mapped));
        }

        /// <summary>A remediation that names one of our cmdlets must use parameters that cmdlet has.</summary>
        [Fact]
        public void RemediationCommandsOfThisModuleUseRealParameters()
        {
            var cmdlets = typeof(AcsTeamsCmdlet).Assembly.GetTypes()
                .Select(t => (Type: t, Attr: t.GetCustomAttribute<System.Management.Automation.CmdletAttribute>()))
                .Where(x => x.Attr is not null)
                .ToDictionary(x => $"{x.Attr!.VerbName}-{x.Attr.NounName}", x => x.Type, StringComparer.OrdinalIgnoreCase);
            var checkedCommands = 0;
            var texts = RuleCatalog.All.Select(r => r.Definition.Remediation)
                .Concat(AuditEngine.Evaluate(AuditFixtures.Load(AuditFixtures.Baseline()), RuleCatalog.All, new AuditOptions(), "x").Select(f => f.Remediation));
            foreach (var text in texts.Where(t => t.Length > 0))
            {
                var ast = Parser.ParseInput(text.Replace("<", "_", StringComparison.Ordinal).Replace(">", "_", StringComparison.Ordinal), out _, out var errors);
                Assert.True(errors.Length == 0, $"'{text}' does not parse: {string.Join("; ", errors.Select(e => e.Message))}");
                foreach (var command in ast.FindAll(a => a is CommandAst, true).Cast<CommandAst>())
                {
                    var name = command.GetCommandName();
                    if (name is null || !cmdlets.TryGetValue(name, out var type))
                    {
                        continue;
                    }

                    checkedCommands++;
                    var parameters = type.GetProperties().Where(p => p.GetCustomAttributes<System.Management.Automation.ParameterAttribute>().Any()).Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
                    foreach (var parameter in command.CommandElements.OfType<CommandParameterAst>())
                    {
                        Assert.True(parameters.Contains(parameter.ParameterName), $"'{text}': {name} has no -{parameter.ParameterName}");
                    }
                }
            }

            Assert.True(checkedCommands >= 15, $"only {checkedCommands} remediation commands of this module were checked");
        }

        /// <summary>
        /// A remediation must never be a loosening change: every finding of every fixture case whose fix is one of
        /// this module's Set- commands is applied, setting by setting, to the scope it names, and classified with the
        /// same table the Set- cmdlets use to ask again.
        /// </summary>
        [Fact]
        public void NoRemediationLoosensSecurity()
        {
            var checkedFixes = 0;
            foreach (var (ruleId, node) in AuditFixtures.RuleCases())
            {
                if (ruleId == "ATS.MTG.4")
                {
                    // SCuBA 1.4 asks for internal users to skip the lobby: its fix admits more colleagues (never guests
                    // or external users), which the single tight-to-loose order of AutoAdmittedUsers counts as loosening.
                    continue;
                }

                var rule = RuleCatalog.All.Single(r => r.Definition.Id == ruleId);
                foreach (var @case in (JsonArray)node!)
                {
                    var snapshot = AuditFixtures.Patched(@case!["patch"] as JsonArray);
                    foreach (var finding in AuditEngine.Evaluate(snapshot, new[] { rule }, new AuditOptions(), "fixture").Where(f => OurSetCommands.Any(c => f.Remediation.StartsWith(c + " ", StringComparison.Ordinal))))
                    {
                        var ast = Parser.ParseInput(finding.Remediation, out _, out var errors);
                        Assert.Empty(errors);
                        var command = ast.FindAll(a => a is CommandAst, true).Cast<CommandAst>().First();
                        var arguments = Arguments(command);
                        var name = command.GetCommandName();
                        object? scope = name switch
                        {
                            "Set-AcsFederationConfiguration" => snapshot.Tenant,
                            "Set-LobbyBypass" => snapshot.MeetingPolicies.Single(p => p.Settings.Identity == (string)arguments["Identity"]!).Settings,
                            "Set-ExternalUserPolicy" when (string)arguments["PolicyType"]! == "TeamsMeetingPolicy" => snapshot.MeetingPolicies.Single(p => p.Settings.Identity == (string)arguments["Identity"]!).Settings,
                            "Set-ExternalUserPolicy" => snapshot.ExternalAccessPolicies.Single(p => p.Settings.Identity == (string)arguments["Identity"]!).Settings,
                            _ => null,
                        };
                        Assert.True(scope is not null, $"{ruleId}: no scope for '{finding.Remediation}'");
                        foreach (var (parameter, value) in arguments.Where(a => a.Key is not "Identity" and not "PolicyType"))
                        {
                            var setting = parameter;
                            var after = value;
                            if (parameter == "RemoveAllowedAcsResource")
                            {
                                setting = "AllowedAcsResources";
                                after = snapshot.Tenant.AllowedAcsResources.Where(r => !string.Equals(r, (string)value!, StringComparison.OrdinalIgnoreCase)).ToList();
                            }

                            var before = SettingValues.Value(scope!, setting);
                            var direction = AcsTeamsSecurity.Domain.Policy.ChangeImpact.Classify(setting, before, after);
                            Assert.True(direction != ChangeDirection.Loosening, $"{ruleId} {finding.Scope} ({@case["why"]}): '{finding.Remediation}' loosens {setting} ({SettingValues.Display(before)} -> {SettingValues.Display(after)})");
                            checkedFixes++;
                        }
                    }
                }
            }

            Assert.True(checkedFixes >= 20, $"only {checkedFixes} remediation settings were checked");
        }

        private static readonly string[] OurSetCommands = { "Set-ExternalUserPolicy", "Set-LobbyBypass", "Set-AcsFederationConfiguration" };

        internal static Dictionary<string, object?> Arguments(CommandAst command)
        {
            var result = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            var elements = command.CommandElements;
            for (var i = 1; i < elements.Count; i++)
            {
                if (elements[i] is not CommandParameterAst parameter)
                {
                    continue;
                }

                var argument = parameter.Argument ?? (i + 1 < elements.Count && elements[i + 1] is not CommandParameterAst ? elements[++i] : null);
                result[parameter.ParameterName] = argument switch
                {
                    null => true,
                    VariableExpressionAst v when v.VariablePath.UserPath.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
                    VariableExpressionAst v when v.VariablePath.UserPath.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
                    ArrayExpressionAst => new List<string>(),
                    ArrayLiteralAst list => list.Elements.Select(e => ((StringConstantExpressionAst)e).Value).ToList(),
                    StringConstantExpressionAst text => text.Value,
                    _ => argument.Extent.Text,
                };
            }

            return result;
        }

        [Fact]
        public void FiltersSelectByIdSeverityFrameworkAndMapping()
        {
            Assert.All(AuditEngine.Select(new RuleFilter { RuleIds = new[] { "ATS.ACS.*" } }), r => Assert.StartsWith("ATS.ACS.", r.Definition.Id, StringComparison.Ordinal));
            Assert.All(AuditEngine.Select(new RuleFilter { Severities = new[] { AuditSeverity.Critical } }), r => Assert.Equal(AuditSeverity.Critical, r.Definition.Severity));
            Assert.Equal(12, AuditEngine.Select(new RuleFilter { Frameworks = new[] { "CISA SCuBA" } }).Count);
            Assert.Equal(12, AuditEngine.Select(new RuleFilter { Frameworks = new[] { "CISASCuBA" } }).Count);
            Assert.Equal(2, AuditEngine.Select(new RuleFilter { MappingIds = new[] { "MS.TEAMS.6.*" } }).Count);
            Assert.Equal(7, AuditEngine.Select(new RuleFilter { MappingIds = new[] { "MS.TEAMS.1.*" } }).Count);
            var error = Assert.Throws<AcsTeamsSecurity.Errors.AcsTeamsSecurityException>(() => AuditEngine.Select(new RuleFilter { RuleIds = new[] { "ATS.NOPE.1" } }));
            Assert.Equal("AuditRuleNotFound", error.ErrorId);
        }
    }
}
