using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using AcsTeamsSecurity.Clients.Teams;
using AcsTeamsSecurity.Diagnostics;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Clients;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Resources;

namespace AcsTeamsSecurity.Audit.Snapshots
{
    /// <summary>
    /// Reads a tenant into a <see cref="ConfigurationSnapshot"/>: the tenant gates, every meeting and external
    /// access policy instance with its user count (one paged pass over the Graph user configurations), and the ACS
    /// resources of the given subscriptions with their diagnostic settings. A part that cannot be read becomes a
    /// collection error on its plane (and an error record for the caller), never a silent gap.
    /// </summary>
    internal sealed class SnapshotCollector
    {
        private readonly ServiceClients _clients;
        private readonly IServiceConnection _context;

        internal SnapshotCollector(ServiceClients clients)
        {
            _clients = clients;
            _context = clients.Connection;
        }

        /// <summary>The failures met while collecting, for the cmdlet to write as error records.</summary>
        internal List<AcsTeamsSecurityException> Failures { get; } = new List<AcsTeamsSecurityException>();

        internal static string ModuleVersion =>
            typeof(SnapshotCollector).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
            ?? typeof(SnapshotCollector).Assembly.GetName().Version?.ToString() ?? "0.0.0";

        internal async Task<ConfigurationSnapshot> CollectAsync(IReadOnlyList<string> subscriptions, bool countUsers, CancellationToken cancellationToken)
        {
            var log = OperationLog.Current;
            var givenTenant = _context.GivenTenant;
            var service = new TeamsPolicyService(_clients);
            var snapshot = new ConfigurationSnapshot();

            log.Verbose(Strings.Verbose_ReadingTheTenantGates);
            try
            {
                snapshot.Tenant = await service.TenantGatesAsync(includeFederation: true, cancellationToken).ConfigureAwait(false);
            }
            catch (AcsTeamsSecurityException ex)
            {
                Record(snapshot, AuditPlane.Tenant, ex, "the tenant gates");
            }

            IReadOnlyList<MeetingPolicySettings> meeting = Array.Empty<MeetingPolicySettings>();
            IReadOnlyList<ExternalAccessPolicySettings> access = Array.Empty<ExternalAccessPolicySettings>();
            log.Verbose(Strings.Verbose_ReadingEveryMeetingPolicy);
            try
            {
                meeting = await service.MeetingPoliciesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (AcsTeamsSecurityException ex)
            {
                Record(snapshot, AuditPlane.MeetingPolicy, ex, "the meeting policies");
            }

            log.Verbose(Strings.Verbose_ReadingEveryExternalAccess);
            try
            {
                access = await service.ExternalAccessPoliciesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (AcsTeamsSecurityException ex)
            {
                Record(snapshot, AuditPlane.ExternalAccessPolicy, ex, "the external access policies");
            }

            IReadOnlyList<MeetingBroadcastPolicySettings> broadcast = Array.Empty<MeetingBroadcastPolicySettings>();
            log.Verbose(Strings.Verbose_ReadingEveryLiveEvents);
            try
            {
                broadcast = await service.BroadcastPoliciesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (AcsTeamsSecurityException ex)
            {
                Record(snapshot, AuditPlane.BroadcastPolicy, ex, "the live-events policies");
            }

            IReadOnlyDictionary<string, int>? counts = null;
            if (countUsers && (meeting.Count > 0 || access.Count > 0) && !service.UserConfigurationsAvailable)
            {
                // docs/CONTRACTS.md, "Graph": user configurations are global-only; nothing is sent for them elsewhere.
                log.Warning(Strings.Format(Strings.Warning_UserCountsAreNotInThe, _context.Environment.Name));
            }
            else if (countUsers && (meeting.Count > 0 || access.Count > 0))
            {
                log.Verbose(Strings.Verbose_CountingTheUsersEach);
                try
                {
                    counts = await service.CountAllUsersAsync(cancellationToken).ConfigureAwait(false);
                    if (counts is null)
                    {
                        var grant = RunningCommand.PermissionsFor(AcsTeamsService.Graph) is { } needed ? " " + Strings.Format(Strings.Text_Grant, needed) : string.Empty;
                        log.Warning(Strings.Format(Strings.Warning_UserCountsAreNotIn, grant));
                    }
                }
                catch (AcsTeamsSecurityException ex)
                {
                    // The counts are context for the findings, never a reason to lose the snapshot.
                    log.Warning(Strings.Format(Strings.Warning_UserCountsAreNot, ex.Message));
                }
            }

            foreach (var m in meeting)
            {
                snapshot.MeetingPolicies.Add(new SnapshotPolicy<MeetingPolicySettings>(m, Count(counts, TeamsPolicyService.MeetingPolicyType, m.Identity)));
            }

            foreach (var a in access)
            {
                snapshot.ExternalAccessPolicies.Add(new SnapshotPolicy<ExternalAccessPolicySettings>(a, Count(counts, TeamsPolicyService.ExternalAccessPolicyType, a.Identity)));
            }

            foreach (var b in broadcast)
            {
                snapshot.BroadcastPolicies.Add(new SnapshotPolicy<MeetingBroadcastPolicySettings>(b, Count(counts, TeamsPolicyService.BroadcastPolicyType, b.Identity)));
            }

            if (subscriptions.Count > 0)
            {
                snapshot.AcsResources = new List<AcsResourceSettings>();
                var arm = _clients.Arm();
                foreach (var subscription in subscriptions)
                {
                    log.Verbose(Strings.Format(Strings.Verbose_ListingTheACSResources, subscription));
                    IReadOnlyList<AcsResourceSettings> resources;
                    try
                    {
                        resources = await arm.ListCommunicationServicesAsync(subscription, cancellationToken).ConfigureAwait(false);
                    }
                    catch (AcsTeamsSecurityException ex)
                    {
                        Record(snapshot, AuditPlane.AcsResource, ex, $"the ACS resources of subscription {subscription}");
                        continue;
                    }

                    _context.Names.RememberSubscription(subscription);
                    _context.Names.RememberAcsResources(resources.Select(r => new KnownAcsResource(r.ImmutableResourceId ?? string.Empty, r.Name, r.Id)));

                    foreach (var resource in resources)
                    {
                        try
                        {
                            await arm.EnrichWithDiagnosticsAsync(resource, cancellationToken).ConfigureAwait(false);
                        }
                        catch (AcsTeamsSecurityException ex)
                        {
                            Record(snapshot, AuditPlane.AcsResource, ex, $"the diagnostic settings of {resource.Name}", CollectionError.DiagnosticSettingsUnreadable);
                        }

                        snapshot.AcsResources.Add(resource);
                    }
                }
            }

            snapshot.Purview = await PurviewCollector.CollectAsync(_clients, (ex, what) => Record(snapshot, AuditPlane.Purview, ex, what), cancellationToken).ConfigureAwait(false);

            snapshot.Metadata = new SnapshotMetadata
            {
                // After the first token the context knows the tenant's GUID even when a domain was given.
                TenantId = _context.TenantId ?? givenTenant ?? string.Empty,
                TenantDomain = givenTenant is not null && !Guid.TryParse(givenTenant, out _) ? givenTenant : null,
                Environment = _context.Environment.Name,
                CreatedAt = DateTimeOffset.UtcNow,
                ModuleVersion = ModuleVersion,
                Account = _context.Account ?? _context.ClientId,
                Subscriptions = subscriptions.ToList(),
            };
            return snapshot;
        }

        private void Record(ConfigurationSnapshot snapshot, AuditPlane plane, AcsTeamsSecurityException ex, string what, string? errorId = null)
        {
            snapshot.CollectionErrors.Add(new CollectionError(plane, $"Could not read {what}: {ex.Message}", errorId ?? ex.ErrorId));
            Failures.Add(ex);
        }

        private static int? Count(IReadOnlyDictionary<string, int>? counts, string type, string identity) =>
            counts is null ? null : counts.TryGetValue(TeamsPolicyService.CountKey(type, identity), out var n) ? n : 0;
    }
}
