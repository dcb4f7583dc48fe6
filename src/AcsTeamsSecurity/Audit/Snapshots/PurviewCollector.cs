using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AcsTeamsSecurity.Clients.Teams;
using AcsTeamsSecurity.Diagnostics;
using AcsTeamsSecurity.Clients.Transport;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Clients;
using AcsTeamsSecurity.Clients.Purview;
using AcsTeamsSecurity.Resources;

namespace AcsTeamsSecurity.Audit.Snapshots
{
    /// <summary>
    /// The snapshot's Purview plane: read when the context's cloud has a Security &amp; Compliance host and the sign-in
    /// covers it (else null: not collected, nothing sent). The users Teams DLP policies exclude are joined with the Teams
    /// policies in effect for them (Graph user configurations), so the audit can tell whether DLP leaves out the
    /// organizers of meetings ACS users join. Read only.
    /// </summary>
    internal static class PurviewCollector
    {
        internal static async Task<SnapshotPurview?> CollectAsync(ServiceClients clients, Action<AcsTeamsSecurityException, string> record, CancellationToken cancellationToken)
        {
            var log = OperationLog.Current;
            var context = clients.Connection;
            if (!context.Environment.AvailableServices.Contains(AcsTeamsService.Compliance) || !context.Covers(AcsTeamsService.Compliance))
            {
                log.Verbose(Strings.Format(Strings.Verbose_PurviewPlaneIsNotCollected, context.Environment.Name));
                return null;
            }

            log.Verbose(Strings.Verbose_ReadingTheDlpPoliciesThatCoverTeams);
            ExternalUserDataProtection protection;
            try
            {
                protection = await new DataProtectionReader(clients).ReadAsync(includeCustomerKey: true, cancellationToken).ConfigureAwait(false);
            }
            catch (AcsTeamsSecurityException ex)
            {
                record(ex, "the Microsoft Purview DLP policies");
                return null;
            }

            var plane = new SnapshotPurview { CustomerKey = protection.CustomerKey };
            plane.DlpPolicies.AddRange(protection.DlpPolicies);
            var excluded = protection.DlpPolicies.SelectMany(p => p.TeamsLocationException).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (excluded.Count == 0)
            {
                return plane;
            }

            var resolved = new Dictionary<string, (string? Meeting, string? Access)>(StringComparer.OrdinalIgnoreCase);
            var service = new TeamsPolicyService(clients);
            var users = excluded.Where(e => e.IndexOf('@') > 0).ToList();
            if (users.Count > 0 && service.UserConfigurationsAvailable && context.Covers(AcsTeamsService.Graph))
            {
                try
                {
                    var lookups = await service.ResolveUsersAsync(users, cancellationToken).ConfigureAwait(false);
                    var found = lookups.Where(l => l.User is not null).Select(l => l.User!).ToList();
                    var effective = await service.EffectivePoliciesAsync(found, null, cancellationToken).ConfigureAwait(false);
                    foreach (var user in found)
                    {
                        if (effective.TryGetValue(user.Id, out var policies) && policies.Error is null)
                        {
                            resolved[user.Input] = (policies.Meeting?.Identity, policies.Access?.Identity);
                        }
                    }
                }
                catch (AcsTeamsSecurityException ex)
                {
                    // The join is context for one rule; the plane itself was read.
                    log.Warning(Strings.Format(Strings.Warning_ExcludedUsersPoliciesWereNotRead, ex.ErrorId, ex.Message));
                }
            }

            foreach (var identity in excluded)
            {
                resolved.TryGetValue(identity, out var policies);
                plane.ExcludedUsers.Add(new SnapshotDlpExclusion { Identity = identity, MeetingPolicy = policies.Meeting, ExternalAccessPolicy = policies.Access });
            }

            return plane;
        }
    }
}
