using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using AcsTeamsSecurity.Diagnostics;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Clients.Transport;

namespace AcsTeamsSecurity.Clients.Teams
{
    /// <summary>
    /// The Teams tenant admin API (the "config" API behind the MicrosoftTeams policy cmdlets, api-facts §5.1 and §10.1).
    /// Reads accept a single object or an array. A change is a PUT of only the changed settings on the instance path
    /// (PUB, validated by a public client against the live service); its answer may be an object, a one-element array
    /// or empty. The service is not evidenced to carry ETags: the lost-update guard lives in the caller
    /// (<c>Cmdlets.Editing.PolicyEditor</c>), and an ETag is sent back as If-Match only when a response actually carried one.
    /// Every request carries X-MS-Correlation-Id, X-MS-CmdletName and, after the connect handshake, X-MS-Target-Uri;
    /// the X-Ms-ConfigApi-PowerShell-WarningMessage header of any answer becomes a warning.
    /// Contract: docs/CONTRACTS.md, Teams admin.
    /// </summary>
    internal sealed class TeamsAdminClient
    {
        internal const string ReadRoles = "the Teams Administrator, Teams Communications Administrator, Global Reader or Global Administrator role (for an app: assigned to its service principal as a directory role)";
        internal const string WriteRoles = "the Teams Administrator or Global Administrator role (Teams Communications Administrator for meeting policies and ACS federation); an app needs one of these assigned to its service principal as a directory role";
        internal const string WarningHeader = "X-Ms-ConfigApi-PowerShell-WarningMessage";
        internal const string DefaultCmdletName = "AcsTeamsSecurity";

        private readonly ServiceHttpClient _http;
        private readonly TeamsServiceDiscovery? _discovery;

        internal TeamsAdminClient(ServiceHttpClient http, TeamsServiceDiscovery? discovery = null)
        {
            _http = http;
            _discovery = discovery;
        }

        /// <summary>All instances of a configuration type. Contract: docs/CONTRACTS.md, Teams admin, GET configurations.</summary>
        internal async Task<IReadOnlyList<JsonObject>> ListAsync(string type, CancellationToken cancellationToken)
        {
            var activity = $"reading {type} instances";
            var response = await SendAsync(RequestMethod.Get, Path(type, null), null, activity, null, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccess)
            {
                throw ServiceErrorMapper.FromResponse(AcsTeamsService.TeamsAdmin, response, activity, ReadRoles, _http.MaxRetries);
            }

            return ReadInstances(response, activity, allowEmpty: false);
        }

        /// <summary>One instance and, if the answer carried one, its ETag; or PolicyNotFound. Contract: docs/CONTRACTS.md, Teams admin, GET configuration.</summary>
        internal async Task<(JsonObject Instance, string? ETag)> GetAsync(string type, string identity, CancellationToken cancellationToken)
        {
            var activity = $"reading {type} {identity}";
            var response = await SendAsync(RequestMethod.Get, Path(type, identity), null, activity, null, cancellationToken).ConfigureAwait(false);
            if (response.Status == 404)
            {
                throw NotFound(type, identity, response);
            }

            if (!response.IsSuccess)
            {
                throw ServiceErrorMapper.FromResponse(AcsTeamsService.TeamsAdmin, response, activity, ReadRoles, _http.MaxRetries);
            }

            var instances = ReadInstances(response, activity, allowEmpty: false);
            if (instances.Count != 1)
            {
                throw ServiceErrorMapper.InvalidBody(AcsTeamsService.TeamsAdmin, response, activity);
            }

            return (instances[0], ETagOf(response));
        }

        /// <summary>
        /// Changes the given settings of one instance: <c>PUT …/configurations/{Type}/configuration/{Identity}</c> with only
        /// those settings (PascalCase, never Identity). Returns the instance if the answer carried it (an object or a
        /// one-element array), null for an empty answer (204, or 200 with no body). Sends If-Match only with an ETag that a
        /// response actually carried; a 412 then means someone else changed it. Contract: docs/CONTRACTS.md, Teams admin, PUT configuration.
        /// </summary>
        internal async Task<JsonObject?> PutAsync(string type, string identity, JsonObject changes, string? etag, CancellationToken cancellationToken)
        {
            if (changes.ContainsKey("Identity"))
            {
                throw new ArgumentException("A change never carries Identity: the path names the instance.", nameof(changes));
            }

            var activity = $"changing {type} {identity}";
            var headers = etag is null ? null : new Dictionary<string, string> { ["If-Match"] = etag };
            var response = await SendAsync(RequestMethod.Put, Path(type, identity), changes.ToJsonString(), activity, headers, cancellationToken).ConfigureAwait(false);
            if (response.Status == 412 && etag is not null)
            {
                throw new AcsTeamsSecurityException(
                    ErrorIds.PolicyChangedConcurrently,
                    ErrorCategory.ResourceBusy,
                    $"{type} {identity} was changed by someone else while this change was being made (the service refused the version read); nothing was written. Read it again and repeat the change.")
                {
                    Target = identity,
                    Service = nameof(AcsTeamsService.TeamsAdmin),
                    Status = 412,
                    RequestId = response.RequestId,
                };
            }

            if (response.Status == 404)
            {
                throw NotFound(type, identity, response);
            }

            if (!response.IsSuccess)
            {
                throw ServiceErrorMapper.FromResponse(AcsTeamsService.TeamsAdmin, response, activity, WriteRoles, _http.MaxRetries);
            }

            var instances = ReadInstances(response, activity, allowEmpty: true);
            return instances.Count switch
            {
                0 => null,
                1 => instances[0],
                _ => throw ServiceErrorMapper.InvalidBody(AcsTeamsService.TeamsAdmin, response, activity),
            };
        }

        /// <summary>
        /// One request exactly as the module's other Teams admin requests are sent (handshake target, correlation id,
        /// cmdlet name, warnings surfaced), answered whatever its status: for Test-AcsTeamsSecurityContract.
        /// </summary>
        internal Task<ServiceResponse> SendForContractAsync(RequestMethod method, string relativeUrl, string? body, string activity, CancellationToken cancellationToken) =>
            SendAsync(method, relativeUrl, body, activity, null, cancellationToken);

        /// <summary>
        /// A path segment escaped as Go's url.PathEscape does (what the public client validated live): unreserved
        /// characters and <c>$ &amp; + : = @</c> stay literal (so <c>Tag:Name</c> is sent as is), everything else is
        /// percent-encoded from UTF-8.
        /// </summary>
        internal static string PathSegment(string value)
        {
            // "." and ".." would be read as dot segments and turn an instance path into the collection (or its parent):
            // an identity from a tampered snapshot must not redirect a read or a write.
            if (value.Length == 0 || value == "." || value == "..")
            {
                throw new AcsTeamsSecurityException(ErrorIds.PolicyNotFound, ErrorCategory.InvalidArgument, $"'{value}' is not a policy or configuration identity: use Global or Tag:<name>.")
                {
                    Target = value,
                };
            }

            var text = new StringBuilder(value.Length);
            foreach (var b in Encoding.UTF8.GetBytes(value))
            {
                var c = (char)b;
                var literal = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || c == '$' || c == '&' || c == '+' || c == ':' || c == '=' || c == '@';
                if (literal)
                {
                    text.Append(c);
                }
                else
                {
                    text.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                }
            }

            return text.ToString();
        }

        internal static string Path(string type, string? identity) =>
            identity is null
                ? $"Skype.Policy/configurations/{PathSegment(type)}"
                : $"Skype.Policy/configurations/{PathSegment(type)}/configuration/{PathSegment(identity)}";

        /// <summary>Every request: the handshake's target, a fresh correlation id, the cmdlet name; warnings from the answer surfaced.</summary>
        private async Task<ServiceResponse> SendAsync(RequestMethod method, string relativeUrl, string? body, string activity, IDictionary<string, string>? extra, CancellationToken cancellationToken, bool idempotent = true)
        {
            var target = _discovery is null ? null : await _discovery.TargetUriAsync(_http, cancellationToken).ConfigureAwait(false);
            var headers = RequestHeaders(target, OperationLog.CommandName);
            if (extra is not null)
            {
                foreach (var pair in extra)
                {
                    headers[pair.Key] = pair.Value;
                }
            }

            var response = await _http.SendAsync(method, relativeUrl, body, activity, cancellationToken, headers, idempotent).ConfigureAwait(false);
            SurfaceWarning(response);
            return response;
        }

        internal static Dictionary<string, string> RequestHeaders(string? targetUri, string? cmdletName)
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["X-MS-Correlation-Id"] = Guid.NewGuid().ToString(),
                ["X-MS-CmdletName"] = string.IsNullOrEmpty(cmdletName) ? DefaultCmdletName : cmdletName!,
            };
            if (targetUri is not null)
            {
                headers["X-MS-Target-Uri"] = targetUri;
            }

            return headers;
        }

        /// <summary>The MicrosoftTeams module prints this header as a warning; so does this module (redacted by the sink).</summary>
        internal static void SurfaceWarning(ServiceResponse response)
        {
            if (response.Headers.TryGetValue(WarningHeader, out var warning) && !string.IsNullOrWhiteSpace(warning))
            {
                OperationLog.Current.Warning($"The Teams admin service warns: {warning.Trim()}");
            }
        }

        private static string? ETagOf(ServiceResponse response) =>
            response.Headers.TryGetValue("ETag", out var etag) && !string.IsNullOrWhiteSpace(etag) ? etag : null;

        private static IReadOnlyList<JsonObject> ReadInstances(ServiceResponse response, string activity, bool allowEmpty)
        {
            var list = new List<JsonObject>();
            if (allowEmpty && string.IsNullOrWhiteSpace(response.Body))
            {
                return list;
            }

            JsonNode? node;
            try
            {
                node = JsonNode.Parse(response.Body);
            }
            catch (System.Text.Json.JsonException ex)
            {
                throw ServiceErrorMapper.InvalidBody(AcsTeamsService.TeamsAdmin, response, activity, ex);
            }

            switch (node)
            {
                case JsonObject single:
                    list.Add(single);
                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        if (item is JsonObject o)
                        {
                            list.Add(o);
                        }
                        else
                        {
                            throw ServiceErrorMapper.InvalidBody(AcsTeamsService.TeamsAdmin, response, activity);
                        }
                    }

                    break;
                default:
                    throw ServiceErrorMapper.InvalidBody(AcsTeamsService.TeamsAdmin, response, activity);
            }

            return list;
        }

        private static AcsTeamsSecurityException NotFound(string type, string identity, ServiceResponse response) =>
            new AcsTeamsSecurityException(ErrorIds.PolicyNotFound, ErrorCategory.ObjectNotFound, $"There is no {type} instance '{identity}'. Get-ExternalUserPolicy lists the instances.")
            {
                Target = identity,
                Service = nameof(AcsTeamsService.TeamsAdmin),
                Status = 404,
                RequestId = response.RequestId,
            };
    }
}
