using System;
using System.Management.Automation;
using System.Text.Json;
using AcsTeamsSecurity.Auth;
using AcsTeamsSecurity.Diagnostics;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;

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
        internal static AcsTeamsSecurityException FromResponse(AcsTeamsService service, ServiceResponse response, string activity, string? permissionHint, int retries)
        {
            var (code, message) = ReadError(response.Body, response.Headers);
            var detail = message is null ? string.Empty : $": {message}";
            var codeText = code is null ? string.Empty : $" [{code}]";
            string id;
            ErrorCategory category;
            string text;
            switch (response.Status)
            {
                case 401:
                    id = ErrorIds.ServiceUnauthorized;
                    category = ErrorCategory.AuthenticationError;
                    text = $"{service} did not accept the token while {activity}{detail}{codeText}. Reconnect with Connect-AcsTeamsSecurity; if it persists, check that the app or user is in the right tenant.";
                    break;
                case 403:
                    id = ErrorIds.PermissionDenied;
                    category = ErrorCategory.PermissionDenied;
                    text = $"{service} refused {activity}{detail}{codeText}." + (permissionHint is null ? string.Empty : $" This needs {permissionHint}.");
                    break;
                case 404:
                    id = ErrorIds.ResourceNotFound;
                    category = ErrorCategory.ObjectNotFound;
                    text = $"{service} found nothing while {activity}{detail}{codeText}.";
                    break;
                case 400:
                case 409:
                case 412:
                case 422:
                    id = ErrorIds.ServiceRequestRejected;
                    category = ErrorCategory.InvalidArgument;
                    text = $"{service} rejected the request while {activity}{detail}{codeText}.";
                    break;
                case 407:
                    // Only a proxy answers 407; with -Proxy, ContextProxy reports it before it gets here.
                    return ContextProxy.AuthenticationRequired(null, service.ToString(), null, 407);
                case 429:
                case 503:
                case 504:
                    id = ErrorIds.ServiceThrottled;
                    category = ErrorCategory.LimitsExceeded;
                    text = $"{service} is throttling or unavailable ({response.Status}) while {activity}, and still was after {retries} retries{detail}{codeText}. Try again later or lower the concurrency.";
                    break;
                default:
                    id = ErrorIds.ServiceError;
                    category = response.Status >= 500 ? ErrorCategory.ResourceUnavailable : ErrorCategory.NotSpecified;
                    text = $"{service} answered {response.Status} while {activity}{detail}{codeText}.";
                    break;
            }

            return new AcsTeamsSecurityException(id, category, Redactor.Redact(text))
            {
                Service = service.ToString(),
                Status = response.Status,
                RequestId = response.RequestId,
                ServiceErrorCode = code,
            };
        }

        internal static AcsTeamsSecurityException InvalidBody(AcsTeamsService service, ServiceResponse response, string activity, Exception? inner = null) =>
            new AcsTeamsSecurityException(
                ErrorIds.ServiceResponseInvalid,
                ErrorCategory.InvalidResult,
                $"{service} answered {response.Status} while {activity}, but the body is not the JSON this module expects ({Describe(response)}). The service may be degraded, or a proxy answered instead.",
                inner)
            {
                Service = service.ToString(),
                Status = response.Status,
                RequestId = response.RequestId,
            };

        internal static AcsTeamsSecurityException Unreachable(AcsTeamsService service, Uri endpoint, string activity, Exception inner, ContextProxy? proxy = null)
        {
            var target = $"{service} at {endpoint.GetLeftPart(UriPartial.Authority)}";
            if (ContextProxy.IsAuthenticationFailure(inner, out var named, out var status))
            {
                return ContextProxy.AuthenticationRequired(proxy?.Display ?? named ?? ContextProxy.DescribeFor(endpoint, null), target, proxy?.HasCredential, status);
            }

            // The reason may quote a proxy URL from HTTPS_PROXY with user:password: stripped, and then the exception is not kept.
            var reason = ContextProxy.StripUserInfo(Redactor.Redact(FirstLine(inner.Message)));
            var via = ContextProxy.DescribeFor(endpoint, proxy);
            var text = via is null
                ? $"{target} could not be reached while {activity} ({reason}). Check the network, proxy and environment."
                : $"{target} could not be reached through the proxy {via} while {activity} ({reason}). Check that the proxy is running and reachable from this machine, then the network and environment.";
            return new AcsTeamsSecurityException(ErrorIds.ServiceUnreachable, ErrorCategory.ConnectionError, text, ContextProxy.CarriesUserInfo(inner) ? null : inner)
            {
                Service = service.ToString(),
            };
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
                return "empty body";
            }

            response.Headers.TryGetValue("Content-Type", out var contentType);
            var trimmed = response.Body.TrimStart();
            if (trimmed.StartsWith("<", StringComparison.Ordinal))
            {
                return $"an HTML or XML page, {response.Body.Length} characters" + (contentType is null ? string.Empty : $", {contentType}");
            }

            return $"{response.Body.Length} characters that are not valid JSON" + (contentType is null ? string.Empty : $", {contentType}");
        }

        private static string FirstLine(string text)
        {
            var i = text.IndexOf('\n');
            return i < 0 ? text : text.Substring(0, i).TrimEnd();
        }

        private static string Truncate(string text, int max) => text.Length <= max ? text : text.Substring(0, max) + "…";
    }
}
