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
    /// <para type="synopsis">Revokes every token of ACS identities: incident response for leaked guest tokens.</para>
    /// </summary>
    [Cmdlet(VerbsSecurity.Revoke, "AcsToken", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = IdentitySet)]
    [OutputType(typeof(AcsIdentity))]
    [RequiredPermission(AcsTeamsService.Acs, Roles = new[] { "Contributor", "Owner", "Communication and Email Service Owner" })]
    public sealed class RevokeAcsTokenCommand : ConnectedCmdlet
    {
        private const string IdentitySet = "Identity";
        private const string TokenSet = "Token";
        private int _revoked;
        private int _failed;

        /// <summary>The identities whose tokens to revoke.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdentitySet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        public string[]? Identity { get; set; }

        /// <summary>ACS tokens (SecureString or text): the identity each was issued to is found in the token itself.</summary>
        [Parameter(Mandatory = true, ParameterSetName = TokenSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNull]
        public object[]? Token { get; set; }

        /// <summary>Return each identity whose tokens were revoked.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecordCore()
        {
            var context = ActiveContext;
            var client = context.Clients.Acs(); // one AcsEndpointMissing for the call, not one per identity
            foreach (var identity in Resolve())
            {
                if (identity is null || !ShouldProcess(identity.Id, "Revoke all access tokens"))
                {
                    continue;
                }

                try
                {
                    Run(ct => client.RevokeAsync(identity, ct));
                    _revoked++;
                    WriteVerbose($"Revoked every token of {identity.Id}; tokens issued before now no longer work.");
                    if (PassThru)
                    {
                        WriteObject(identity);
                    }
                }
                catch (AcsTeamsSecurityException ex)
                {
                    _failed++;
                    WriteFailure(ex, identity.Id);
                }
            }
        }

        /// <inheritdoc />
        protected override void EndProcessingCore()
        {
            if (_revoked + _failed > 0)
            {
                Say($"Revoked every token of {_revoked} ACS {(_revoked == 1 ? "identity" : "identities")}: tokens issued to {(_revoked == 1 ? "it" : "them")} before now no longer work" +
                    (_failed > 0 ? $"; {_failed} failed (see the errors)." : "."));
            }
        }

        private System.Collections.Generic.IEnumerable<AcsIdentity?> Resolve()
        {
            if (ParameterSetName == IdentitySet)
            {
                foreach (var value in Identity!)
                {
                    yield return Try(() => AcsIdentityInput.Parse(value));
                }

                yield break;
            }

            foreach (var item in Token!)
            {
                yield return Try(() =>
                {
                    var raw = AcsTokenInput.Reveal(item);
                    var info = AcsTokenDecoder.Decode(raw, DateTimeOffset.UtcNow);
                    return AcsIdentityInput.Parse(info.Identity?.Id);
                });
            }
        }

        private AcsIdentity? Try(Func<AcsIdentity> parse)
        {
            try
            {
                return parse();
            }
            catch (AcsTeamsSecurityException ex)
            {
                WriteFailure(ex);
                return null;
            }
        }
    }
}
