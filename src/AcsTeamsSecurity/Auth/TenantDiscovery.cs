using System;
using System.Management.Automation;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using AcsTeamsSecurity.Clients;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Clients.Transport;

namespace AcsTeamsSecurity.Auth
{
    /// <summary>
    /// The tenant GUID behind a domain, from Entra's OpenID discovery document
    /// (<c>{authority}/{domain}/v2.0/.well-known/openid-configuration</c>, whose <c>issuer</c> is
    /// <c>{authority}/{tenant GUID}/v2.0</c>). Anonymous, one request, no token involved. Used when tokens are brought with
    /// <c>-AccessToken</c> and <c>-TenantId</c> is a domain: the tokens' <c>tid</c> must be that GUID. (A sign-in the module
    /// performs itself goes to the domain's own authority, so Entra already issues tokens of that tenant only.)
    /// </summary>
    internal static class TenantDiscovery
    {
        /// <summary>The tenant GUID of <paramref name="domain"/> in <paramref name="environment"/>.</summary>
        /// <exception cref="AcsTeamsSecurityException">TenantNotFound when Entra does not know the domain; ServiceUnreachable when discovery cannot be reached.</exception>
        internal static async Task<string> ResolveAsync(AcsTeamsEnvironment environment, string domain, ContextProxy? proxy, CancellationToken cancellationToken)
        {
            var client = new ServiceHttpClient(AcsTeamsService.Graph, environment.AuthorityHost, broker: null, maxRetries: 2, proxy: proxy);
            var activity = $"resolving the tenant of '{domain}' (Entra ID OpenID discovery)";
            var response = await client.SendAsync(RequestMethod.Get, $"{Uri.EscapeDataString(domain)}/v2.0/.well-known/openid-configuration", null, activity, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccess && TenantFromIssuer(response.Body) is { } tenant)
            {
                return tenant;
            }

            throw new AcsTeamsSecurityException(
                ErrorIds.TenantNotFound,
                ErrorCategory.ObjectNotFound,
                $"Entra ID in '{environment.Name}' does not confirm a tenant for the domain '{domain}' (OpenID discovery answered {response.Status}), so the access tokens cannot be checked against it. Pass -TenantId as the tenant's GUID, or check the domain.")
            {
                Target = domain,
            };
        }

        /// <summary>The GUID in the discovery document's issuer (<c>https://host/{guid}/v2.0</c>), or null.</summary>
        internal static string? TenantFromIssuer(string body)
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                if (document.RootElement.ValueKind != JsonValueKind.Object ||
                    !document.RootElement.TryGetProperty("issuer", out var issuer) || issuer.ValueKind != JsonValueKind.String ||
                    !Uri.TryCreate(issuer.GetString(), UriKind.Absolute, out var uri))
                {
                    return null;
                }

                foreach (var segment in uri.AbsolutePath.Split('/'))
                {
                    if (Guid.TryParse(segment, out var guid))
                    {
                        return guid.ToString();
                    }
                }

                return null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}
