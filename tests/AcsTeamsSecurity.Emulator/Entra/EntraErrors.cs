using System.Globalization;
using System.Text.Json.Nodes;
using AcsTeamsSecurity.Emulator.Hosting;

namespace AcsTeamsSecurity.Emulator.Entra;

/// <summary>An Entra token-service error. The description always starts with "AADSTS&lt;code&gt;: ".</summary>
internal sealed record EntraError(int Status, string Error, int Code, string Message)
{
    public string Description => $"AADSTS{Code.ToString(CultureInfo.InvariantCulture)}: {Message}";
}

/// <summary>
/// The catalogue of Entra errors the emulator returns, and the writer for Entra's error body
/// <c>{"error","error_description","error_codes","timestamp","trace_id","correlation_id","error_uri"}</c>.
/// No message ever echoes a secret or an assertion.
/// </summary>
internal static class EntraErrors
{
    public static EntraError TenantNotFound(string tenant) => new(400, "invalid_request", 90002,
        $"Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.");

    public static EntraError InvalidTenantIdentifier(string tenant) => new(400, "invalid_request", 900023,
        $"Specified tenant identifier '{tenant}' is neither a valid DNS name, nor a valid external domain.");

    // INFERRED: error for client credentials (and other app flows) against /organizations or /common.
    public static EntraError NoTenantInformation() => new(400, "invalid_request", 50059,
        "No tenant-identifying information found in either the request or implied by any provided credentials.");

    public static EntraError ApplicationNotFound(string clientId, string tenantName) => new(400, "unauthorized_client", 700016,
        $"Application with identifier '{clientId}' was not found in the directory '{tenantName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.");

    public static EntraError InvalidSecret(string clientId) => new(401, "invalid_client", 7000215,
        $"Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{clientId}'.");

    public static EntraError CredentialRequired() => new(401, "invalid_client", 7000218,
        "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");

    public static EntraError CertificateNotRegistered(string thumbprint, string clientId) => new(401, "invalid_client", 700027,
        $"The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '{thumbprint}', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '{clientId}'. Review the documentation at https://docs.microsoft.com/en-us/graph/deployments if you need to use a different cloud.]");

    // INFERRED: code and text for "key found but signature does not verify".
    public static EntraError BadAssertionSignature() => new(401, "invalid_client", 7000274,
        "Key was found, but use of the key to verify the signature failed.");

    // INFERRED: status 400 and the time format of the message.
    public static EntraError AssertionTimeRange(DateTimeOffset now, DateTimeOffset? nbf, DateTimeOffset? exp) => new(400, "invalid_client", 700024,
        $"Client assertion is not within its valid time range. Current time: {Iso(now)}, assertion valid from {(nbf is null ? "(none)" : Iso(nbf.Value))}, expiry time of assertion {(exp is null ? "(none)" : Iso(exp.Value))}. Review the documentation at https://docs.microsoft.com/azure/active-directory/develop/active-directory-certificate-credentials .");

    // INFERRED: a malformed assertion, wrong audience, iss/sub mismatch or unsupported alg all map to this.
    public static EntraError MalformedAssertion(string detail) => new(401, "invalid_client", 50027,
        $"JWT token is invalid or malformed. {detail}");

    public static EntraError NoFederatedMatch(string issuer, string subject, string audience) => new(400, "invalid_request", 70021,
        $"No matching federated identity record found for presented assertion. Assertion Issuer: '{issuer}'. Assertion Subject: '{subject}'. Assertion Audience: '{audience}'. https://learn.microsoft.com/entra/workload-id/workload-identity-federation");

    // INFERRED: federated assertion whose signature does not verify against the (emulated) external issuer key.
    public static EntraError FederatedSignature() => new(401, "invalid_client", 50013,
        "Assertion failed signature validation. [Reason - The key was not found.]");

    public static EntraError UnsupportedAssertionType() => new(400, "invalid_request", 900144,
        "The request body must contain the following parameter: 'client_assertion_type'.");

    public static EntraError MissingParameter(string name) => new(400, "invalid_request", 900144,
        $"The request body must contain the following parameter: '{name}'.");

    public static EntraError UnsupportedGrantType(string grantType) => new(400, "unsupported_grant_type", 70003,
        $"The app requested an unsupported grant type '{grantType}'.");

    public static EntraError InvalidScope(string scope) => new(400, "invalid_scope", 70011,
        $"The provided value for the input parameter 'scope' is not valid. The scope '{scope}' is not valid.");

    public static EntraError MultipleResources() => new(400, "invalid_scope", 28000,
        "Provided value for the input parameter scope is not valid because it contains more than one resource. Scope is not valid.");

    public static EntraError InvalidResource(string resource, string tenantName) => new(400, "invalid_resource", 500011,
        $"The resource principal named {resource} was not found in the tenant named {tenantName}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.");

    public static EntraError InvalidRefreshToken() => new(400, "invalid_grant", 9002313,
        "Invalid request. Request is malformed or invalid.");

    public static EntraError RefreshTokenExpired(DateTimeOffset issued) => new(400, "invalid_grant", 700082,
        $"The refresh token has expired due to inactivity. The token was issued on {Iso(issued)} and was inactive for 90.00:00:00.");

    public static EntraError AuthorizationPending() => new(400, "authorization_pending", 70016,
        "OAuth 2.0 device flow error. Authorization is pending. Continue polling.");

    public static EntraError DeviceCodeExpired() => new(400, "expired_token", 70019,
        "Verification code expired.");

    // INFERRED: AADSTS code for a declined device code.
    public static EntraError AuthorizationDeclined() => new(400, "authorization_declined", 70000,
        "The user has declined the authorization request.");

    // INFERRED: AADSTS code for an unknown or already used device code (the error name is from the device-code docs).
    public static EntraError BadVerificationCode() => new(400, "bad_verification_code", 70000,
        "The provided value for the input parameter 'device_code' is not valid.");

    // INFERRED: Entra's wording when a confidential (non public-client) app starts the device code flow.
    public static EntraError NotPublicClient() => CredentialRequired();

    public static Task WriteAsync(HttpContext context, EntraError error, ServerInfo server, EmulatorClock clock)
    {
        NoCache(context);
        return JsonResponses.WriteAsync(context, error.Status, Body(context, error, server, clock));
    }

    public static JsonObject Body(HttpContext context, EntraError error, ServerInfo server, EmulatorClock clock)
    {
        var annotations = RequestAnnotations.Get(context);
        var correlation = context.Request.Headers["client-request-id"].FirstOrDefault() ?? Guid.NewGuid().ToString();
        var now = Timestamp(clock.UtcNow);
        return new JsonObject
        {
            ["error"] = error.Error,
            ["error_description"] = $"{error.Description}\r\nTrace ID: {annotations.RequestId}\r\nCorrelation ID: {correlation}\r\nTimestamp: {now}",
            ["error_codes"] = new JsonArray(error.Code),
            ["timestamp"] = now,
            ["trace_id"] = annotations.RequestId,
            ["correlation_id"] = correlation,
            ["error_uri"] = $"{server.BaseUrl}/error?code={error.Code.ToString(CultureInfo.InvariantCulture)}",
        };
    }

    /// <summary>Error body for an injected fault with no explicit body.</summary>
    public static EntraError ForStatus(int status) => status switch
    {
        // INFERRED: Entra's transient error for throttling and 5xx.
        429 or >= 500 => new EntraError(status, "temporarily_unavailable", 90033, "A transient error has occurred. Please try again."),
        401 => new EntraError(status, "invalid_client", 7000215, "Invalid client secret provided."),
        _ => new EntraError(status, "invalid_request", 900144, "The request is not valid."),
    };

    public static void NoCache(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store, no-cache";
        context.Response.Headers.Pragma = "no-cache";
    }

    private static string Timestamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
