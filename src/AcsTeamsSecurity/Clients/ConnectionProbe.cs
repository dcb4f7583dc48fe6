using System;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using AcsTeamsSecurity.Auth;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Session;
using Microsoft.Kiota.Abstractions;

namespace AcsTeamsSecurity.Clients
{
    /// <summary>
    /// Checks one service end to end: token, reachability, and one harmless read that needs the same
    /// permissions the module's read cmdlets need. Failures become fields of the result, not exceptions.
    /// </summary>
    internal static class ConnectionProbe
    {
        internal const string ArmSubscriptionsApiVersion = "2022-12-01";

        internal static async Task<ConnectionTestResult> ProbeAsync(AcsTeamsSecurityContext context, AcsTeamsService service, CancellationToken cancellationToken)
        {
            var endpoint = service == AcsTeamsService.Acs ? context.AcsEndpoint : context.Environment.EndpointFor(service);
            var result = new ConnectionTestResult(service, endpoint);
            try
            {
                if (service == AcsTeamsService.Acs && context.HasAcsAccessKey)
                {
                    // Access-key contexts sign ACS requests with HMAC: no Entra token is involved.
                    result.SignedIn = true;
                    await ProbeAcsAsync(context, result, cancellationToken).ConfigureAwait(false);
                    result.Detail = "Access key present (requests are HMAC-signed). " + result.Detail;
                    return result;
                }

                var token = await context.Broker.GetTokenAsync(service, cancellationToken).ConfigureAwait(false);
                result.SignedIn = true;
                if (JwtClaims.TryParse(token, out var claims))
                {
                    result.Roles = claims.Roles;
                    result.Scopes = claims.Scopes;
                    result.TokenExpiresOn = claims.ExpiresOn;
                }

                switch (service)
                {
                    case AcsTeamsService.Graph:
                        var organization = await context.Clients.Graph().Organization.GetAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                        result.Reachable = true;
                        result.Authorized = true;
                        result.Detail = $"Read the organization ({organization?.Value?.Count ?? 0} found).";
                        break;
                    case AcsTeamsService.TeamsAdmin:
                        await ReadAsync(context, service, "Skype.Policy/configurations/TeamsMeetingPolicy/configuration/Global", "reading the Global meeting policy", "the Teams Administrator, Teams Communications Administrator or Global Reader role", result, cancellationToken).ConfigureAwait(false);
                        break;
                    case AcsTeamsService.Arm:
                        await ReadAsync(context, service, "subscriptions?api-version=" + ArmSubscriptionsApiVersion, "listing subscriptions", "an Azure role (for example Reader) on the subscriptions that hold ACS resources", result, cancellationToken).ConfigureAwait(false);
                        break;
                    case AcsTeamsService.Acs:
                        await ProbeAcsAsync(context, result, cancellationToken).ConfigureAwait(false);
                        break;
                }
            }
            catch (AcsTeamsSecurityException ex)
            {
                result.ErrorId = ex.ErrorId;
                result.Detail = ex.Message;
                result.Reachable |= ex.Status is not null;
            }
            catch (ApiException ex)
            {
                // Graph SDK (Kiota) errors carry the status; the body was Graph's error JSON.
                result.Reachable = ex.ResponseStatusCode != 0;
                var mapped = ex.ResponseStatusCode switch
                {
                    401 => ErrorIds.ServiceUnauthorized,
                    403 => ErrorIds.PermissionDenied,
                    429 or 503 or 504 => ErrorIds.ServiceThrottled,
                    _ => ErrorIds.ServiceError,
                };
                result.ErrorId = mapped;
                var message = (ex as Microsoft.Graph.Models.ODataErrors.ODataError)?.Error?.Message ?? ex.Message;
                result.Detail = mapped == ErrorIds.PermissionDenied
                    ? $"Graph refused reading the organization: {message} This needs the Graph application permission Organization.Read.All (or Directory.Read.All), or a delegated sign-in."
                    : $"Graph answered {ex.ResponseStatusCode}: {message}";
            }
            catch (Exception ex) when (ex is System.Net.Http.HttpRequestException || ex is Azure.RequestFailedException)
            {
                result.ErrorId = ErrorIds.ServiceUnreachable;
                result.Detail = $"{service} could not be reached: {ContextProxy.StripUserInfo(Diagnostics.Redactor.Redact(ex.Message))}";
            }

            return result;
        }

        private static async Task ReadAsync(AcsTeamsSecurityContext context, AcsTeamsService service, string path, string activity, string permissionHint, ConnectionTestResult result, CancellationToken cancellationToken)
        {
            var response = await context.Clients.Http(service).SendAsync(RequestMethod.Get, path, null, activity, cancellationToken).ConfigureAwait(false);
            result.Reachable = true;
            if (response.IsSuccess)
            {
                result.Authorized = true;
                result.Detail = char.ToUpperInvariant(activity[0]) + activity.Substring(1) + " succeeded.";
                return;
            }

            var error = ServiceErrorMapper.FromResponse(service, response, activity, permissionHint, context.Clients.MaxRetries);
            result.ErrorId = error.ErrorId;
            result.Detail = error.Message;
        }

        private static async Task ProbeAcsAsync(AcsTeamsSecurityContext context, ConnectionTestResult result, CancellationToken cancellationToken)
        {
            if (context.AcsEndpoint is null)
            {
                result.ErrorId = ErrorIds.AcsEndpointInvalid;
                result.Detail = "Signed in, but no ACS endpoint was given (-AcsEndpoint or -AcsConnectionString on Connect-AcsTeamsSecurity), so the ACS cmdlets have nowhere to send requests.";
                return;
            }

            // ACS has no harmless authenticated read: any HTTPS answer from the endpoint proves it is reachable.
            var client = new ServiceHttpClient(AcsTeamsService.Acs, context.AcsEndpoint, broker: null, maxRetries: 1, proxy: context.HttpProxy);
            await client.SendAsync(RequestMethod.Get, string.Empty, null, "checking the ACS endpoint", cancellationToken).ConfigureAwait(false);
            result.Reachable = true;
            result.Authorized = true;
            result.Detail = "The ACS endpoint answered. Identity operations are checked by the ACS cmdlets themselves.";
        }
    }
}
