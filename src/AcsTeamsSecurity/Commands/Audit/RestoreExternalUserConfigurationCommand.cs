using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AcsTeamsSecurity.Audit.Reports;
using AcsTeamsSecurity.Audit.Rules;
using AcsTeamsSecurity.Audit.Snapshots;
using AcsTeamsSecurity.Clients.Teams;
using AcsTeamsSecurity.Cmdlets;
using AcsTeamsSecurity.Cmdlets.Editing;
using AcsTeamsSecurity.Domain.Policy;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Security;
using AcsTeamsSecurity.Cmdlets.Binding;
using AcsTeamsSecurity.Resources;

namespace AcsTeamsSecurity.Commands.Audit
{
    /// <summary>
    /// <para type="synopsis">Puts the tenant gates and policy settings of a snapshot back, instance by instance, showing every change first.</para>
    /// </summary>
    [Cmdlet(VerbsData.Restore, "ExternalUserConfiguration", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(AcsFederationConfiguration), typeof(MeetingPolicySettings), typeof(ExternalAccessPolicySettings))]
    [RequiredPermission(AcsTeamsService.TeamsAdmin, Roles = new[] { "Teams Administrator", "Global Administrator" })]
    [RequiredPermission(AcsTeamsService.Graph, Application = new[] { "TeamsUserConfiguration.Read.All" }, Delegated = new[] { "TeamsUserConfiguration.Read.All" })]
    public sealed class RestoreExternalUserConfigurationCommand : ConnectedCmdlet
    {
        private static readonly string[] AllInstances = { "*" };

        private static readonly AuditPlane[] RestorablePlanes = { AuditPlane.Tenant, AuditPlane.MeetingPolicy, AuditPlane.ExternalAccessPolicy };

        private static readonly string[] ReadOnlySettings =
        {
            nameof(AcsFederationConfiguration.AllowFederatedUsers), nameof(AcsFederationConfiguration.AllowTeamsConsumer), nameof(AcsFederationConfiguration.AllowTeamsConsumerInbound),
            nameof(AcsFederationConfiguration.AllowedDomains), nameof(AcsFederationConfiguration.BlockedDomains),
        };

        /// <summary>The snapshot to restore (written by Export-ExternalUserConfiguration for this tenant).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("SnapshotPath")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>Which planes to restore: Tenant, MeetingPolicy, ExternalAccessPolicy (all three by default).</summary>
        [Parameter]
        [ValidateSet(nameof(AuditPlane.Tenant), nameof(AuditPlane.MeetingPolicy), nameof(AuditPlane.ExternalAccessPolicy))]
        public AuditPlane[]? Plane { get; set; }

        /// <summary>Only these policy instances (Global, Tag:Name; wildcards allowed).</summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.PolicyIdentityCompleter))]
        public string[]? Identity { get; set; }

        /// <summary>Skip the extra confirmation of loosening changes (never -WhatIf).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Refuse a snapshot that is not signed (Export-ExternalUserConfiguration -SigningCertificate), before reading any setting from it.</summary>
        [Parameter]
        public SwitchParameter RequireSignature { get; set; }

        /// <summary>Accept only signatures by these certificates (thumbprints); implies -RequireSignature.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? TrustedSigner { get; set; }

        /// <summary>Return each instance after it was restored.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private Outcome _outcome;

        /// <inheritdoc />
        protected override void ProcessRecordCore()
        {
            _outcome = default;
            try
            {
                Restore();
            }
            finally
            {
                SayOutcome();
            }
        }

        /// <summary>One line for the console: what the restore did, so success is not silence.</summary>
        private void SayOutcome()
        {
            var total = _outcome.Restored + _outcome.Matched + _outcome.NotWritten + _outcome.Failed;
            if (total == 0)
            {
                return;
            }

            var whatIf = WhatIfRequested;
            Say(Strings.Format(Strings.Say_RestoreFromSettingGroup, System.IO.Path.GetFileName(Path), total, whatIf ? Strings.Format(Strings.Text_WouldChange, _outcome.NotWritten) : Strings.Format(Strings.Text_Restored, _outcome.Restored), _outcome.Matched, !whatIf && _outcome.NotWritten > 0 ? Strings.Format(Strings.Text_NotWrittenDeclined, _outcome.NotWritten) : string.Empty, _outcome.Failed > 0 ? Strings.Format(Strings.Text_FailedCount, _outcome.Failed) : string.Empty));
        }

        private void Restore()
        {
            var file = AuditCmdletSupport.ExistingFile(this, Path);
            var snapshot = AuditCmdletSupport.LoadVerified(this, file, RequireSignature, TrustedSigner);
            var planes = Plane is { Length: > 0 } ? Plane : RestorablePlanes;
            var patterns = (Identity ?? AllInstances).Select(i => new WildcardPattern(PolicyIdentity.Normalize(i), WildcardOptions.IgnoreCase)).ToList();
            var context = ActiveContext;
            var editor = new PolicyEditor(this, context, Force);
            var service = new TeamsPolicyService(context.Clients);

            // The first read makes the context learn the tenant's GUID; only then can the tenant be compared.
            var meetingNow = Run(ct => service.MeetingPoliciesAsync(ct));
            var accessNow = Run(ct => service.ExternalAccessPoliciesAsync(ct));
            CheckTenant(snapshot, context.TenantId);
            CheckWriteTenant(snapshot, context.Broker.TenantOf(AcsTeamsService.TeamsAdmin));
            if (!string.Equals(snapshot.Metadata.Environment, context.Environment.Name, StringComparison.OrdinalIgnoreCase))
            {
                ThrowFailure(ErrorFactory.SnapshotTenantMismatch(Strings.SnapshotTenantMismatch_TheSnapshotWasTaken, snapshot.Metadata.Environment, context.Environment.Name).With(target: Path));
            }

            if (snapshot.Purview is not null)
            {
                // Read only: the module never changes DLP or encryption policies, so a snapshot's Purview plane is never restored.
                WriteWarning(Strings.Format(Strings.Warning_PurviewPlaneIsNotRestored, snapshot.Purview.DlpPolicies.Count, snapshot.Purview.CustomerKey.State));
            }

            foreach (var plane in planes.Distinct())
            {
                if (snapshot.CollectionErrors.Any(e => e.Plane == plane))
                {
                    WriteFailure(ErrorFactory.SnapshotInvalid(Strings.SnapshotInvalid_TheSnapshotDidNot, plane, snapshot.CollectionErrors.First(e => e.Plane == plane).Message).With(target: file));
                    continue;
                }

                switch (plane)
                {
                    case AuditPlane.Tenant:
                        RestoreTenant(snapshot, editor, service);
                        break;
                    case AuditPlane.MeetingPolicy:
                        RestorePolicies(snapshot.MeetingPolicies.Select(p => p.Settings), meetingNow.Select(p => p.Identity), p => p.Identity, TeamsPolicyService.MeetingPolicyType, SettingCatalogue.MeetingPolicy, patterns, (identity, desired) =>
                            editor.ChangePolicy<MeetingPolicySettings>(TeamsPolicyService.MeetingPolicyType, identity, desired));
                        break;
                    case AuditPlane.ExternalAccessPolicy:
                        RestorePolicies(snapshot.ExternalAccessPolicies.Select(p => p.Settings), accessNow.Select(p => p.Identity), p => p.Identity, TeamsPolicyService.ExternalAccessPolicyType, SettingCatalogue.ExternalAccessPolicy, patterns, (identity, desired) =>
                            editor.ChangePolicy<ExternalAccessPolicySettings>(TeamsPolicyService.ExternalAccessPolicyType, identity, desired));
                        WarnAboutDomainLists(snapshot, accessNow, patterns);
                        break;
                }
            }
        }

        /// <summary>
        /// The external domain lists are in the snapshot but Set-ExternalUserPolicy does not write them: say so rather
        /// than leave drift that Compare keeps showing after a restore. Restore never changes them, so the instances
        /// read before the restore are still current.
        /// </summary>
        private void WarnAboutDomainLists(ConfigurationSnapshot snapshot, IReadOnlyList<ExternalAccessPolicySettings> now, IReadOnlyList<WildcardPattern> patterns)
        {
            foreach (var instance in snapshot.ExternalAccessPolicies.Select(p => p.Settings).Where(i => patterns.Any(p => p.IsMatch(i.Identity))))
            {
                var current = now.FirstOrDefault(n => string.Equals(n.Identity, instance.Identity, StringComparison.OrdinalIgnoreCase));
                if (current is null)
                {
                    continue;
                }

                foreach (var list in new[] { nameof(ExternalAccessPolicySettings.AllowedExternalDomains), nameof(ExternalAccessPolicySettings.BlockedExternalDomains) })
                {
                    var then = SettingValues.Value(instance, list);
                    var nowValue = SettingValues.Value(current, list);
                    if (!SettingValues.Same(then, nowValue))
                    {
                        WriteWarning(Strings.Format(Strings.Warning_WasAndIsNow, TeamsPolicyService.ExternalAccessPolicyType, instance.Identity, list, SettingValues.Display(then), SettingValues.Display(nowValue)));
                    }
                }
            }
        }

        /// <summary>Fails closed: only a snapshot whose tenant GUID equals the context's is restored.</summary>
        private void CheckTenant(ConfigurationSnapshot snapshot, string? contextTenant)
        {
            var same = Guid.TryParse(snapshot.Metadata.TenantId, out var saved) && Guid.TryParse(contextTenant, out var connected) && saved == connected;
            if (same)
            {
                return;
            }

            ThrowFailure(ErrorFactory.SnapshotTenantMismatch(Strings.SnapshotTenantMismatch_TheSnapshotIsOf, snapshot.Metadata.TenantId, contextTenant ?? Strings.Text_UnknownInParens).With(target: Path));
        }

        /// <summary>
        /// Fails closed on the tenant of the token that will do the writing (the Teams admin token's <c>tid</c>), not only on
        /// the context's TenantId: a context can never be made to read one tenant and write another.
        /// </summary>
        private void CheckWriteTenant(ConfigurationSnapshot snapshot, string? writeTokenTenant)
        {
            if (WriteTenantProblem(snapshot.Metadata.TenantId, writeTokenTenant) is { } problem)
            {
                ThrowFailure(ErrorFactory.SnapshotTenantMismatch(Strings.SnapshotTenantMismatch_NothingWasChanged, problem).With(target: Path));
            }
        }

        /// <summary>Why a snapshot of <paramref name="snapshotTenant"/> must not be written with a token of <paramref name="writeTokenTenant"/>, or null.</summary>
        internal static string? WriteTenantProblem(string snapshotTenant, string? writeTokenTenant)
        {
            if (writeTokenTenant is null || !Guid.TryParse(writeTokenTenant, out var writer))
            {
                return "The tenant of the Teams admin token that would write cannot be read from the token (it has no tid claim), so Restore cannot prove it writes into the snapshot's tenant.";
            }

            return Guid.TryParse(snapshotTenant, out var saved) && saved == writer
                ? null
                : $"The snapshot is of tenant '{snapshotTenant}', but the Teams admin token that would write belongs to tenant '{writeTokenTenant}'.";
        }

        private void RestoreTenant(ConfigurationSnapshot snapshot, PolicyEditor editor, TeamsPolicyService service)
        {
            if (Identity is not null)
            {
                return; // -Identity names policy instances; the tenant gates are restored only without it
            }

            var now = Run(ct => service.TenantGatesAsync(includeFederation: true, ct));
            foreach (var setting in ReadOnlySettings)
            {
                var then = SettingValues.Value(snapshot.Tenant, setting);
                var current = SettingValues.Value(now, setting);
                if (then is not null && !SettingValues.Same(then, current))
                {
                    WriteWarning(Strings.Format(Strings.Warning_TenantFederationWasAnd, setting, SettingValues.Display(then), SettingValues.Display(current)));
                }
            }

            Apply(TeamsPolicyService.AcsFederationType, PolicyIdentity.Global, Desired(snapshot.Tenant, SettingCatalogue.AcsFederation), desired =>
                editor.ChangeTenant(TeamsPolicyService.AcsFederationType, desired));
            Apply(TeamsPolicyService.MeetingConfigurationType, PolicyIdentity.Global, Desired(snapshot.Tenant, SettingCatalogue.MeetingConfiguration), desired =>
                editor.ChangeTenant(TeamsPolicyService.MeetingConfigurationType, desired));
        }

        private void RestorePolicies<T>(IEnumerable<T> saved, IEnumerable<string> existing, Func<T, string> identity, string type, IReadOnlyList<string> settings, IReadOnlyList<WildcardPattern> patterns, Func<string, Dictionary<string, object?>, object?> apply)
            where T : class
        {
            var savedIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var instance in saved)
            {
                var id = identity(instance);
                savedIds.Add(id);
                if (patterns.Any(p => p.IsMatch(id)))
                {
                    Apply(type, id, Desired(instance, settings), desired => apply(id, desired));
                }
            }

            foreach (var extra in existing.Where(e => !savedIds.Contains(e) && patterns.Any(p => p.IsMatch(e))))
            {
                WriteWarning(Strings.Format(Strings.Warning_ExistsNowButNot, type, extra));
            }
        }

        private void Apply(string type, string identity, Dictionary<string, object?> desired, Func<Dictionary<string, object?>, object?> apply)
        {
            if (desired.Count == 0)
            {
                return;
            }

            var unchangedBefore = UnchangedCount;
            try
            {
                var result = apply(desired);
                if (UnchangedCount > unchangedBefore)
                {
                    _outcome.Matched++;
                }
                else if (result is null)
                {
                    _outcome.NotWritten++;
                }
                else
                {
                    _outcome.Restored++;
                }

                if (PassThru && result is not null)
                {
                    WriteObject(result);
                }
            }
            catch (AcsTeamsSecurityException ex) when (ex.ErrorId == ErrorIds.PolicyNotFound)
            {
                _outcome.Failed++;
                WriteFailure(ErrorFactory.PolicyNotFound(ex, Strings.PolicyNotFound_IsInTheSnapshot, type, identity, (type == TeamsPolicyService.MeetingPolicyType ? "New-CsTeamsMeetingPolicy" : "New-CsExternalAccessPolicy"), CommandText.Literal(identity.StartsWith("Tag:", StringComparison.OrdinalIgnoreCase) ? identity.Substring(4) : identity)).With(target: identity)); // not user-facing: cmdlet names and the Tag: prefix
            }
            catch (AcsTeamsSecurityException ex) when (ex.ErrorId != ErrorIds.NotConnected && ex.ErrorId != ErrorIds.ContextDisconnected)
            {
                _outcome.Failed++;

                // One instance that cannot be written must not stop the others.
                WriteFailure(ex, identity);
            }
        }

        /// <summary>The settings of a saved instance this module can write, leaving out the ones the snapshot did not have.</summary>
        private static Dictionary<string, object?> Desired(object saved, IEnumerable<string> settings)
        {
            var desired = new Dictionary<string, object?>();
            foreach (var setting in settings)
            {
                var value = SettingValues.Value(saved, setting);
                if (value is not null)
                {
                    desired[setting] = value;
                }
            }

            return desired;
        }

        private struct Outcome
        {
            internal int Restored;
            internal int Matched;
            internal int NotWritten;
            internal int Failed;
        }
    }
}
