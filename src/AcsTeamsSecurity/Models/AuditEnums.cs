namespace AcsTeamsSecurity.Models
{
    /// <summary>How much a failed audit rule matters.</summary>
    public enum AuditSeverity
    {
        /// <summary>Lets people outside the organization in, or mint access, without any check.</summary>
        Critical,

        /// <summary>A baseline SHALL requirement, or a direct path for external users to more access.</summary>
        High,

        /// <summary>A baseline SHOULD requirement with a security effect.</summary>
        Medium,

        /// <summary>Defence in depth, hygiene.</summary>
        Low,

        /// <summary>Worth knowing; no direct security effect.</summary>
        Informational,
    }

    /// <summary>The outcome of one rule for one scope.</summary>
    public enum FindingStatus
    {
        /// <summary>The setting is as the rule expects.</summary>
        Pass,

        /// <summary>The setting is not as the rule expects.</summary>
        Fail,

        /// <summary>Not a failure, but worth a look (a contradiction, or something that cannot be confirmed).</summary>
        Warning,

        /// <summary>The rule does not apply (for example no ACS resources were exported, or the cloud lacks the feature).</summary>
        NotApplicable,

        /// <summary>The data the rule needs could not be read.</summary>
        Error,
    }

    /// <summary>Where a rule looks: the tenant gates, a policy type, or the ACS resources in Azure.</summary>
    public enum AuditPlane
    {
        /// <summary>Tenant-wide configuration (ACS federation, anonymous join, tenant federation).</summary>
        Tenant,

        /// <summary>Teams meeting policy instances.</summary>
        MeetingPolicy,

        /// <summary>External access policy instances.</summary>
        ExternalAccessPolicy,

        /// <summary>Azure Communication Services resources in Azure Resource Manager.</summary>
        AcsResource,

        /// <summary>Live-events (meeting broadcast) policy instances.</summary>
        BroadcastPolicy,

        /// <summary>Microsoft Purview: DLP policies that cover Teams, and Customer Key (read only).</summary>
        Purview,
    }
}
