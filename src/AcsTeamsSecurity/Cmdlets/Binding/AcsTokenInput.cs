using System.Management.Automation;
using System.Security;
using AcsTeamsSecurity.Auth;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;

namespace AcsTeamsSecurity.Cmdlets.Binding
{
    /// <summary>The ACS token behind what users pass to -Token: text, a SecureString, or the module's own token objects.</summary>
    internal static class AcsTokenInput
    {
        internal static string Reveal(object? value)
        {
            var item = value is PSObject pso ? pso.BaseObject : value;
            return item switch
            {
                AcsGuestToken guest => SecureStrings.Reveal(guest.Token),
                AcsTeamsUserToken user => SecureStrings.Reveal(user.Token),
                SecureString secure => SecureStrings.Reveal(secure),
                string text => text,
                _ => throw new AcsTeamsSecurityException(ErrorIds.AcsTokenInvalid, ErrorCategory.InvalidArgument, $"-Token takes ACS tokens as SecureString or text (or the objects New-AcsGuestToken and Get-AcsTeamsUserToken return), not {item?.GetType().Name ?? "null"}."),
            };
        }
    }
}
