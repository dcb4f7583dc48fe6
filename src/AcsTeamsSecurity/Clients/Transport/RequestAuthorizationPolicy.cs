using System;
using System.IO;
using System.Management.Automation;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Core.Pipeline;
using AcsTeamsSecurity.Auth;
using AcsTeamsSecurity.Clients.Acs;
using AcsTeamsSecurity.Diagnostics;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Resources;

namespace AcsTeamsSecurity.Clients.Transport
{
    /// <summary>
    /// The one place that attaches credentials to a request, and the one place that decides which host may receive them.
    /// A request is authorized only when its URL lies under the service's own base address (same scheme, host and port,
    /// no user info, path under the base path); anything else (a paging link, a redirect target, an absolute URL that a
    /// service answered with) is refused before a credential is attached, with <see cref="ErrorIds.CredentialDestinationRefused"/>.
    /// Bearer tokens come from the context's <see cref="TokenBroker"/> (a 401 renews once); ACS access-key requests are
    /// signed with the key in <see cref="AcsAccessKey"/>, per attempt so each retry gets a fresh x-ms-date.
    /// </summary>
    internal sealed class RequestAuthorizationPolicy : HttpPipelinePolicy
    {
        private readonly Uri _baseAddress;
        private readonly AcsTeamsService _service;
        private readonly TokenBroker? _broker;
        private readonly AcsAccessKey? _key;

        private RequestAuthorizationPolicy(Uri baseAddress, AcsTeamsService service, TokenBroker? broker, AcsAccessKey? key)
        {
            _baseAddress = baseAddress;
            _service = service;
            _broker = broker;
            _key = key;
        }

        /// <summary>Bearer tokens of <paramref name="service"/> from <paramref name="broker"/>, only for URLs under <paramref name="baseAddress"/>.</summary>
        internal static RequestAuthorizationPolicy Bearer(Uri baseAddress, AcsTeamsService service, TokenBroker broker) =>
            new RequestAuthorizationPolicy(baseAddress, service, broker ?? throw new ArgumentNullException(nameof(broker)), null);

        /// <summary>ACS HMAC signatures with <paramref name="key"/>, only for URLs under <paramref name="baseAddress"/>.</summary>
        internal static RequestAuthorizationPolicy AccessKey(Uri baseAddress, AcsAccessKey key) =>
            new RequestAuthorizationPolicy(baseAddress, AcsTeamsService.Acs, null, key ?? throw new ArgumentNullException(nameof(key)));

        /// <summary>True when <paramref name="target"/> lies under <paramref name="baseAddress"/>: the only URLs a credential is sent to.</summary>
        internal static bool IsWithin(Uri baseAddress, Uri target) =>
            target.IsAbsoluteUri &&
            string.Equals(target.Scheme, baseAddress.Scheme, StringComparison.OrdinalIgnoreCase) &&
            string.Equals(target.Host, baseAddress.Host, StringComparison.OrdinalIgnoreCase) &&
            target.Port == baseAddress.Port &&
            string.IsNullOrEmpty(target.UserInfo) &&
            (target.AbsolutePath + "/").StartsWith(baseAddress.AbsolutePath.TrimEnd('/') + "/", StringComparison.OrdinalIgnoreCase);

        /// <summary>
        /// True when <paramref name="target"/> (a redirect's Location) is the public regional host of the same service as
        /// <paramref name="baseAddress"/>: https, exactly one DNS label in front of the base host
        /// (<c>emea.ps.compliance.protection.outlook.com</c> for <c>ps.compliance.protection.outlook.com</c>), the base's port
        /// (so never a <c>:446</c> backend), no user info, and a path under the base path. Only then may the caller send the
        /// same service's token there (the Security &amp; Compliance front door's regional redirect); anything else is refused.
        /// </summary>
        internal static bool IsRegionalHostOf(Uri baseAddress, Uri target)
        {
            if (!target.IsAbsoluteUri || target.Scheme != Uri.UriSchemeHttps || baseAddress.Scheme != Uri.UriSchemeHttps ||
                target.Port != baseAddress.Port || !string.IsNullOrEmpty(target.UserInfo) || target.HostNameType != UriHostNameType.Dns ||
                baseAddress.HostNameType != UriHostNameType.Dns)
            {
                return false;
            }

            var suffix = "." + baseAddress.Host;
            var host = target.Host;
            if (!host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) || host.Length == suffix.Length)
            {
                return false;
            }

            var label = host.Substring(0, host.Length - suffix.Length);
            if (label.Length > 63 || label[0] == '-' || label[label.Length - 1] == '-')
            {
                return false;
            }

            foreach (var c in label)
            {
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'))
                {
                    return false;
                }
            }

            return (target.AbsolutePath + "/").StartsWith(baseAddress.AbsolutePath.TrimEnd('/') + "/", StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>The error for a URL outside the service's base address (names only scheme, host and port of both).</summary>
        internal static AcsTeamsSecurityException Refused(AcsTeamsService service, Uri baseAddress, Uri target) =>
            ErrorFactory.CredentialDestinationRefused(Strings.CredentialDestinationRefused_ARequestOfWas, service, Where(target), baseAddress.GetLeftPart(UriPartial.Authority)).With(service: service.ToString(), target: Where(target), recommendedAction: Strings.CredentialDestinationRefused_Action);

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            var target = message.Request.Uri.ToUri();
            if (!IsWithin(_baseAddress, target))
            {
                throw Refused(_service, _baseAddress, target);
            }

            // Redirects are never followed: a 3xx comes back to the caller as an answer, so no credential follows it.
            RedirectPolicy.SetAllowAutoRedirect(message, false);
            if (_key is not null)
            {
                Sign(message, target, _key);
                await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
                return;
            }

            var broker = _broker!;
            var token = await broker.GetTokenAsync(_service, message.CancellationToken).ConfigureAwait(false);
            message.Request.Headers.SetValue(HttpHeader.Names.Authorization, "Bearer " + token);
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
            if (message.HasResponse && message.Response.Status == 401 && broker.Invalidate(_service, token))
            {
                OperationLog.Current.Debug($"{_service} answered 401; renewing the token and trying once more.");
                token = await broker.GetTokenAsync(_service, message.CancellationToken).ConfigureAwait(false);
                message.Request.Headers.SetValue(HttpHeader.Names.Authorization, "Bearer " + token);
                await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
            }
        }

        private static void Sign(HttpMessage message, Uri target, AcsAccessKey key)
        {
            var body = Array.Empty<byte>();
            if (message.Request.Content is { } content)
            {
                using var buffer = new MemoryStream();
                content.WriteTo(buffer, message.CancellationToken);
                body = buffer.ToArray();
            }

            var date = HmacSigner.FormatDate(DateTimeOffset.UtcNow);
            var hash = HmacSigner.ContentHash(body);
            var signature = key.Sign(HmacSigner.StringToSign(message.Request.Method.Method, target.PathAndQuery, date, target.Authority, hash));
            message.Request.Headers.SetValue("x-ms-date", date);
            message.Request.Headers.SetValue("x-ms-content-sha256", hash);
            message.Request.Headers.SetValue(HttpHeader.Names.Authorization, $"HMAC-SHA256 SignedHeaders={HmacSigner.SignedHeaders}&Signature={signature}");
        }

        private static string Where(Uri target) => target.IsAbsoluteUri ? target.GetLeftPart(UriPartial.Authority) : "a relative URL";
    }
}
