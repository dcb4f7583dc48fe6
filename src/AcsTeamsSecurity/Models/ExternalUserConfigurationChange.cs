namespace AcsTeamsSecurity.Models
{
    /// <summary>What kind of difference a change is.</summary>
    public enum ConfigurationChangeType
    {
        /// <summary>A setting has another value.</summary>
        Modified,

        /// <summary>An instance (policy or ACS resource) exists only in the difference.</summary>
        Added,

        /// <summary>An instance exists only in the reference.</summary>
        Removed,
    }

    /// <summary>One difference between two snapshots (Compare-ExternalUserConfiguration), marked loosening or tightening.</summary>
    public sealed class ExternalUserConfigurationChange
    {
        internal ExternalUserConfigurationChange(AuditPlane plane, string scope, string setting, string? referenceValue, string? differenceValue, ConfigurationChangeType changeType, ChangeDirection direction)
        {
            Plane = plane;
            Scope = scope;
            Setting = setting;
            ReferenceValue = referenceValue;
            DifferenceValue = differenceValue;
            ChangeType = changeType;
            Direction = direction;
        }

        /// <summary>Tenant, MeetingPolicy, ExternalAccessPolicy or AcsResource.</summary>
        public AuditPlane Plane { get; }

        /// <summary>Tenant, the policy instance (Global, Tag:Name) or the ACS resource name.</summary>
        public string Scope { get; }

        /// <summary>The setting, or "(instance)" when a whole instance was added or removed.</summary>
        public string Setting { get; }

        /// <summary>The value in the reference snapshot.</summary>
        public string? ReferenceValue { get; }

        /// <summary>The value in the difference snapshot (or the live tenant).</summary>
        public string? DifferenceValue { get; }

        /// <summary>Modified, Added or Removed.</summary>
        public ConfigurationChangeType ChangeType { get; }

        /// <summary>Loosening when external users gain access or the tenant loses protection, Tightening for the reverse.</summary>
        public ChangeDirection Direction { get; }

        /// <inheritdoc />
        public override string ToString() => $"{Scope} {Setting}: {ReferenceValue} -> {DifferenceValue} ({Direction})";
    }
}
