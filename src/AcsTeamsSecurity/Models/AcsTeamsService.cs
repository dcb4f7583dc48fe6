namespace AcsTeamsSecurity.Models
{
    /// <summary>The cloud services this module talks to; each has its own token.</summary>
    public enum AcsTeamsService
    {
        /// <summary>Microsoft Graph (online meetings, users, Teams user configurations).</summary>
        Graph,

        /// <summary>The Teams tenant admin API behind the MicrosoftTeams policy cmdlets.</summary>
        TeamsAdmin,

        /// <summary>Azure Communication Services identity data plane.</summary>
        Acs,

        /// <summary>Azure Resource Manager (ACS resources and their diagnostic settings).</summary>
        Arm,

        /// <summary>Security &amp; Compliance (Microsoft Purview) InvokeCommand endpoint: DLP policies and rules, read only.</summary>
        Compliance,

        /// <summary>Exchange Online InvokeCommand endpoint: the Customer Key (data-at-rest encryption) policies, read only.</summary>
        ExchangeOnline,
    }
}
