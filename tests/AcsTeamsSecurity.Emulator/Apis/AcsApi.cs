using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AcsTeamsSecurity.Emulator.Entra;
using AcsTeamsSecurity.Emulator.Fixtures;
using AcsTeamsSecurity.Emulator.Hosting;
using Microsoft.AspNetCore.Http.Features;

namespace AcsTeamsSecurity.Emulator.Apis;

/// <summary>
/// The ACS Identity data plane, one port per resource with no path prefix (<see cref="AcsEndpoints"/>; api-facts.md §1): create and delete identities,
/// issue and revoke their tokens, exchange a Teams user's Entra token. Every call is authenticated with an access-key
/// HMAC signature (§2) or an Entra bearer token (§2.6); errors are CommunicationErrorResponse <c>{"error":{...}}</c>
/// (§1.7) with <c>Content-Type: application/json</c>.
/// </summary>
internal sealed class AcsApi(FixtureStore fixtures, AcsAuthenticator authenticator, AcsIdentityStore store, TokenValidator validator, AcsEndpoints endpoints)
{
    /// <summary>Error responses carry no charset (api-facts.md §1.7); success bodies do (§1.4).</summary>
    public const string ErrorContentType = "application/json";

    /// <summary>aud of the Entra token a Teams user exchanges (api-facts.md §1.5).</summary>
    public const string TeamsExchangeAudience = "https://auth.msft.communication.azure.com";

    public const string TeamsManageCalls = "Teams.ManageCalls";
    public const string TeamsManageChats = "Teams.ManageChats";

    /// <summary>
    /// GA api-versions (api-facts.md §1.2): the stable swagger folders, plus <c>2021-11-01</c>, which has no swagger
    /// folder but which the real service lists in its recorded <c>api-supported-versions</c> header.
    /// <c>2026-07-22</c> is left out: its folder exists but its status is UNCONFIRMED.
    /// </summary>
    public static readonly string[] GaVersions = ["2021-03-07", "2021-11-01", "2022-06-01", "2022-10-01", "2023-08-01", "2023-10-01", "2025-06-30", "2026-09-23"];

    /// <summary>Preview api-versions (api-facts.md §1.2).</summary>
    public static readonly string[] PreviewVersions =
        ["2020-07-20-preview2", "2021-02-22-preview1", "2021-03-31-preview1", "2021-10-31-preview", "2023-08-30-preview", "2025-03-02-preview", "2025-04-01-preview"];

    /// <summary>Value of the <c>api-supported-versions</c> header (format of the recorded header: ", "-separated, by date).</summary>
    public static readonly string SupportedVersionsHeader =
        string.Join(", ", GaVersions.Concat(PreviewVersions).OrderBy(v => v, StringComparer.Ordinal));

    /// <summary>CommunicationIdentityTokenScope values (api-facts.md §1.5).</summary>
    public static readonly string[] TokenScopes = ["chat", "voip", "chat.join", "chat.join.limited", "voip.join"];

    private const string TeamsExchangeMinimumVersion = "2022-06-01";
    private const int MaxBodyBytes = 1024 * 1024;

    public static JsonObject ErrorBody(string code, string message, string? target = null)
    {
        var error = new JsonObject { ["code"] = code, ["message"] = message };
        if (target is not null)
        {
            error["target"] = target;
        }

        return new JsonObject { ["error"] = error };
    }

    public static Task WriteErrorAsync(HttpContext context, int status, string code, string message, string? target = null) =>
        JsonResponses.WriteAsync(context, status, ErrorBody(code, message, target), ErrorContentType);

    public static JsonObject ForStatus(int status) => status switch
    {
        // INFERRED: ACS fault bodies other than the recorded ones.
        429 => ErrorBody("TooManyRequests", "Too many requests. Please retry after the interval given in the Retry-After header."),
        401 => ErrorBody("InvalidAccessToken", "Provided access token is not valid."),
        403 => ErrorBody("Forbidden", "The caller is not authorized to perform this operation."),
        404 => ErrorBody("NotFound", "The requested resource was not found."),
        503 => ErrorBody("ServiceUnavailable", "The service is temporarily unavailable."),
        _ => ErrorBody("InternalServerError", "An internal server error occurred."),
    };

    /// <summary>Every request on an ACS port comes here (the middleware calls it instead of routing).</summary>
    public async Task HandleAsync(HttpContext context)
    {
        var (rawPath, rawQuery) = RawTarget(context);
        var segments = rawPath.Split('/');

        // segments: "", ...; the resource is the one that holds the port the request came in on.
        var resourceName = endpoints.NameFor(context.Connection.LocalPort) ?? string.Empty;
        var annotations = RequestAnnotations.Get(context);
        annotations.Resource = resourceName.Length > 0 ? resourceName : null;
        if (fixtures.FindAcsResource(resourceName) is not { } found)
        {
            // INFERRED: a real unknown resource is a DNS failure; the emulator answers 404.
            await WriteErrorAsync(context, 404, "ResourceNotFound", $"No Communication Services resource is served on port {context.Connection.LocalPort} (its fixture was removed).").ConfigureAwait(false);
            return;
        }

        annotations.Resource = found.Resource.Name;
        annotations.TenantId = found.Tenant.Id;
        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            // INFERRED: size limit and body.
            await WriteErrorAsync(context, 413, "RequestTooLarge", $"The request body exceeds {MaxBodyBytes} bytes.").ConfigureAwait(false);
            return;
        }

        var pathAndQuery = rawQuery.Length > 0 ? rawPath + "?" + rawQuery : rawPath;
        if (!await authenticator.AuthenticateAsync(context, found.Tenant, found.Resource, pathAndQuery, body).ConfigureAwait(false))
        {
            return;
        }

        // INFERRED: authentication is checked before the api-version (ARM-like order); messages from ASP.NET API versioning.
        var apiVersion = context.Request.Query["api-version"].FirstOrDefault();
        if (string.IsNullOrEmpty(apiVersion))
        {
            await WriteErrorAsync(context, 400, "ApiVersionUnspecified", "An API version is required, but was not specified.").ConfigureAwait(false);
            return;
        }

        if (!GaVersions.Contains(apiVersion, StringComparer.OrdinalIgnoreCase) && !PreviewVersions.Contains(apiVersion, StringComparer.OrdinalIgnoreCase))
        {
            await UnsupportedVersionAsync(context, apiVersion).ConfigureAwait(false);
            return;
        }

        var route = segments.Skip(1).Select(Unescape).ToList();
        if (route.Count > 0 && route[^1].Length == 0)
        {
            route.RemoveAt(route.Count - 1); // one trailing slash is tolerated, as ASP.NET routing does
        }

        var method = context.Request.Method;
        var task = route switch
        {
            [var a] when Is(a, "identities") =>
                Only(context, method, "POST", () => CreateAsync(context, found.Tenant, found.Resource, body)),
            [var a, var id] when Is(a, "identities") =>
                Only(context, method, "DELETE", () => DeleteAsync(context, found.Resource, id)),
            [var a, var id, var op] when Is(a, "identities") && Is(op, ":issueAccessToken") =>
                Only(context, method, "POST", () => IssueAsync(context, found.Resource, id, body)),
            [var a, var id, var op] when Is(a, "identities") && Is(op, ":revokeAccessTokens") =>
                Only(context, method, "POST", () => RevokeAsync(context, found.Resource, id)),
            [var a, var op] when Is(a, "teamsUser") && Is(op, ":exchangeAccessToken") =>
                Only(context, method, "POST", () => string.CompareOrdinal(apiVersion[..10], TeamsExchangeMinimumVersion) < 0
                    ? UnsupportedVersionAsync(context, apiVersion)
                    : ExchangeAsync(context, found.Resource, body)),
            // INFERRED: body of an unknown data-plane path.
            _ => WriteErrorAsync(context, 404, "NotFound", $"No ACS identity operation at '{context.Request.Path}'."),
        };
        await task.ConfigureAwait(false);
    }

    private async Task CreateAsync(HttpContext context, TenantFixture tenant, AcsResourceFixture resource, byte[] body)
    {
        List<string> scopes = [];
        JsonObject? request = null;
        if (!IsBlank(body))
        {
            request = ParseObject(body);
            if (request is null)
            {
                await MalformedBodyAsync(context).ConfigureAwait(false);
                return;
            }
        }

        // INFERRED order: expiresInMinutes (recorded message), then the scope values.
        var error = ReadExpiresInMinutes(request, out var minutes) ?? ReadScopes(request?["createTokenWithScopes"], required: false, out scopes);
        if (error is not null)
        {
            await error(context).ConfigureAwait(false);
            return;
        }

        var identity = store.Create(tenant, resource);
        var result = new JsonObject { ["identity"] = new JsonObject { ["id"] = identity.Id } };
        if (scopes.Count > 0 && store.IssueFor(identity, resource, scopes, minutes) is { } token)
        {
            result["accessToken"] = TokenBody(token);
        }

        await JsonResponses.WriteAsync(context, 201, result).ConfigureAwait(false);
    }

    private async Task IssueAsync(HttpContext context, AcsResourceFixture resource, string id, byte[] body)
    {
        if (await FindIdentityAsync(context, resource, id).ConfigureAwait(false) is not { } identity)
        {
            return;
        }

        var request = IsBlank(body) ? null : ParseObject(body);
        if (request is null)
        {
            await (IsBlank(body)
                ? WriteErrorAsync(context, 400, "ValidationError", "Scopes: The Scopes field is required.", "scopes") // INFERRED
                : MalformedBodyAsync(context)).ConfigureAwait(false);
            return;
        }

        // INFERRED order: the required scopes, then expiresInMinutes.
        var minutes = 1440;
        var error = ReadScopes(request["scopes"], required: true, out var scopes) ?? ReadExpiresInMinutes(request, out minutes);
        if (error is not null)
        {
            await error(context).ConfigureAwait(false);
            return;
        }

        if (store.IssueFor(identity, resource, scopes, minutes) is not { } token)
        {
            await IdentityNotFoundAsync(context, id).ConfigureAwait(false);
            return;
        }

        await JsonResponses.WriteAsync(context, 200, TokenBody(token)).ConfigureAwait(false);
    }

    private async Task RevokeAsync(HttpContext context, AcsResourceFixture resource, string id)
    {
        if (await FindIdentityAsync(context, resource, id).ConfigureAwait(false) is not { } identity)
        {
            return;
        }

        store.Revoke(identity);
        context.Response.StatusCode = 204;
    }

    private async Task DeleteAsync(HttpContext context, AcsResourceFixture resource, string id)
    {
        if (await FindIdentityAsync(context, resource, id).ConfigureAwait(false) is not { } identity)
        {
            return;
        }

        store.Delete(identity);
        context.Response.StatusCode = 204;
    }

    private async Task ExchangeAsync(HttpContext context, AcsResourceFixture resource, byte[] body)
    {
        var request = IsBlank(body) ? null : ParseObject(body);
        if (request is null)
        {
            await MalformedBodyAsync(context).ConfigureAwait(false);
            return;
        }

        var token = StringField(request, "token");
        var appId = StringField(request, "appId");
        var userId = StringField(request, "userId");

        // Recorded bodies (api-facts.md §1.7). Order INFERRED: required fields, then formats, then the token.
        if (string.IsNullOrEmpty(appId))
        {
            await WriteErrorAsync(context, 400, "ValidationError", "AppId: The AppId field is required.", "AppId").ConfigureAwait(false);
            return;
        }

        if (string.IsNullOrEmpty(userId))
        {
            // INFERRED: by analogy with the recorded AppId message.
            await WriteErrorAsync(context, 400, "ValidationError", "UserId: The UserId field is required.", "UserId").ConfigureAwait(false);
            return;
        }

        if (!Guid.TryParse(appId, out _))
        {
            await WriteErrorAsync(context, 400, "ValidationError", "Provided AppId has invalid format.", "appId").ConfigureAwait(false);
            return;
        }

        if (!Guid.TryParse(userId, out _))
        {
            await WriteErrorAsync(context, 400, "ValidationError", "Provided UserId has invalid format.", "userId").ConfigureAwait(false);
            return;
        }

        var result = validator.ValidateToken(token, [TeamsExchangeAudience]);
        var entra = result.Token;
        var scopes = entra is null ? [] : entra.Scopes;
        var hasTeamsScope = scopes.Contains(TeamsManageCalls, StringComparer.OrdinalIgnoreCase) || scopes.Contains(TeamsManageChats, StringComparer.OrdinalIgnoreCase);
        if (entra is null || !entra.IsUser || !hasTeamsScope || result.Expiry is not { } expiry)
        {
            // Recorded for expired and empty tokens; INFERRED for bad signature, audience, tenant and missing Teams scopes.
            await WriteErrorAsync(context, 401, "InvalidAccessToken", "Provided access token is not valid.").ConfigureAwait(false);
            return;
        }

        if (!string.Equals(entra.AppId, appId, StringComparison.OrdinalIgnoreCase))
        {
            // INFERRED: status and message of an appid mismatch.
            await WriteErrorAsync(context, 400, "ValidationError", "Provided AppId does not match the appid claim of the access token.", "appId").ConfigureAwait(false);
            return;
        }

        if (!string.Equals(entra.ObjectId, userId, StringComparison.OrdinalIgnoreCase))
        {
            // INFERRED: status and message of an oid mismatch.
            await WriteErrorAsync(context, 400, "ValidationError", "Provided UserId does not match the oid claim of the access token.", "userId").ConfigureAwait(false);
            return;
        }

        // INFERRED: acsScope of a Teams user token (Teams.ManageCalls → voip, Teams.ManageChats → chat).
        var acsScopes = new List<string>();
        if (scopes.Contains(TeamsManageCalls, StringComparer.OrdinalIgnoreCase))
        {
            acsScopes.Add("voip");
        }

        if (scopes.Contains(TeamsManageChats, StringComparer.OrdinalIgnoreCase))
        {
            acsScopes.Add("chat");
        }

        // "…a new Communication Identity access token with a matching expiration time" (api-facts.md §1.3).
        var issued = store.IssueForTeamsUser(entra.ObjectId, resource, acsScopes, expiry);
        await JsonResponses.WriteAsync(context, 200, TokenBody(issued)).ConfigureAwait(false);
    }

    private async Task<AcsIdentity?> FindIdentityAsync(HttpContext context, AcsResourceFixture resource, string id)
    {
        if (!id.StartsWith("8:", StringComparison.Ordinal) || id.Length < 4)
        {
            // INFERRED: status and body for an id that is not a communication user id.
            await WriteErrorAsync(context, 400, "ValidationError", $"Identity id '{id}' has invalid format.", "id").ConfigureAwait(false);
            return null;
        }

        var identity = store.FindLive(resource, id);
        if (identity is null)
        {
            // INFERRED: unknown, deleted and other-resource identities all answer 404 IdentityNotFound.
            await IdentityNotFoundAsync(context, id).ConfigureAwait(false);
        }

        return identity;
    }

    private static Task IdentityNotFoundAsync(HttpContext context, string id) =>
        WriteErrorAsync(context, 404, "IdentityNotFound", $"Identity '{id}' was not found.");

    private static Task MalformedBodyAsync(HttpContext context) =>
        // INFERRED: body for malformed JSON.
        WriteErrorAsync(context, 400, "BadRequest", "The request body is not valid JSON.");

    private static Task UnsupportedVersionAsync(HttpContext context, string apiVersion) =>
        // INFERRED: ASP.NET API versioning wording (ACS answers with its api-supported-versions header).
        WriteErrorAsync(context, 400, "UnsupportedApiVersion",
            $"The HTTP resource that matches the request URI '{context.Request.Scheme}://{context.Request.Host}{context.Request.Path}' does not support the API version '{apiVersion}'.");

    private static JsonObject TokenBody(AcsIssuedToken token) => new()
    {
        ["token"] = token.Token,
        ["expiresOn"] = AcsTokenIssuer.FormatExpiresOn(token.ExpiresOn),
    };

    /// <summary>expiresInMinutes: absent → 1440; must be an integer in [60, 1440] (api-facts.md §1.5, §1.7).</summary>
    private static Func<HttpContext, Task>? ReadExpiresInMinutes(JsonObject? request, out int minutes)
    {
        minutes = 1440;
        var node = request?["expiresInMinutes"];
        if (node is null)
        {
            return null;
        }

        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number || !v.TryGetValue<int>(out var value))
        {
            // INFERRED: message for a non-integer value.
            var text = node.ToJsonString();
            return c => WriteErrorAsync(c, 400, "ValidationError", $"ExpiresInMinutes value {text} is invalid. Value must be an integer.", "ExpiresInMinutes");
        }

        if (value is < 60 or > 1440)
        {
            return c => WriteErrorAsync(c, 400, "ValidationError",
                $"ExpiresInMinutes value {value.ToString(CultureInfo.InvariantCulture)} is invalid. Value must be within the [60, 1440] interval.", "ExpiresInMinutes");
        }

        minutes = value;
        return null;
    }

    /// <summary>Token scopes: an array of the five known values (case-insensitive, de-duplicated, canonical spelling).</summary>
    private static Func<HttpContext, Task>? ReadScopes(JsonNode? node, bool required, out List<string> scopes)
    {
        scopes = [];
        if (node is null)
        {
            // INFERRED: message for missing scopes on issueAccessToken (by analogy with the recorded AppId message).
            return required ? c => WriteErrorAsync(c, 400, "ValidationError", "Scopes: The Scopes field is required.", "scopes") : null;
        }

        if (node is not JsonArray array)
        {
            return c => WriteErrorAsync(c, 400, "ValidationError", "Scopes must be an array of strings.", "scopes"); // INFERRED
        }

        foreach (var item in array)
        {
            var text = item is JsonValue v && v.TryGetValue<string>(out var s) ? s : item?.ToJsonString() ?? "null";
            var known = Array.Find(TokenScopes, k => string.Equals(k, text, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                // INFERRED: message for an unknown scope.
                return c => WriteErrorAsync(c, 400, "ValidationError",
                    $"Scope '{text}' is invalid. Valid scopes are: {string.Join(", ", TokenScopes)}.", "scopes");
            }

            if (!scopes.Contains(known))
            {
                scopes.Add(known);
            }
        }

        if (required && scopes.Count == 0)
        {
            return c => WriteErrorAsync(c, 400, "ValidationError", "Scopes: At least one scope is required.", "scopes"); // INFERRED
        }

        return null;
    }

    private static Task Only(HttpContext context, string method, string allowed, Func<Task> handler)
    {
        if (string.Equals(method, allowed, StringComparison.OrdinalIgnoreCase))
        {
            return handler();
        }

        // INFERRED: body of a wrong method on a known path.
        context.Response.Headers.Allow = allowed;
        return WriteErrorAsync(context, 405, "MethodNotAllowed", $"The HTTP method '{method}' is not supported on this path; use {allowed}.");
    }

    private static bool Is(string segment, string literal) => string.Equals(segment, literal, StringComparison.OrdinalIgnoreCase);

    private static string? StringField(JsonObject request, string name) =>
        request[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static bool IsBlank(byte[] body) => body.All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n');

    private static JsonObject? ParseObject(byte[] body)
    {
        try
        {
            return JsonNode.Parse(body, new JsonNodeOptions { PropertyNameCaseInsensitive = true }) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Unescape(string segment)
    {
        try
        {
            return Uri.UnescapeDataString(segment);
        }
        catch (UriFormatException)
        {
            return segment;
        }
    }

    /// <summary>
    /// The request target exactly as sent (HTTP/1.1 request line): the HMAC string-to-sign uses it, and identity ids
    /// arrive percent-encoded (<c>8%3Aacs%3A…</c>) which the decoded <c>Request.Path</c> would hide.
    /// </summary>
    private static (string Path, string Query) RawTarget(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw))
        {
            raw = context.Request.PathBase.ToUriComponent() + context.Request.Path.ToUriComponent() + context.Request.QueryString.ToUriComponent();
        }
        else if (!raw.StartsWith('/') && Uri.TryCreate(raw, UriKind.Absolute, out var absolute))
        {
            raw = absolute.GetComponents(UriComponents.PathAndQuery, UriFormat.UriEscaped); // absolute-form (proxies)
        }

        var q = raw.IndexOf('?', StringComparison.Ordinal);
        return q < 0 ? (raw, string.Empty) : (raw[..q], raw[(q + 1)..]);
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }
}
