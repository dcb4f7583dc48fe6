using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AcsTeamsSecurity.Clients.Teams;
using AcsTeamsSecurity.Cmdlets;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;

namespace AcsTeamsSecurity.Commands.Policy
{
    /// <summary>
    /// <para type="synopsis">Changes ACS federation (EnableAcsUsers, the allow-list of ACS resources, labels) and the tenant anonymous-join switch.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "AcsFederationConfiguration", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(AcsFederationConfiguration))]
    [RequiredPermission(AcsTeamsService.TeamsAdmin, Roles = new[] { "Teams Administrator", "Teams Communications Administrator", "Global Administrator" })]
    public sealed class SetAcsFederationConfigurationCommand : ConnectedCmdlet
    {
        /// <summary>Turn ACS federation on or off for the tenant.</summary>
        [Parameter] public bool EnableAcsUsers { get; set; }

        /// <summary>Replace the allow-list with these ACS resource immutable ids (GUIDs); an empty array clears it.</summary>
        [Parameter]
        [AllowEmptyCollection]
        public string[]? AllowedAcsResources { get; set; }

        /// <summary>Add ACS resources (immutable ids) to the allow-list; ids already there are ignored.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? AddAllowedAcsResource { get; set; }

        /// <summary>Remove ACS resources from the allow-list; ids not there are ignored.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AllowedAcsResourceCompleter))]
        public string[]? RemoveAllowedAcsResource { get; set; }

        /// <summary>Only federated (allowed) ACS resources may join meetings.</summary>
        [Parameter] public bool RequireAcsFederationForMeeting { get; set; }

        /// <summary>How Teams labels users of allowed ACS resources.</summary>
        [Parameter] public AcsUserLabel LabelForAllowedAcsUsers { get; set; }

        /// <summary>Hide the "limited call features" banner for allowed ACS users.</summary>
        [Parameter] public bool HideBannerForAllowedAcsUsers { get; set; }

        /// <summary>Tenant-wide: block anonymous users (and non-federated ACS users) from every meeting.</summary>
        [Parameter] public bool DisableAnonymousJoin { get; set; }

        /// <summary>Tenant-wide: anonymous users cannot interact with meeting apps.</summary>
        [Parameter] public bool DisableAppInteractionForAnonymousUsers { get; set; }

        /// <summary>Skip the extra confirmation of loosening changes (never -WhatIf).</summary>
        [Parameter] public SwitchParameter Force { get; set; }

        /// <summary>Return the configuration after the change.</summary>
        [Parameter] public SwitchParameter PassThru { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecordCore()
        {
            var bound = MyInvocation.BoundParameters;
            if (bound.ContainsKey(nameof(AllowedAcsResources)) && (bound.ContainsKey(nameof(AddAllowedAcsResource)) || bound.ContainsKey(nameof(RemoveAllowedAcsResource))))
            {
                throw new AcsTeamsSecurityException(ErrorIds.PolicySettingInvalid, ErrorCategory.InvalidArgument, "Use -AllowedAcsResources to replace the list, or -AddAllowedAcsResource/-RemoveAllowedAcsResource to edit it, not both.");
            }

            var replace = AllowedAcsResources is null ? null : Guids(AllowedAcsResources);
            var add = AddAllowedAcsResource is null ? new List<string>() : Guids(AddAllowedAcsResource);
            var remove = RemoveAllowedAcsResource is null ? new List<string>() : Guids(RemoveAllowedAcsResource);

            var federation = new Dictionary<string, object?>();
            foreach (var name in new[] { nameof(EnableAcsUsers), nameof(RequireAcsFederationForMeeting), nameof(LabelForAllowedAcsUsers), nameof(HideBannerForAllowedAcsUsers) })
            {
                if (bound.TryGetValue(name, out var value))
                {
                    federation[name] = value;
                }
            }

            var meeting = new Dictionary<string, object?>();
            foreach (var name in new[] { nameof(DisableAnonymousJoin), nameof(DisableAppInteractionForAnonymousUsers) })
            {
                if (bound.TryGetValue(name, out var value))
                {
                    meeting[name] = value;
                }
            }

            var editsList = replace is not null || add.Count > 0 || remove.Count > 0;
            if (federation.Count == 0 && meeting.Count == 0 && !editsList)
            {
                throw new AcsTeamsSecurityException(ErrorIds.PolicySettingInvalid, ErrorCategory.InvalidArgument, "Name at least one setting to change (for example -EnableAcsUsers or -AddAllowedAcsResource).");
            }

            var context = ActiveContext;
            var teams = context.Clients.TeamsAdmin();
            var applied = true;
            if (federation.Count > 0 || editsList)
            {
                Action<AcsFederationConfiguration, Dictionary<string, object?>>? editList = null;
                if (editsList)
                {
                    // The list edit is relative to what the service has now, computed from the same read that guards the write.
                    editList = (current, desired) =>
                    {
                        var list = replace ?? current.AllowedAcsResources.Select(r => r.ToLowerInvariant()).ToList();
                        desired[nameof(AcsFederationConfiguration.AllowedAcsResources)] = list.Concat(add).Distinct(StringComparer.OrdinalIgnoreCase).Where(r => !remove.Contains(r, StringComparer.OrdinalIgnoreCase)).ToList();
                    };
                }

                applied &= PolicyChange.Apply<AcsFederationConfiguration>(this, teams, TeamsPolicyService.AcsFederationType, "Global", federation, null, Force, "the whole tenant", null, editList) is not null;
            }

            if (meeting.Count > 0)
            {
                applied &= PolicyChange.Apply<AcsFederationConfiguration>(this, teams, TeamsPolicyService.MeetingConfigurationType, "Global", meeting, null, Force, "the whole tenant") is not null;
            }

            if (PassThru && applied)
            {
                var service = new TeamsPolicyService(context);
                WriteObject(Run(ct => service.TenantGatesAsync(includeFederation: true, ct)));
            }
        }

        private static List<string> Guids(IEnumerable<string> values)
        {
            var list = new List<string>();
            foreach (var value in values)
            {
                if (!Guid.TryParse(value, out var guid))
                {
                    throw new AcsTeamsSecurityException(ErrorIds.AcsResourceIdInvalid, ErrorCategory.InvalidArgument, $"'{value}' is not an ACS resource's immutable id (a GUID, shown as immutableResourceId on the resource). Nothing was changed.") { Target = value };
                }

                var text = guid.ToString();
                if (!list.Contains(text, StringComparer.OrdinalIgnoreCase))
                {
                    list.Add(text);
                }
            }

            return list;
        }
    }
}
