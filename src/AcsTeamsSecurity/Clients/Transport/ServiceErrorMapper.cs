using System;
using System.Management.Automation;
using System.Text.Json;
using AcsTeamsSecurity.Auth;
using AcsTeamsSecurity.Diagnostics;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Resources;

namespace AcsTeamsSecurity.Clients.Transport
{
    /// <summary>
    /// The one place service error responses become <see cref="AcsTeamsSecurityException"/>s. It reads
    /// each service's error body (Graph and ACS: <c>{"error":{"code","message"}}</c>; ARM the same; the
    /// Teams admin API's shape is not documented, so several shapes are tried) and never lets a raw
    /// parser exception or a body full of HTML reach the user.
    /// </summary>
    internal static class ServiceErrorMapper
    {
        internal static AcsTeamsSecurityException FromResponse(AcsTeamsService service, ServiceResponse response, string activity, string? forbiddenNote, int retries)
        {
            var (code, message) = ReadError(response.Body, response.Headers);
            // What the service said is redacted before it becomes part of a message: it may echo a token or key.
            var detail = message is null ? string.Empty : Redactor.Redact(Strings.Format(Strings.Text_ServiceDetail, message));
            var codeText = code is null ? string.Empty : Redactor.Redact(Strings.Format(Strings.Text_ServiceCode, code));
            activity = Redactor.Redact(activity);
            AcsTeamsSecurityException error;
            switch (response.Status)
            {
                case 401:
                    error = ErrorFactory.ServiceUnauthorized(Strings.ServiceUnauthorized_TokenNotAccepted, service, activity, detail, codeText);
                    break;
                case 403:
                    // The permission text comes from the running cmdlet's [RequiredPermission] attributes, the note from the client.
                    var permissions = RunningCommand.PermissionsFor(service);
                    var needs = (permissions is null ? string.Empty : " " + Strings.Format(Strings.PermissionDenied_Needs, permissions))
                        + (forbiddenNote is null ? string.Empty : " " + forbiddenNote);
                    error = ErrorFactory.PermissionDenied(Strings.PermissionDenied_Refused, service, activity, detail, codeText, needs);
                    break;
                case 404:
                    error = ErrorFactory.ResourceNotFound(Strings.ResourceNotFound_FoundNothing, service, activity, detail, codeText);
                    break;
                case 400:
                case 409:
                case 412:
                case 422:
                    error = ErrorFactory.ServiceRequestRejected(Strings.ServiceRequestRejected_Rejected, service, activity, detail, codeText);
                    break;
                case 407:
                    // Only a proxy answers 407; with -Proxy, ContextProxy reports it before it gets here.
                    return ContextProxy.AuthenticationRequired(null, service.ToString(), null, 407);
                case 429:
                case 503:
                case 504:
                    error = ErrorFactory.ServiceThrottled(Strings.ServiceThrottled_StillThrottled, service, response.Status, activity, retries, detail, codeText);
                    break;
                default:
                    error = ErrorFactory.ServiceError(response.Status, Strings.ServiceError_Answered, service, response.Status, activity, detail, codeText);
                    break;
            }

            return error.With(service: service.ToString(), status: response.Status, requestId: response.RequestId, serviceErrorCode: code);
        }

        internal static AcsTeamsSecurityException InvalidBody(AcsTeamsService service, ServiceResponse response, string activity, Exception? inner = null) =>
            ErrorFactory.ServiceResponseInvalid(inner, Strings.ServiceResponseInvalid_NotTheJson, service, response.Status, activity, Describe(response))
                .With(service: service.ToString(), status: response.Status, requestId: response.RequestId);

        internal static AcsTeamsSecurityException Unreachable(AcsTeamsService service, Uri endpoint, string activity, Exception inner, ContextProxy? proxy = null)
        {
            var target = Strings.Format(Strings.Text_ServiceAt, service, endpoint.GetLeftPart(UriPartial.Authority));
            if (ContextProxy.IsAuthenticationFailure(inner, out var named, out var status))
            {
                return ContextProxy.AuthenticationRequired(proxy?.Display ?? named ?? ContextProxy.DescribeFor(endpoint, null), target, proxy?.HasCredential, status);
            }

            // The reason may quote a proxy URL from HTTPS_PROXY with user:password: stripped, and then the exception is not kept.
            var reason = ContextProxy.StripUserInfo(Redactor.Redact(FirstLine(inner.Message)));
            var via = ContextProxy.DescribeFor(endpoint, proxy);
            var kept = ContextProxy.CarriesUserInfo(inner) ? null : inner;
            var error = via is null
                ? ErrorFactory.ServiceUnreachable(kept, Strings.ServiceUnreachable_CouldNotBeReached, target, activity, reason)
                : ErrorFactory.ServiceUnreachable(kept, Strings.ServiceUnreachable_ThroughProxy, target, via, activity, reason);
            return error.With(service: service.ToString());
        }

        /// <summary>Reads code and message from the error shapes the services use; tolerant of anything.</summary>
        internal static (string? Code, string? Message) ReadError(string body, System.Collections.Generic.IReadOnlyDictionary<string, string>? headers = null)
        {
            if (string.IsNullOrWhiteSpace(body))
            {
                return (null, null);
            }

            try
            {
                using var document = JsonDocument.Parse(body);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    return (null, null);
                }

                var error = root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object ? e : root;
                var code = ReadString(error, "code") ?? ReadString(error, "Code") ?? ReadString(error, "errorCode");
                var message = ReadString(error, "message") ?? ReadString(error, "Message") ?? ReadString(root, "error_description");
                if (code is null && root.TryGetProperty("error", out var plain) && plain.ValueKind == JsonValueKind.String)
                {
                    code = plain.GetString();
                }

                return (code, message is null ? null : Truncate(message, 400));
            }
            catch (Exception ex) when (ex is JsonException || ex is InvalidOperationException || ex is ArgumentException)
            {
                // InvalidOperationException: a string with an escaped lone surrogate ("\ud800"); ArgumentException: a body that is not valid UTF-16.
                return (null, null);
            }
        }

        private static string? ReadString(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        private static string Describe(ServiceResponse response)
        {
            if (string.IsNullOrWhiteSpace(response.Body))
            {
                return Strings.Text_EmptyBody;
            }

            response.Headers.TryGetValue("Content-Type", out var contentType);
            var trimmed = response.Body.TrimStart();
            if (trimmed.StartsWith("<", StringComparison.Ordinal))
            {
                return Strings.Format(Strings.Text_HtmlBody, response.Body.Length) + (contentType is null ? string.Empty : Strings.Format(Strings.Text_ContentType, contentType));
            }

            return Strings.Format(Strings.Text_NotJsonBody, response.Body.Length) + (contentType is null ? string.Empty : Strings.Format(Strings.Text_ContentType, contentType));
        }

        private static string FirstLine(string text)
        {
            var i = text.IndexOf('\n');
            return i < 0 ? text : text.Substring(0, i).TrimEnd();
        }

        private static string Truncate(string text, int max) => text.Length <= max ? text : text.Substring(0, max) + "…";
    }
}
