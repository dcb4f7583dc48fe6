using System;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using AcsTeamsSecurity.Auth;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Clients.Transport;
using AcsTeamsSecurity.Resources;

namespace AcsTeamsSecurity.Clients
{
    /// <summary>
    /// Checks one service end to end: token, reachability, and one harmless read that needs the same
    /// permissions the module's read cmdlets need. Failures become fields of the result, not exceptions.
    /// </summary>
    internal static class ConnectionProbe
    {
        internal const string ArmSubscriptionsApiVersion = "2022-12-01";

        /// <summary>The Graph probe: GET /v1.0/organization, the read the Graph SDK made before the module dropped it.</summary>
        internal const string GraphPath = "v1.0/organization";

        internal const string GraphActivity = "reading the organization";

        internal static async Task<ConnectionTestResult> ProbeAsync(ServiceClients clients, AcsTeamsService service, CancellationToken cancellationToken)
        {
            var context = clients.Connection;
            var endpoint = service == AcsTeamsService.Acs ? context.AcsEndpoint : context.Environment.EndpointFor(service);
            var result = new ConnectionTestResult(service, endpoint);
            if (!context.Covers(service))
            {
                // Nothing to try: the sign-in has no credential for this service (an ACS connection string alone).
                var notConnected = NoEntraTokenSource.NotConnected(service.ToString());
                result.ErrorId = notConnected.ErrorId;
                result.Detail = notConnected.Message;
                return result;
            }

            try
            {
                if (service == AcsTeamsService.Acs && (context.AcsConnectionString is not null))
                {
                    // Access-key contexts sign ACS requests with HMAC: no Entra token is involved.
                    result.SignedIn = true;
                    await ProbeAcsAsync(clients, result, cancellationToken).ConfigureAwait(false);
                    result.Detail = Strings.Format(Strings.Detail_AccessKeyPresent, result.Detail);
                    return result;
                }

                var token = await context.Broker.GetTokenAsync(service, cancellationToken).ConfigureAwait(false);
                result.SignedIn = true;
                if (JwtClaims.TryParse(token, out var claims))
                {
                    result.Roles = service == AcsTeamsService.TeamsAdmin || service == AcsTeamsService.Compliance || service == AcsTeamsService.ExchangeOnline
                        ? claims.Roles.Concat(DirectoryRoleNames.Describe(claims.DirectoryRoleIds)).ToList() // the Teams admin API authorizes by directory role
                        : claims.Roles;
                    result.Scopes = claims.Scopes;
                    result.TokenExpiresOn = claims.ExpiresOn;
                }

                switch (service)
                {
                    case AcsTeamsService.Graph:
                        var organization = await ReadAsync(clients, service, GraphPath, GraphActivity, null, result, cancellationToken).ConfigureAwait(false);
                        if (organization is not null)
                        {
                            if (CountValues(organization) is { } found)
                            {
                                result.Detail = Strings.Format(Strings.Detail_ReadTheOrganization, found);
                            }
                            else
                            {
                                var invalid = ServiceErrorMapper.InvalidBody(service, organization, GraphActivity);
                                result.Authorized = false;
                                result.ErrorId = invalid.ErrorId;
                                result.Detail = invalid.Message;
                            }
                        }

                        break;
                    case AcsTeamsService.TeamsAdmin:
                        await ReadAsync(clients, service, "Skype.Policy/configurations/TeamsMeetingPolicy/configuration/Global", "reading the Global meeting policy", null, result, cancellationToken).ConfigureAwait(false);
                        break;
                    case AcsTeamsService.Arm:
                        await ReadAsync(clients, service, "subscriptions?api-version=" + ArmSubscriptionsApiVersion, "listing subscriptions", Strings.PermissionDenied_ArmSubscriptionsNote, result, cancellationToken).ConfigureAwait(false);
                        break;
                    case AcsTeamsService.Acs:
                        await ProbeAcsAsync(clients, result, cancellationToken).ConfigureAwait(false);
                        break;
                    case AcsTeamsService.Compliance:
                    case AcsTeamsService.ExchangeOnline:
                        await Purview.PurviewProbe.ProbeAsync(clients, service, result, cancellationToken).ConfigureAwait(false);
                        break;
                }
            }
            catch (AcsTeamsSecurityException ex)
            {
                result.ErrorId = ex.ErrorId;
                result.Detail = ex.Message;
                result.Reachable |= ex.Status is not null;
            }
            catch (Exception ex) when (ex is System.Net.Http.HttpRequestException || ex is Azure.RequestFailedException)
            {
                result.ErrorId = ErrorIds.ServiceUnreachable;
                result.Detail = Strings.Format(Strings.Detail_CouldNotBeReached, service, ContextProxy.StripUserInfo(Diagnostics.Redactor.Redact(ex.Message)));
            }

            AddContractHint(result);
            return result;
        }

        /// <summary>The self-check hint (issue 19).</summary>
        internal static string ContractHint => Strings.Detail_ContractHint;

        /// <summary>A shape error (ServiceResponseInvalid) points to Test-AcsTeamsSecurityContract, whose report tells us what the service sent.</summary>
        internal static void AddContractHint(ConnectionTestResult result)
        {
            if (result.ErrorId == ErrorIds.ServiceResponseInvalid && (result.Detail is null || !result.Detail.Contains("Test-AcsTeamsSecurityContract")))
            {
                result.Detail = string.IsNullOrEmpty(result.Detail) ? ContractHint : result.Detail!.TrimEnd() + " " + ContractHint;
            }
        }

        /// <summary>One GET; on success returns the answer, otherwise records the mapped error (and returns null).</summary>
        private static async Task<ServiceResponse?> ReadAsync(ServiceClients clients, AcsTeamsService service, string path, string activity, string? forbiddenNote, ConnectionTestResult result, CancellationToken cancellationToken)
        {
            var response = await clients.Http(service).SendAsync(RequestMethod.Get, path, null, activity, cancellationToken).ConfigureAwait(false);
            result.Reachable = true;
            if (response.IsSuccess)
            {
                result.Authorized = true;
                result.Detail = char.ToUpperInvariant(activity[0]) + activity.Substring(1) + " succeeded.";
                return response;
            }

            var error = ServiceErrorMapper.FromResponse(service, response, activity, forbiddenNote, clients.MaxRetries);
            result.ErrorId = error.ErrorId;
            result.Detail = error.Message;
            return null;
        }

        /// <summary>The number of items in a Graph collection's <c>value</c>: 0 when it has none, null when the body is not JSON.</summary>
        internal static int? CountValues(ServiceResponse response)
        {
            try
            {
                using var document = JsonDocument.Parse(response.Body);
                return document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty("value", out var value)
                    && value.ValueKind == JsonValueKind.Array
                    ? value.GetArrayLength()
                    : 0;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private static async Task ProbeAcsAsync(ServiceClients clients, ConnectionTestResult result, CancellationToken cancellationToken)
        {
            var context = clients.Connection;
            if (context.AcsEndpoint is null)
            {
                result.ErrorId = ErrorIds.AcsEndpointInvalid;
                result.Detail = Strings.Detail_NoAcsEndpoint;
                return;
            }

            // ACS has no harmless authenticated read: any HTTPS answer from the endpoint proves it is reachable.
            // Contract: docs/CONTRACTS.md, ACS identity data plane, Reachability probe.
            var client = new ServiceHttpClient(AcsTeamsService.Acs, context.AcsEndpoint, broker: null, maxRetries: 1, proxy: context.HttpProxy);
            await client.SendAsync(RequestMethod.Get, string.Empty, null, "checking the ACS endpoint", cancellationToken).ConfigureAwait(false);
            result.Reachable = true;
            result.Authorized = true;
            result.Detail = Strings.Detail_AcsEndpointAnswered;
        }
    }
}
