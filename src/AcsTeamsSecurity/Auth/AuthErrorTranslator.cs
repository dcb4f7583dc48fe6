using System;
using System.Management.Automation;
using System.Text.RegularExpressions;
using Azure;
using Azure.Identity;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Clients.Transport;
using AcsTeamsSecurity.Resources;

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
                    Strings.Format(Strings.Text_EntraAt, ContextProxy.Authority(authority)),
                    request.Proxy?.HasCredential,
                    status);
            }

            var text = Flatten(ex);
            var code = AadstsCode.Match(text);
            var tenant = request.TenantId ?? Strings.Text_FromManagedIdentity;
            var client = request.ClientId ?? Strings.Text_SystemAssigned;
            var aadsts = code.Success ? "AADSTS" + code.Groups[1].Value : null;
            var suffix = aadsts is null ? string.Empty : Strings.Format(Strings.Text_Aadsts, aadsts);
            // An exception whose text holds a proxy URL with user:password (from HTTPS_PROXY) is not kept.
            var inner = ContextProxy.CarriesUserInfo(ex) ? null : ex;
            return Classify(ex, code.Success ? code.Groups[1].Value : null, text, request, tenant, client, service, inner, suffix)
                .With(service: "Entra", serviceErrorCode: aadsts, target: tenant);
        }

        /// <summary>The error for a sign-in failure; <paramref name="suffix"/> (the AADSTS code, or empty) ends every message.</summary>
        internal static AcsTeamsSecurityException Classify(Exception ex, string? aadsts, string text, ConnectionRequest request, string tenant, string client, AcsTeamsService service, Exception? inner, string suffix)
        {
            switch (aadsts)
            {
                case "90002":
                    return ErrorFactory.TenantNotFound(inner, Strings.TenantNotFound_NoTenantInEnvironment, request.Environment.Name, tenant, suffix);
                case "700016":
                    return ErrorFactory.ApplicationNotFound(inner, Strings.ApplicationNotFound_NoApplication, tenant, client, suffix);
                case "7000215":
                case "7000222":
                    return ErrorFactory.ClientSecretInvalid(inner, Strings.ClientSecretInvalid_Rejected, client, tenant, suffix);
                case "700027":
                case "7000274":
                case "700024":
                case "700023":
                    return ErrorFactory.CertificateNotRegistered(inner, Strings.CertificateNotRegistered_AssertionRejected, client, tenant, suffix);
                case "70021":
                case "700211":
                case "700212":
                case "700213":
                    return ErrorFactory.FederatedTokenRejected(inner, Strings.FederatedTokenRejected_NoFederatedCredential, client, suffix);
                case "70019":
                case "70020":
                case "70016":
                    return ErrorFactory.DeviceCodeFailed(inner, Strings.DeviceCodeFailed_Expired, suffix);
            }

            if (text.IndexOf("authorization_declined", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return ErrorFactory.DeviceCodeFailed(inner, Strings.DeviceCodeFailed_Declined, suffix);
            }

            if (request.Mode == AuthMode.ManagedIdentity && (ex is CredentialUnavailableException || ex is AuthenticationFailedException))
            {
                return ErrorFactory.ManagedIdentityUnavailable(inner, Strings.ManagedIdentityUnavailable_NoToken, service, FirstSentence(ex.Message), suffix);
            }

            if (request.Mode == AuthMode.FederatedToken && ex is CredentialUnavailableException)
            {
                return ErrorFactory.FederatedTokenFileUnavailable(inner, Strings.FederatedTokenFileUnavailable_CouldNotBeRead, suffix);
            }

            if (IsTransportFailure(ex))
            {
                var via = ContextProxy.DescribeFor(request.Environment.AuthorityHost, request.Proxy);
                var reason = FirstSentence(Innermost(ex).Message);
                return via is null
                    ? ErrorFactory.ServiceUnreachable(inner, Strings.ServiceUnreachable_EntraUnreachable, request.Environment.AuthorityHost, reason, suffix)
                    : ErrorFactory.ServiceUnreachable(inner, Strings.ServiceUnreachable_EntraUnreachableThroughProxy, request.Environment.AuthorityHost, via, reason, suffix);
            }

            return ErrorFactory.AuthenticationFailed(inner, Strings.AuthenticationFailed_SignInFailed, tenant, service, FirstSentence(ex.Message), suffix);
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
