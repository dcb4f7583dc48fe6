using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AcsTeamsSecurity.Clients.Teams;
using AcsTeamsSecurity.Cmdlets;
using AcsTeamsSecurity.Domain.Policy;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Cmdlets.Binding;
using AcsTeamsSecurity.Domain;

namespace AcsTeamsSecurity.Commands.Policy
{
    /// <summary>
    /// <para type="synopsis">Gets the Teams meeting and external access policy instances with their settings for external (ACS) users.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ExternalUserPolicy")]
    [OutputType(typeof(MeetingPolicySettings), typeof(ExternalAccessPolicySettings))]
    [RequiredPermission(AcsTeamsService.TeamsAdmin, Roles = new[] { "Teams Administrator", "Teams Communications Administrator", "Global Reader", "Global Administrator" })]
    public sealed class GetExternalUserPolicyCommand : ConnectedCmdlet
    {
        private static readonly string[] AllInstances = { "*" };
        private TeamsPolicyService? _service;

        /// <summary>Instances to get: Global, Tag:Name, or a name without Tag:; wildcards allowed. All by default.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.PolicyIdentityCompleter))]
        public string[]? Identity { get; set; }

        /// <summary>Which policy types to get; both by default.</summary>
        [Parameter]
        public ExternalUserPolicyType[]? PolicyType { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecordCore()
        {
            var context = ActiveContext;
            var service = _service ??= new TeamsPolicyService(context.Clients); // instances are read once per invocation, not per piped name
            var types = PolicyType ?? new[] { ExternalUserPolicyType.TeamsMeetingPolicy, ExternalUserPolicyType.ExternalAccessPolicy };
            var patterns = (Identity ?? AllInstances).Select(i => (Text: i, Pattern: new WildcardPattern(PolicyIdentity.Normalize(i), WildcardOptions.IgnoreCase))).ToList();
            var matched = patterns.ToDictionary(p => p.Text, _ => false);
            var seen = new List<string>();
            foreach (var type in types.Distinct())
            {
                var instances = type == ExternalUserPolicyType.TeamsMeetingPolicy
                    ? Run(ct => service.MeetingPoliciesAsync(ct)).Cast<object>().Select(m => (Id: ((MeetingPolicySettings)m).Identity, Item: m)).ToList()
                    : Run(ct => service.ExternalAccessPoliciesAsync(ct)).Cast<object>().Select(m => (Id: ((ExternalAccessPolicySettings)m).Identity, Item: m)).ToList();
                foreach (var (id, item) in instances)
                {
                    seen.Add(id);
                    var hits = patterns.Where(p => p.Pattern.IsMatch(id)).ToList();
                    if (hits.Count > 0)
                    {
                        hits.ForEach(h => matched[h.Text] = true);
                        WriteObject(item);
                    }
                }
            }

            foreach (var miss in matched.Where(m => !m.Value && !WildcardPattern.ContainsWildcardCharacters(m.Key)))
            {
                WriteFailure(new AcsTeamsSecurityException(ErrorIds.PolicyNotFound, ErrorCategory.ObjectNotFound, $"No {string.Join(" or ", types)} instance is named '{miss.Key}'.{DidYouMean.Sentence(miss.Key, seen)}") { Target = miss.Key });
            }
        }
    }
}
