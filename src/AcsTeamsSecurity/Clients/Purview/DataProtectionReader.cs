using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AcsTeamsSecurity.Diagnostics;
using AcsTeamsSecurity.Clients.Transport;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Resources;

namespace AcsTeamsSecurity.Clients.Purview
{
    /// <summary>
    /// Reads the Purview plane of one tenant: the DLP policies and rules (Security &amp; Compliance, two InvokeCommand reads)
    /// and the Customer Key status (Exchange Online, up to two reads). Read only.
    /// </summary>
    internal sealed class DataProtectionReader
    {
        internal const string NotRecognized = "is not recognized";

        private readonly ServiceClients _clients;
        private readonly IServiceConnection _context;

        internal DataProtectionReader(ServiceClients clients)
        {
            _clients = clients;
            _context = clients.Connection;
        }

        /// <summary>Reads everything; a Customer Key failure is recorded in its status (and warned about), a DLP failure throws.</summary>
        internal async Task<ExternalUserDataProtection> ReadAsync(bool includeCustomerKey, CancellationToken cancellationToken)
        {
            var dlp = await ReadDlpAsync(cancellationToken).ConfigureAwait(false);
            var customerKey = includeCustomerKey
                ? await ReadCustomerKeyAsync(cancellationToken).ConfigureAwait(false)
                : new ExternalUserCustomerKeyStatus { State = CustomerKeyState.NotCollected, Detail = Strings.Detail_CustomerKeySkipped };
            return new ExternalUserDataProtection
            {
                TenantId = _context.TenantId ?? _context.Broker.BoundTenant,
                DlpPolicies = dlp,
                CustomerKey = customerKey,
            };
        }

        /// <summary>The DLP policies that cover Teams, with what their rules block.</summary>
        internal async Task<IReadOnlyList<ExternalUserDlpPolicy>> ReadDlpAsync(CancellationToken cancellationToken)
        {
            var client = await _clients.Purview().ComplianceAsync(cancellationToken).ConfigureAwait(false);
            var policies = await client.InvokeAsync("Get-DlpCompliancePolicy", null, cancellationToken).ConfigureAwait(false);
            var rules = await client.InvokeAsync("Get-DlpComplianceRule", null, cancellationToken).ConfigureAwait(false);
            return DataProtectionMapper.MapDlp(policies, rules);
        }

        /// <summary>The Customer Key status; never throws for a service answer (the status says what happened).</summary>
        internal async Task<ExternalUserCustomerKeyStatus> ReadCustomerKeyAsync(CancellationToken cancellationToken)
        {
            if (_context.Environment.EndpointFor(AcsTeamsService.ExchangeOnline) is null || _context.Environment.ResourceFor(AcsTeamsService.ExchangeOnline) is null)
            {
                return new ExternalUserCustomerKeyStatus
                {
                    State = CustomerKeyState.NotCollected,
                    Detail = Strings.Format(Strings.Detail_NoExchangeOnlineHost, _context.Environment.Name),
                };
            }

            try
            {
                var client = await _clients.Purview().ExchangeOnlineAsync(cancellationToken).ConfigureAwait(false);
                var policies = await client.InvokeAsync("Get-M365DataAtRestEncryptionPolicy", null, cancellationToken).ConfigureAwait(false);
                var names = policies.Select(p => DataProtectionMapper.Text(p, "Name")).OfType<string>().ToList();
                var assignments = await client.InvokeAsync("Get-M365DataAtRestEncryptionPolicyAssignment", null, cancellationToken).ConfigureAwait(false);
                var assigned = assignments.Select(DataProtectionMapper.AssignedPolicy).FirstOrDefault(a => a is not null);
                return new ExternalUserCustomerKeyStatus
                {
                    State = assigned is null ? CustomerKeyState.NotAssigned : CustomerKeyState.Assigned,
                    AssignedPolicy = assigned,
                    Policies = names,
                };
            }
            catch (AcsTeamsSecurityException ex) when (ex.ErrorId == ErrorIds.ServiceRequestRejected && ex.Message.IndexOf(NotRecognized, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                // Exchange Online offers the Customer Key cmdlets only to licensed tenants (INF: the "not recognized" answer).
                return new ExternalUserCustomerKeyStatus
                {
                    State = CustomerKeyState.NotLicensed,
                    Detail = Strings.Detail_CustomerKeyNotLicensed,
                };
            }
            catch (AcsTeamsSecurityException ex) when (ex.ErrorId != ErrorIds.CredentialDestinationRefused && ex.ErrorId != ErrorIds.ContextDisconnected)
            {
                OperationLog.Current.Warning(Strings.Format(Strings.Warning_CustomerKeyStatusWasNotRead, ex.ErrorId, ex.Message));
                return new ExternalUserCustomerKeyStatus { State = CustomerKeyState.NotCollected, Detail = $"{ex.ErrorId}: {ex.Message}" };
            }
        }
    }
}
