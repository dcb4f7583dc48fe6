using AcsTeamsSecurity.Models;

namespace AcsTeamsSecurity.Audit.Rules
{
    /// <summary>What a rule concluded for one scope, before the engine adds the rule's identity and the source.</summary>
    internal sealed class RuleResult
    {
        internal RuleResult(FindingStatus status, string scope, string setting, string actual, string evidence, string remediation = "", int? affectedUsers = null)
        {
            Status = status;
            Scope = scope;
            Setting = setting;
            Actual = actual;
            Evidence = evidence;
            Remediation = remediation;
            AffectedUsers = affectedUsers;
        }

        internal FindingStatus Status { get; }

        internal string Scope { get; }

        internal string Setting { get; }

        internal string Actual { get; }

        internal string Evidence { get; }

        internal string Remediation { get; }

        internal int? AffectedUsers { get; }
    }
}
