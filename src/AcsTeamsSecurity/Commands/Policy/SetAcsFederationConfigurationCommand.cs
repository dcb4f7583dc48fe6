using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AcsTeamsSecurity.Clients.Teams;
using AcsTeamsSecurity.Cmdlets;
using AcsTeamsSecurity.Cmdlets.Editing;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Cmdlets.Binding;

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

        /// <summary>Replace the allow-list with these ACS resources (immutable ids, ARM ids or names); an empty array clears it.</summary>
        [Parameter]
        [AllowEmptyCollection]
        public string[]? AllowedAcsResources { get; set; }

        /// <summary>Add ACS resources (immutable ids, ARM ids or names) to the allow-list; ids already there are ignored.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? AddAllowedAcsResource { get; set; }

        /// <summary>Remove ACS resources (immutable ids, ARM ids or names) from the allow-list; ids not there are ignored.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.AllowedAcsResourceCompleter))]
        public string[]? RemoveAllowedAcsResource { get; set; }

        /// <summary>The Azure subscription to look ACS resource names up in (listed once); without it, names resolve among the resources this context has read.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.SubscriptionIdCompleter))]
        public string? SubscriptionId { get; set; }

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

            // Every value's form is checked before any request; names and ARM ids are then resolved (ARM reads only).
            AcsResourceInput.Validate(nameof(AllowedAcsResources), AllowedAcsResources ?? Array.Empty<string>());
            AcsResourceInput.Validate(nameof(AddAllowedAcsResource), AddAllowedAcsResource ?? Array.Empty<string>());
            AcsResourceInput.Validate(nameof(RemoveAllowedAcsResource), RemoveAllowedAcsResource ?? Array.Empty<string>());
            var notes = new List<string>();
            var replace = AllowedAcsResources is null ? null : Resolve(nameof(AllowedAcsResources), AllowedAcsResources, notes);
            var add = AddAllowedAcsResource is null ? new List<string>() : Resolve(nameof(AddAllowedAcsResource), AddAllowedAcsResource, notes);
            var remove = RemoveAllowedAcsResource is null ? new List<string>() : Resolve(nameof(RemoveAllowedAcsResource), RemoveAllowedAcsResource, notes);

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
            var editor = new PolicyEditor(this, context, Force);
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

                applied &= editor.ChangeTenant(TeamsPolicyService.AcsFederationType, federation, editList, notes) is not null;
            }

            if (meeting.Count > 0)
            {
                applied &= editor.ChangeTenant(TeamsPolicyService.MeetingConfigurationType, meeting) is not null;
            }

            if (PassThru && applied)
            {
                var service = new TeamsPolicyService(context.Clients);
                WriteObject(Run(ct => service.TenantGatesAsync(includeFederation: true, ct)));
            }
        }

        /// <summary>
        /// The immutable ids for <paramref name="values"/>; each one typed as a name or ARM id, or whose name the context
        /// knows, adds a line to <paramref name="notes"/> for the -WhatIf and confirmation text.
        /// </summary>
        private List<string> Resolve(string parameter, IEnumerable<string> values, List<string> notes)
        {
            var input = AcsResourceInput.For(ActiveContext);
            var subscription = SubscriptionId;
            var resolved = Run(ct => input.ResolveAsync(parameter, values, subscription, ct));
            foreach (var r in resolved.Where(r => r.Name is not null))
            {
                var line = Guid.TryParse(r.Input, out _)
                    ? $"ACS resource {r.ImmutableId} is {r.Name}"
                    : $"ACS resource '{r.Input}' is {r.ImmutableId} ({r.Name})";
                if (!notes.Contains(line))
                {
                    notes.Add(line);
                }
            }

            return resolved.Select(r => r.ImmutableId).ToList();
        }
    }
}
