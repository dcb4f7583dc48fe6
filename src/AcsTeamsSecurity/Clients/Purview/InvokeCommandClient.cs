using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using AcsTeamsSecurity.Diagnostics;
using AcsTeamsSecurity.Clients.Transport;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Resources;

namespace AcsTeamsSecurity.Clients.Purview
{
    /// <summary>
    /// The REST transport of Security &amp; Compliance and Exchange Online PowerShell (api-facts §11): one POST to
    /// <c>adminapi/beta/{tenantId}/InvokeCommand</c> with <c>{"CmdletInput":{"CmdletName","Parameters"}}</c>, answered with
    /// <c>{"value":[…]}</c> pages linked by <c>@odata.nextLink</c>. Read-only cmdlets only: the module never runs a
    /// Set-/New-/Remove- cmdlet here. The front door may redirect to the service's public regional host
    /// (<c>&lt;region&gt;.ps.compliance.protection.outlook.com</c>); the redirect is followed only to such a host
    /// (<see cref="RequestAuthorizationPolicy.IsRegionalHostOf"/>), once, and any other target is refused before anything
    /// (the token above all) is sent. Contract: docs/CONTRACTS.md, Purview, InvokeCommand.
    /// </summary>
    internal sealed class InvokeCommandClient
    {
        /// <summary>The arbitration mailbox the ExchangeOnlineManagement clients anchor to (with the tenant's initial domain).</summary>
        internal const string AnchorMailboxPrefix = "UPN:SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}@";

        internal static string CompliancePermissions => Strings.PermissionDenied_ComplianceNote;

        internal static string ExchangePermissions => Strings.PermissionDenied_ExchangeNote;

        internal const int MaxPages = 1000;

        private readonly ServiceHttpClient _http;
        private readonly Func<Uri, ServiceHttpClient> _regional;
        private readonly string _tenantId;
        private readonly string? _anchorDomain;
        private readonly string _permissions;
        private ServiceHttpClient? _redirected;

        /// <param name="http">The client for the service's configured host.</param>
        /// <param name="regional">Makes a client for a regional host of the same service (same token, same proxy).</param>
        /// <param name="tenantId">The tenant GUID of the path.</param>
        /// <param name="anchorDomain">The tenant's initial onmicrosoft domain, for X-AnchorMailbox; null sends no anchor.</param>
        /// <param name="permissions">What a 403 needs (permission and role), for the error message.</param>
        internal InvokeCommandClient(ServiceHttpClient http, Func<Uri, ServiceHttpClient> regional, string tenantId, string? anchorDomain, string permissions)
        {
            _http = http;
            _regional = regional;
            _tenantId = tenantId;
            _anchorDomain = anchorDomain;
            _permissions = permissions;
        }

        internal AcsTeamsService Service => _http.Service;

        /// <summary>The host requests go to now: the configured one, or the regional host the front door redirected to.</summary>
        internal Uri CurrentBaseUri => (_redirected ?? _http).BaseUri;

        internal string RelativePath => $"adminapi/beta/{Uri.EscapeDataString(_tenantId)}/InvokeCommand";

        /// <summary>The request body for <paramref name="cmdletName"/> with <paramref name="parameters"/> (none when null).</summary>
        internal static string Body(string cmdletName, JsonObject? parameters) =>
            new JsonObject
            {
                ["CmdletInput"] = new JsonObject
                {
                    ["CmdletName"] = cmdletName,
                    ["Parameters"] = parameters?.DeepClone() ?? new JsonObject(),
                },
            }.ToJsonString();

        /// <summary>Runs a read cmdlet and returns every object of every page.</summary>
        internal async Task<IReadOnlyList<JsonObject>> InvokeAsync(string cmdletName, JsonObject? parameters, CancellationToken cancellationToken)
        {
            if (!cmdletName.StartsWith("Get-", StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException("The module only reads through InvokeCommand.", nameof(cmdletName));
            }

            var activity = $"running {cmdletName}";
            var body = Body(cmdletName, parameters);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["Prefer"] = "odata.maxpagesize=1000",
            };
            if (!string.IsNullOrEmpty(_anchorDomain))
            {
                headers["X-AnchorMailbox"] = AnchorMailboxPrefix + _anchorDomain;
            }

            var results = new List<JsonObject>();
            string url = RelativePath;
            var redirected = false;
            for (var page = 0; ; page++)
            {
                if (page >= MaxPages)
                {
                    throw ErrorFactory.ServiceResponseInvalid(Strings.ServiceResponseInvalid_KeptAnsweringWithAnotherPage, Service, activity, MaxPages).With(service: Service.ToString());
                }

                var client = _redirected ?? _http;
                var response = await client.SendAsync(RequestMethod.Post, url, body, activity, cancellationToken, headers).ConfigureAwait(false);
                if (IsRedirect(response.Status))
                {
                    var target = RedirectTarget(client, response, activity);
                    if (redirected || !RequestAuthorizationPolicy.IsRegionalHostOf(_http.BaseUri, target))
                    {
                        // Not the service's own regional host (or a second hop): nothing is sent there.
                        throw RequestAuthorizationPolicy.Refused(Service, _http.BaseUri, target);
                    }

                    redirected = true;
                    var regionalBase = new Uri(target.GetLeftPart(UriPartial.Authority) + _http.BaseUri.AbsolutePath);
                    OperationLog.Current.Verbose(Strings.Format(Strings.Verbose_RedirectedToItsRegionalHost, Service, target.Host));
                    _redirected = _regional(regionalBase);
                    url = target.AbsoluteUri;
                    page--;
                    continue;
                }

                if (!response.IsSuccess)
                {
                    throw ServiceErrorMapper.FromResponse(Service, response, activity, _permissions, _http.MaxRetries);
                }

                var next = ReadPage(response, activity, results);
                if (next is null)
                {
                    return results;
                }

                url = next;
            }
        }

        private static bool IsRedirect(int status) => status == 301 || status == 302 || status == 307 || status == 308;

        private Uri RedirectTarget(ServiceHttpClient client, ServiceResponse response, string activity)
        {
            if (!response.Headers.TryGetValue("Location", out var location) || string.IsNullOrWhiteSpace(location) ||
                !Uri.TryCreate(client.BaseUri, location.Trim(), out var target))
            {
                throw ServiceErrorMapper.InvalidBody(Service, response, activity);
            }

            return target;
        }

        /// <summary>Adds the page's objects; returns the next link, or null on the last page.</summary>
        private string? ReadPage(ServiceResponse response, string activity, List<JsonObject> results)
        {
            JsonNode? node;
            try
            {
                node = JsonNode.Parse(response.Body);
            }
            catch (System.Text.Json.JsonException ex)
            {
                throw ServiceErrorMapper.InvalidBody(Service, response, activity, ex);
            }

            if (node is not JsonObject envelope || envelope["value"] is not JsonArray value)
            {
                throw ServiceErrorMapper.InvalidBody(Service, response, activity);
            }

            foreach (var item in value)
            {
                results.Add(item as JsonObject ?? throw ServiceErrorMapper.InvalidBody(Service, response, activity));
            }

            var next = envelope["@odata.nextLink"];
            if (next is null)
            {
                return null;
            }

            var link = next is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
            if (string.IsNullOrWhiteSpace(link))
            {
                throw ServiceErrorMapper.InvalidBody(Service, response, activity);
            }

            return link;
        }
    }
}
