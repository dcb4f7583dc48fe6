using System.Text;
using AcsTeamsSecurity.Audit.Rules;
using AcsTeamsSecurity.Models;
using Xunit;

namespace AcsTeamsSecurity.Tests.Audit
{
    /// <summary>
    /// en-US/about_AcsTeamsSecurity_Rules.help.txt (Get-Help about_AcsTeamsSecurity_Rules) is generated from the rule
    /// catalogue and its markdown, so the help cannot drift from Get-ExternalUserSecurityRule: this test fails when they
    /// differ (set ACSTS_WRITE_ABOUT_RULES=1 to rewrite the file, then review the diff).
    /// </summary>
    public class AboutRulesTopicTests
    {
        private const int Width = 96;

        private static readonly string TopicPath = Path.Combine(SnapshotSchemaTests.RepoRoot(), "en-US", "about_AcsTeamsSecurity_Rules.help.txt");

        [Fact]
        public void AboutRulesTopicIsTheCatalogue()
        {
            var expected = Render(RuleCatalog.All.Select(r => r.Definition).ToList());
            if (Environment.GetEnvironmentVariable("ACSTS_WRITE_ABOUT_RULES") == "1")
            {
                File.WriteAllText(TopicPath, expected);
            }

            Assert.True(File.Exists(TopicPath), $"missing {TopicPath}");
            Assert.Equal(expected, File.ReadAllText(TopicPath).Replace("\r\n", "\n", StringComparison.Ordinal));
            var lines = expected.Split('\n');
            Assert.All(lines, l => Assert.True(l.Length < 100, $"line of {l.Length} characters: {l}"));
            Assert.All(RuleCatalog.All, r => Assert.Contains(r.Definition.Id + "  " + r.Definition.Title, lines));
        }

        internal static string Render(IReadOnlyList<ExternalUserSecurityRule> rules)
        {
            var text = new StringBuilder();
            void Line(string line = "") => text.Append(line).Append('\n');
            Line("TOPIC");
            Line("    about_AcsTeamsSecurity_Rules");
            Line();
            Line("SHORT DESCRIPTION");
            Line($"    The {rules.Count} audit rules of Test-ExternalUserSecurity: what each checks, why, and the fix.");
            Line();
            Line("LONG DESCRIPTION");
            foreach (var line in Wrap("Test-ExternalUserSecurity evaluates these rules on the live tenant or on a snapshot, and gives one finding per scope (the tenant, each policy instance, each ACS resource). Get-ExternalUserSecurityRule returns the same text as objects; -RuleId, -Severity, -Framework and -MappingId select rules in both cmdlets. A finding's Remediation is the Fix below with its policy or resource filled in. This topic is generated from the module's rule catalogue.", "    "))
            {
                Line(line);
            }

            foreach (var rule in rules)
            {
                Line();
                Line($"{rule.Id}  {rule.Title}");
                Field("Severity", rule.Severity.ToString());
                Field("Plane", rule.Plane.ToString());
                if (rule.Mappings.Count > 0)
                {
                    Field("Mappings", string.Join("; ", rule.Mappings.GroupBy(m => m.Framework).Select(g => $"{g.Key} {string.Join(", ", g.Select(m => m.Id))}")));
                }

                Field("Why", rule.Rationale);
                Field("Check", rule.Check);
                Field("Expected", rule.Expected);
                Field("Fix", rule.Remediation);
            }

            Line();
            Line("SEE ALSO");
            Line("    Get-ExternalUserSecurityRule");
            Line("    Test-ExternalUserSecurity");
            Line("    about_AcsTeamsSecurity");
            Line();
            Line("KEYWORDS");
            Line("    audit, rules, external users, ACS, CISA SCuBA, Maester, CIS, Azure Policy");
            return text.ToString();

            void Field(string label, string value)
            {
                var first = true;
                foreach (var line in Wrap(value, new string(' ', 15)))
                {
                    Line(first ? "    " + label.PadRight(11) + line.TrimStart() : line);
                    first = false;
                }
            }
        }

        private static IEnumerable<string> Wrap(string value, string indent)
        {
            foreach (var paragraph in value.Split("\n\n"))
            {
                var line = new StringBuilder(indent);
                foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (line.Length > indent.Length && line.Length + 1 + word.Length > Width)
                    {
                        yield return line.ToString();
                        line.Clear().Append(indent);
                    }

                    line.Append(line.Length > indent.Length ? " " : string.Empty).Append(word);
                }

                yield return line.ToString();
            }
        }
    }
}
