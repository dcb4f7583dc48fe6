using System.Management.Automation;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Resources;

namespace AcsTeamsSecurity.Cmdlets.Binding
{
    /// <summary>Validates identity ids given to the ACS cmdlets before any request is sent.</summary>
    internal static class AcsIdentityInput
    {
        internal static AcsIdentity Parse(string? value)
        {
            if (!AcsIdentity.TryParse(value, out var identity) || !identity.IsAcsUser)
            {
                var shown = value is null ? "(null)" : value.Length > 80 ? value.Substring(0, 80) + "…" : value;
                throw ErrorFactory.AcsIdentityInvalid(Strings.AcsIdentityInvalid_IsNotAnACS, shown).With(target: value);
            }

            return identity;
        }
    }
}
