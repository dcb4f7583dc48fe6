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

        internal const string GraphPermissionHint = "the Graph application permission Organization.Read.All (or Directory.Read.All), or a delegated sign-in";

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
                    result.Detail = "Access key present (requests are HMAC-signed). " + result.Detail;
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
                        var organization = await ReadAsync(clients, service, GraphPath, GraphActivity, GraphPermissionHint, result, cancellationToken).ConfigureAwait(false);
                        if (organization is not null)
                        {
                            if (CountValues(organization) is { } found)
                            {
                                result.Detail = $"Read the organization ({found} found).";
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
                        await ReadAsync(clients, service, "Skype.Policy/configurations/TeamsMeetingPolicy/configuration/Global", "reading the Global meeting policy", "the Teams Administrator, Teams Communications Administrator or Global Reader role", result, cancellationToken).ConfigureAwait(false);
                        break;
                    case AcsTeamsService.Arm:
                        await ReadAsync(clients, service, "subscriptions?api-version=" + ArmSubscriptionsApiVersion, "listing subscriptions", "an Azure role (for example Reader) on the subscriptions that hold ACS resources", result, cancellationToken).ConfigureAwait(false);
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
                result.Detail = $"{service} could not be reached: {ContextProxy.StripUserInfo(Diagnostics.Redactor.Redact(ex.Message))}";
            }

            AddContractHint(result);
            return result;
        }

        /// <summary>The self-check hint (issue 19).</summary>
        internal const string ContractHint = "The answer's shape is not one the module knows: run Test-AcsTeamsSecurityContract -ReportPath contract-report.json to see which contract differs, and attach that report (shapes and names only, no values) to an issue.";

        /// <summary>A shape error (ServiceResponseInvalid) points to Test-AcsTeamsSecurityContract, whose report tells us what the service sent.</summary>
        internal static void AddContractHint(ConnectionTestResult result)
        {
            if (result.ErrorId == ErrorIds.ServiceResponseInvalid && (result.Detail is null || !result.Detail.Contains("Test-AcsTeamsSecurityContract")))
            {
                result.Detail = string.IsNullOrEmpty(result.Detail) ? ContractHint : result.Detail!.TrimEnd() + " " + ContractHint;
            }
        }

        /// <summary>One GET; on success returns the answer, otherwise records the mapped error (and returns null).</summary>
        private static async Task<ServiceResponse?> ReadAsync(ServiceClients clients, AcsTeamsService service, string path, string activity, string permissionHint, ConnectionTestResult result, CancellationToken cancellationToken)
        {
            var response = await clients.Http(service).SendAsync(RequestMethod.Get, path, null, activity, cancellationToken).ConfigureAwait(false);
            result.Reachable = true;
            if (response.IsSuccess)
            {
                result.Authorized = true;
                result.Detail = char.ToUpperInvariant(activity[0]) + activity.Substring(1) + " succeeded.";
                return response;
            }

            var error = ServiceErrorMapper.FromResponse(service, response, activity, permissionHint, clients.MaxRetries);
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
                result.Detail = "Signed in, but no ACS endpoint was given (-AcsEndpoint or -AcsConnectionString on Connect-AcsTeamsSecurity), so the ACS cmdlets have nowhere to send requests.";
                return;
            }

            // ACS has no harmless authenticated read: any HTTPS answer from the endpoint proves it is reachable.
            // Contract: docs/CONTRACTS.md, ACS identity data plane, Reachability probe.
            var client = new ServiceHttpClient(AcsTeamsService.Acs, context.AcsEndpoint, broker: null, maxRetries: 1, proxy: context.HttpProxy);
            await client.SendAsync(RequestMethod.Get, string.Empty, null, "checking the ACS endpoint", cancellationToken).ConfigureAwait(false);
            result.Reachable = true;
            result.Authorized = true;
            result.Detail = "The ACS endpoint answered. Identity operations are checked by the ACS cmdlets themselves.";
        }
    }
}
