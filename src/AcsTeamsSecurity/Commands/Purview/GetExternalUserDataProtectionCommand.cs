using System.Linq;
using System.Management.Automation;
using AcsTeamsSecurity.Cmdlets;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Clients.Purview;

namespace AcsTeamsSecurity.Commands.Purview
{
    /// <summary>
    /// <para type="synopsis">Gets what Microsoft Purview does for Teams external (ACS) users: the DLP policies that cover Teams and the tenant's Customer Key status.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ExternalUserDataProtection")]
    [OutputType(typeof(ExternalUserDataProtection))]
    [RequiredPermission(AcsTeamsService.Compliance, Application = new[] { "Exchange.ManageAsApp" }, Roles = new[] { "Compliance Administrator", "Compliance Data Administrator", "Security Reader", "Global Reader", "Global Administrator" })]
    [RequiredPermission(AcsTeamsService.ExchangeOnline, Application = new[] { "Exchange.ManageAsApp" }, Roles = new[] { "Compliance Administrator", "Exchange Administrator", "Global Reader", "Global Administrator" })]
    public sealed class GetExternalUserDataProtectionCommand : ConnectedCmdlet
    {
        /// <summary>Only DLP policies whose name matches (wildcards allowed).</summary>
        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Identity { get; set; }

        /// <summary>Do not read Customer Key (no Exchange Online request); its state is NotCollected.</summary>
        [Parameter]
        public SwitchParameter SkipCustomerKey { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecordCore()
        {
            var reader = new DataProtectionReader(ActiveContext.Clients);
            var result = Run(ct => reader.ReadAsync(!SkipCustomerKey, ct));
            if (Identity is { Length: > 0 })
            {
                var patterns = Identity.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToList();
                result.DlpPolicies = result.DlpPolicies.Where(p => patterns.Any(w => w.IsMatch(p.Name))).ToList();
            }

            WriteObject(result);
        }
    }
}
