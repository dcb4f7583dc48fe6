using System;
using System.Management.Automation;
using System.Security;
using AcsTeamsSecurity.Auth;
using AcsTeamsSecurity.Cmdlets;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Cmdlets.Binding;

namespace AcsTeamsSecurity.Commands.Acs
{
    /// <summary>
    /// <para type="synopsis">Decodes an ACS access token locally: identity, scopes, issue and expiry times, resource.</para>
    /// </summary>
    [Cmdlet(VerbsData.ConvertFrom, "AcsToken")]
    [OutputType(typeof(AcsTokenInfo))]
    public sealed class ConvertFromAcsTokenCommand : AcsTeamsCmdlet
    {
        /// <summary>The token: a SecureString or text, or the objects New-AcsGuestToken and Get-AcsTeamsUserToken return.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNull]
        public object? Token { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecordCore()
        {
            var raw = AcsTokenInput.Reveal(Token);
            WriteObject(AcsTokenDecoder.Decode(raw, DateTimeOffset.UtcNow));
        }
    }
}
