using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Clients.Transport;

namespace AcsTeamsSecurity.Clients.Acs
{
    /// <summary>
    /// Our own client for the ACS Identity data plane (the official Azure.Communication.Identity package is not
    /// available to this project). Same wire contract as the SDK: the five operations of api-facts §1.3, ids
    /// percent-encoded in paths, <c>Accept: application/json</c> always, a JSON body only where one is sent.
    /// </summary>
    internal sealed class AcsIdentityClient
    {
        /// <summary>The default api-version: GA, and the one whose shape the reference documents in full.</summary>
        internal const string DefaultApiVersion = "2023-10-01";

        /// <summary>GA versions (api-facts §1.2); previews are accepted as given.</summary>
        internal static readonly IReadOnlyList<string> KnownApiVersions = new[] { "2021-03-07", "2022-06-01", "2022-10-01", "2023-08-01", "2023-10-01", "2025-06-30", "2026-09-23" };

        private const string EntraHint = "an Azure role on the Communication Services resource that allows its data plane (for example Contributor), or an access key";

        // With an access key, a 403 most likely means the resource turned local authentication off (ARM disableLocalAuth).
        private const string AccessKeyHint = "access keys to be allowed on the resource: with local authentication disabled (ARM disableLocalAuth true) the resource refuses them. Connect without -AcsConnectionString to use Microsoft Entra ID and an Azure role on the resource (for example Contributor)";

        private readonly ServiceHttpClient _http;

        internal AcsIdentityClient(ServiceHttpClient http, string apiVersion, bool usesAccessKey)
        {
            _http = http;
            ApiVersion = apiVersion;
            UsesAccessKey = usesAccessKey;
        }

        internal string ApiVersion { get; }

        internal bool UsesAccessKey { get; }

        private string PermissionHint => UsesAccessKey ? AccessKeyHint : EntraHint;

        internal Uri Endpoint => _http.BaseUri;

        /// <summary>Creates an identity, and a token for it when <paramref name="scopes"/> is given.</summary>
        internal async Task<(AcsIdentity Identity, string? Token, DateTimeOffset? ExpiresOn)> CreateAsync(IReadOnlyList<string>? scopes, int? expiresInMinutes, CancellationToken cancellationToken)
        {
            var body = scopes is null
                ? "{}"
                : Json(w =>
                {
                    w.WriteStartArray("createTokenWithScopes");
                    foreach (var scope in scopes)
                    {
                        w.WriteStringValue(scope);
                    }

                    w.WriteEndArray();
                    if (expiresInMinutes is { } minutes)
                    {
                        w.WriteNumber("expiresInMinutes", minutes);
                    }
                });

            // Contract: docs/CONTRACTS.md, ACS identity data plane, Create identity (and token).
            // Not idempotent: a replay after an ambiguous failure could create a second identity.
            var response = await _http.SendForSuccessAsync(RequestMethod.Post, Path("identities"), body, "creating an ACS identity", PermissionHint, cancellationToken, idempotent: false).ConfigureAwait(false);
            return Read(response, "creating an ACS identity", root =>
            {
                var identity = ParseIdentity(root.GetProperty("identity").GetProperty("id").GetString(), response);
                if (root.TryGetProperty("accessToken", out var token) && token.ValueKind == JsonValueKind.Object)
                {
                    return (identity, token.GetProperty("token").GetString(), ParseExpiresOn(token, response));
                }

                return (identity, (string?)null, (DateTimeOffset?)null);
            });
        }

        /// <summary>Issues a token for an existing identity.</summary>
        internal async Task<(string Token, DateTimeOffset ExpiresOn)> IssueTokenAsync(AcsIdentity identity, IReadOnlyList<string> scopes, int? expiresInMinutes, CancellationToken cancellationToken)
        {
            var body = Json(w =>
            {
                w.WriteStartArray("scopes");
                foreach (var scope in scopes)
                {
                    w.WriteStringValue(scope);
                }

                w.WriteEndArray();
                if (expiresInMinutes is { } minutes)
                {
                    w.WriteNumber("expiresInMinutes", minutes);
                }
            });
            // Contract: docs/CONTRACTS.md, ACS identity data plane, Issue token.
            var activity = $"issuing a token for {identity.Id}";
            var response = await SendIdentityAsync(RequestMethod.Post, IdentityPath(identity, "/:issueAccessToken"), body, activity, identity, cancellationToken).ConfigureAwait(false);
            return Read(response, activity, root => (root.GetProperty("token").GetString() ?? throw new KeyNotFoundException("token"), ParseExpiresOn(root, response)));
        }

        /// <summary>Revokes every token of an identity (204, no body). Contract: docs/CONTRACTS.md, ACS identity data plane, Revoke tokens.</summary>
        internal Task RevokeAsync(AcsIdentity identity, CancellationToken cancellationToken) =>
            SendIdentityAsync(RequestMethod.Post, IdentityPath(identity, "/:revokeAccessTokens"), null, $"revoking the tokens of {identity.Id}", identity, cancellationToken);

        /// <summary>Deletes an identity and its data (204, no body). Contract: docs/CONTRACTS.md, ACS identity data plane, Delete identity.</summary>
        internal Task DeleteAsync(AcsIdentity identity, CancellationToken cancellationToken) =>
            SendIdentityAsync(RequestMethod.Delete, IdentityPath(identity, string.Empty), null, $"deleting {identity.Id}", identity, cancellationToken);

        /// <summary>Exchanges a Teams user's Entra token for an ACS token (api-version 2022-06-01 or later).</summary>
        internal async Task<(string Token, DateTimeOffset ExpiresOn)> ExchangeTeamsUserTokenAsync(string entraToken, string appId, string userId, CancellationToken cancellationToken)
        {
            var body = Json(w =>
            {
                w.WriteString("token", entraToken);
                w.WriteString("appId", appId);
                w.WriteString("userId", userId);
            });
            // Contract: docs/CONTRACTS.md, ACS identity data plane, Exchange a Teams user's Entra token.
            const string Activity = "exchanging the Teams user's token";
            var response = await _http.SendForSuccessAsync(RequestMethod.Post, Path("teamsUser/:exchangeAccessToken"), body, Activity, PermissionHint, cancellationToken).ConfigureAwait(false);
            return Read(response, Activity, root => (root.GetProperty("token").GetString() ?? throw new KeyNotFoundException("token"), ParseExpiresOn(root, response)));
        }

        /// <summary>The path of an identity: its id percent-encoded as one segment (8:acs:... becomes 8%3Aacs%3A...).</summary>
        internal static string EscapeId(string id) => Uri.EscapeDataString(id);

        private string Path(string relative) => $"{relative}?api-version={Uri.EscapeDataString(ApiVersion)}";

        private string IdentityPath(AcsIdentity identity, string suffix) => Path($"identities/{EscapeId(identity.Id)}{suffix}");

        private async Task<ServiceResponse> SendIdentityAsync(RequestMethod method, string path, string? body, string activity, AcsIdentity identity, CancellationToken cancellationToken)
        {
            var response = await _http.SendAsync(method, path, body, activity, cancellationToken).ConfigureAwait(false);
            if (response.Status == 404)
            {
                var (code, message) = ServiceErrorMapper.ReadError(response.Body);
                throw new AcsTeamsSecurityException(
                    ErrorIds.AcsIdentityNotFound,
                    ErrorCategory.ObjectNotFound,
                    $"The ACS resource at {Endpoint.Host} has no identity {identity.Id}{(message is null ? string.Empty : $" ({message})")}. It was deleted, or it belongs to another resource (its resource id is {identity.ResourceId}).")
                {
                    Target = identity.Id,
                    Service = nameof(AcsTeamsService.Acs),
                    Status = 404,
                    RequestId = response.RequestId,
                    ServiceErrorCode = code,
                };
            }

            if (!response.IsSuccess)
            {
                var error = ServiceErrorMapper.FromResponse(AcsTeamsService.Acs, response, activity, PermissionHint, _http.MaxRetries);
                error.Target = identity.Id;
                throw error;
            }

            return response;
        }

        private static T Read<T>(ServiceResponse response, string activity, Func<JsonElement, T> read)
        {
            try
            {
                using var document = JsonDocument.Parse(response.Body);
                return read(document.RootElement);
            }
            catch (Exception ex) when (ex is JsonException || ex is KeyNotFoundException || ex is InvalidOperationException || ex is FormatException)
            {
                throw ServiceErrorMapper.InvalidBody(AcsTeamsService.Acs, response, activity, ex);
            }
        }

        private static AcsIdentity ParseIdentity(string? id, ServiceResponse response)
        {
            if (!AcsIdentity.TryParse(id, out var identity))
            {
                throw new FormatException($"identity id '{id}' is not a raw id");
            }

            return identity;
        }

        private static DateTimeOffset ParseExpiresOn(JsonElement element, ServiceResponse response)
        {
            var text = element.GetProperty("expiresOn").GetString();
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
            {
                throw new FormatException("expiresOn is not a date-time");
            }

            return value;
        }

        private static string Json(Action<Utf8JsonWriter> write)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartObject();
                write(writer);
                writer.WriteEndObject();
            }

            return Encoding.UTF8.GetString(stream.ToArray());
        }
    }
}
