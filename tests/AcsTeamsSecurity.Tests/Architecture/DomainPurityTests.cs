using System.Reflection;
using AcsTeamsSecurity.Cmdlets;
using Xunit;

namespace AcsTeamsSecurity.Tests.Architecture
{
    /// <summary>
    /// Domain/ is pure: no I/O and no clients. The layer test lets it use layer 1 (Clients/Auth), which holds the I/O;
    /// this test does not, nor PowerShell's types, so change planning and access evaluation stay unit-testable without
    /// a service or a runspace.
    /// </summary>
    public class DomainPurityTests
    {
        private static readonly Assembly Module = typeof(AcsTeamsCmdlet).Assembly;

        private static readonly string[] ForbiddenNamespaces = { "AcsTeamsSecurity.Clients", "AcsTeamsSecurity.Auth", "AcsTeamsSecurity.Session", "AcsTeamsSecurity.Cmdlets", "System.Management.Automation", "System.Net", "System.IO", "AcsTeamsSecurity.IO", "AcsTeamsSecurity.Isolation", "Azure", "Microsoft.Identity" };

        private static bool Forbidden(Type used) =>
            ForbiddenNamespaces.Any(n => (used.Namespace ?? "") == n || (used.Namespace ?? "").StartsWith(n + ".", StringComparison.Ordinal));

        [Fact]
        public void DomainUsesNoClientSessionCmdletOrPowerShellType()
        {
            var domain = Module.GetTypes().Where(t => (t.Namespace ?? "").StartsWith("AcsTeamsSecurity.Domain", StringComparison.Ordinal)).ToList();
            Assert.Contains(domain, t => t.Name == "PolicyPlan");
            var violations = domain
                .SelectMany(t => LayerTests.References(t).Where(Forbidden).Select(u => $"{t.FullName} -> {u.FullName}"))
                .Distinct()
                .OrderBy(v => v, StringComparer.Ordinal)
                .ToList();
            Assert.True(violations.Count == 0, "Domain/ must stay pure:\n" + string.Join("\n", violations));
        }

        [Fact]
        public void TheCheckSeesAForbiddenEdge()
        {
            // Not vacuous: the editor, one layer up, does use the Teams admin client and PowerShell's ErrorCategory.
            var editor = Module.GetTypes().Single(t => t.FullName == "AcsTeamsSecurity.Cmdlets.Editing.PolicyEditor");
            Assert.Contains(LayerTests.References(editor), t => Forbidden(t) && t.Namespace == "AcsTeamsSecurity.Clients.Teams");
            Assert.Contains(LayerTests.References(editor), t => Forbidden(t) && t.Namespace == "System.Management.Automation");
        }
    }
}
