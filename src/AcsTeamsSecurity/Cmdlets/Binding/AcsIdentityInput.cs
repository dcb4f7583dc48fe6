using System.Management.Automation;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;

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
                throw new AcsTeamsSecurityException(
                    ErrorIds.AcsIdentityInvalid,
                    ErrorCategory.InvalidArgument,
                    $"'{shown}' is not an ACS user id. ACS user ids look like 8:acs:<resource id>_<id>, as New-AcsIdentity and New-AcsGuestToken return them.")
                {
                    Target = value,
                };
            }

            return identity;
        }
    }
}
