using System;

namespace AcsTeamsSecurity.Domain.Policy
{
    /// <summary>How users name Teams policy instances: Global, or a custom instance Tag:Name that may be written as Name.</summary>
    internal static class PolicyIdentity
    {
        /// <summary>The identity of the one instance every user without another assignment has.</summary>
        internal const string Global = "Global";

        /// <summary>Global stays Global (and * stays *, for wildcard patterns); a bare name means Tag:name.</summary>
        internal static string Normalize(string identity) =>
            identity.StartsWith("Tag:", StringComparison.OrdinalIgnoreCase) || IsGlobal(identity) || identity == "*"
                ? identity
                : "Tag:" + identity;

        /// <summary>Whether <paramref name="identity"/> names the Global instance.</summary>
        internal static bool IsGlobal(string identity) => string.Equals(identity, Global, StringComparison.OrdinalIgnoreCase);

        /// <summary>Whom a change of the instance affects, for the confirmation text.</summary>
        internal static string AppliesTo(string identity) =>
            IsGlobal(identity)
                ? "every user without another assignment"
                : "the users it is assigned to, directly or through groups";
    }
}
