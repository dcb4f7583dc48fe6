using System;
using System.Management.Automation;
using System.Text.RegularExpressions;
using Azure;
using Azure.Identity;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Clients.Transport;

namespace AcsTeamsSecurity.Auth
{
    /// <summary>
    /// Turns Azure.Identity / MSAL failures into errors an admin can act on. The AADSTS code decides the
    /// id; the message says what to check. Nothing from the request (secret, assertion, token) is echoed.
    /// </summary>
    internal static class AuthErrorTranslator
    {
        private static readonly Regex AadstsCode = new Regex(@"AADSTS(\d{5,8})", RegexOptions.CultureInvariant);

        internal static bool CanTranslate(Exception ex) =>
            ex is AuthenticationFailedException || ex is CredentialUnavailableException || ex is RequestFailedException || ex is AcsTeamsSecurityException;

        internal static AcsTeamsSecurityException Translate(Exception ex, ConnectionRequest request, AcsTeamsService service)
        {
            for (var e = ex; e is not null; e = e.InnerException)
            {
                // Ours, possibly wrapped by Azure.Identity: for example the proxy's refusal (ContextProxy).
                if (e is AcsTeamsSecurityException own)
                {
                    return own;
                }
            }

            if (ContextProxy.IsAuthenticationFailure(ex, out var proxy, out var status))
            {
                var authority = request.Environment.AuthorityHost;
                return ContextProxy.AuthenticationRequired(
                    request.Proxy?.Display ?? proxy ?? ContextProxy.DescribeFor(authority, null),
                    $"Entra ID at {ContextProxy.Authority(authority)}",
                    request.Proxy?.HasCredential,
                    status);
            }

            var text = Flatten(ex);
            var code = AadstsCode.Match(text);
            var tenant = request.TenantId ?? "(from the managed identity)";
            var client = request.ClientId ?? "(system-assigned)";
            var aadsts = code.Success ? "AADSTS" + code.Groups[1].Value : null;
            var (id, category, message) = Classify(ex, code.Success ? code.Groups[1].Value : null, text, request, tenant, client, service);
            // An exception whose text holds a proxy URL with user:password (from HTTPS_PROXY) is not kept.
            return new AcsTeamsSecurityException(id, category, message + (aadsts is null ? string.Empty : $" ({aadsts})"), ContextProxy.CarriesUserInfo(ex) ? null : ex)
            {
                Service = "Entra",
                ServiceErrorCode = aadsts,
                Target = tenant,
            };
        }

        internal static (string Id, ErrorCategory Category, string Message) Classify(Exception ex, string? aadsts, string text, ConnectionRequest request, string tenant, string client, AcsTeamsService service)
        {
            switch (aadsts)
            {
                case "90002":
                    return (ErrorIds.TenantNotFound, ErrorCategory.ObjectNotFound, $"Entra ID in the '{request.Environment.Name}' environment has no tenant '{tenant}'. Check -TenantId and -Environment (a GCC High or China tenant needs its own environment).");
                case "700016":
                    return (ErrorIds.ApplicationNotFound, ErrorCategory.ObjectNotFound, $"Tenant '{tenant}' has no application with client id '{client}'. Check -ClientId, and that the app is registered (or consented) in this tenant.");
                case "7000215":
                case "7000222":
                    return (ErrorIds.ClientSecretInvalid, ErrorCategory.AuthenticationError, $"Entra ID rejected the client secret for application '{client}' in tenant '{tenant}'. Pass the secret's value (not its id) and check that it has not expired.");
                case "700027":
                case "7000274":
                case "700024":
                case "700023":
                    return (ErrorIds.CertificateNotRegistered, ErrorCategory.AuthenticationError, $"Entra ID rejected the certificate assertion for application '{client}' in tenant '{tenant}'. Upload the certificate's public key to the app registration (Certificates & secrets) and check that the certificate is valid now.");
                case "70021":
                case "700211":
                case "700212":
                case "700213":
                    return (ErrorIds.FederatedTokenRejected, ErrorCategory.AuthenticationError, $"Entra ID found no federated credential on application '{client}' that matches the federated token's issuer, subject and audience. Add one under Certificates & secrets > Federated credentials.");
                case "70019":
                case "70020":
                case "70016":
                    return (ErrorIds.DeviceCodeFailed, ErrorCategory.AuthenticationError, "The device code expired before the sign-in was completed. Run Connect-AcsTeamsSecurity -DeviceCode again and finish the sign-in within the time shown.");
            }

            if (text.IndexOf("authorization_declined", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return (ErrorIds.DeviceCodeFailed, ErrorCategory.AuthenticationError, "The user declined the device-code sign-in.");
            }

            if (request.Mode == AuthMode.ManagedIdentity && (ex is CredentialUnavailableException || ex is AuthenticationFailedException))
            {
                return (ErrorIds.ManagedIdentityUnavailable, ErrorCategory.AuthenticationError,
                    $"No managed identity token could be obtained for {service} ({FirstSentence(ex.Message)}). In Azure Automation, enable the account's system-assigned identity or pass -ClientId for a user-assigned one; elsewhere, check IDENTITY_ENDPOINT and IDENTITY_HEADER.");
            }

            if (request.Mode == AuthMode.FederatedToken && ex is CredentialUnavailableException)
            {
                return (ErrorIds.FederatedTokenFileUnavailable, ErrorCategory.ReadError, "The federated token file could not be read. Check -FederatedTokenFile or AZURE_FEDERATED_TOKEN_FILE.");
            }

            if (IsTransportFailure(ex))
            {
                var via = ContextProxy.DescribeFor(request.Environment.AuthorityHost, request.Proxy);
                return via is null
                    ? (ErrorIds.ServiceUnreachable, ErrorCategory.ConnectionError, $"Entra ID at {request.Environment.AuthorityHost} could not be reached ({FirstSentence(Innermost(ex).Message)}). Check the network, proxy and -Environment.")
                    : (ErrorIds.ServiceUnreachable, ErrorCategory.ConnectionError, $"Entra ID at {request.Environment.AuthorityHost} could not be reached through the proxy {via} ({FirstSentence(Innermost(ex).Message)}). Check that the proxy is running and reachable from this machine, then the network and -Environment.");
            }

            return (ErrorIds.AuthenticationFailed, ErrorCategory.AuthenticationError, $"Sign-in to tenant '{tenant}' failed for {service}: {FirstSentence(ex.Message)}");
        }

        private static bool IsTransportFailure(Exception ex)
        {
            for (var e = ex; e is not null; e = e.InnerException)
            {
                if ((e is RequestFailedException rfe && rfe.Status == 0 && e.InnerException is not null) ||
                    e is System.Net.Http.HttpRequestException ||
                    e is System.Net.Sockets.SocketException ||
                    e is System.Security.Authentication.AuthenticationException)
                {
                    return true;
                }
            }

            return false;
        }

        private static Exception Innermost(Exception ex)
        {
            var e = ex;
            while (e.InnerException is not null)
            {
                e = e.InnerException;
            }

            return e;
        }

        private static string Flatten(Exception ex)
        {
            var builder = new System.Text.StringBuilder();
            for (var e = ex; e is not null; e = e.InnerException)
            {
                builder.Append(e.Message).Append(' ');
            }

            return builder.ToString();
        }

        private static string FirstSentence(string message)
        {
            var safe = ContextProxy.StripUserInfo(Diagnostics.Redactor.Redact(message));
            var end = safe.IndexOf(". ", StringComparison.Ordinal);
            var line = safe.IndexOf('\n');
            var cut = end >= 0 && (line < 0 || end < line) ? end + 1 : line >= 0 ? line : safe.Length;
            return safe.Substring(0, Math.Min(cut, 300)).Trim();
        }
    }
}
