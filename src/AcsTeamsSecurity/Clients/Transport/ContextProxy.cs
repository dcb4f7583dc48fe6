using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Net;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core.Pipeline;
using AcsTeamsSecurity.Errors;

namespace AcsTeamsSecurity.Clients.Transport
{
    /// <summary>
    /// The proxy given to Connect-AcsTeamsSecurity with -Proxy: one <see cref="HttpClientHandler"/> per context
    /// that every request of the context goes through (Entra ID token requests and the Azure.Core service
    /// clients). Loopback is not bypassed unless listed. A proxy authentication failure (407, or 401 to
    /// the tunnel request) becomes <see cref="ErrorIds.ProxyAuthenticationRequired"/> at once, without retries.
    /// Without -Proxy, none of this exists and .NET's default proxy applies (HTTPS_PROXY, HTTP_PROXY, ALL_PROXY,
    /// NO_PROXY on Linux and macOS; the system settings on Windows).
    /// </summary>
    internal sealed class ContextProxy : IDisposable
    {
        // "The proxy tunnel request to proxy 'http://host:8080/' failed with status code '407'." (.NET's HttpRequestException)
        private static readonly Regex TunnelFailure = new Regex(@"proxy '(?<proxy>[^']*)' failed with status code '(?<status>\d{3})'", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
        private static readonly Regex ProxyAuthText = new Regex(@"\b407\b|Proxy Authentication Required", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
        private static readonly Regex UserInfo = new Regex(@"(?<=[A-Za-z][A-Za-z0-9+.\-]*://)[^/?#\s'""@]+@", RegexOptions.CultureInvariant);

        private readonly HttpClient _azureClient;
        private int _disposed;

        internal ContextProxy(Uri address, NetworkCredential? credential, IReadOnlyList<string>? bypassList)
        {
            Address = address;
            HasCredential = credential is not null;
            Handler = new HttpClientHandler
            {
                Proxy = new ListProxy(address, credential, bypassList ?? Array.Empty<string>()),
                UseProxy = true,
                AllowAutoRedirect = false,
                UseCookies = false,
            };
            MessageHandler = new FailureHandler(this) { InnerHandler = Handler };

            // Timeouts and retries belong to the Azure.Core pipeline, as with its own default transport.
            _azureClient = new HttpClient(MessageHandler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
            Transport = new HttpClientTransport(_azureClient);
        }

        /// <summary>The proxy, without user info.</summary>
        internal Uri Address { get; }

        /// <summary>scheme://host:port of the proxy, for messages.</summary>
        internal string Display => Authority(Address);

        internal bool HasCredential { get; }

        /// <summary>The one socket-level handler of the context.</summary>
        internal HttpClientHandler Handler { get; }

        /// <summary><see cref="Handler"/> behind the handler that turns proxy authentication failures into our error.</summary>
        internal HttpMessageHandler MessageHandler { get; }

        /// <summary>The Azure.Core transport for every credential and service client of the context.</summary>
        internal HttpPipelineTransport Transport { get; }

        /// <summary>Checks a -Proxy value: absolute http or https, with no user info (credentials go in -ProxyCredential).</summary>
        internal static Uri Validate(Uri proxy)
        {
            if (!proxy.IsAbsoluteUri || (proxy.Scheme != Uri.UriSchemeHttp && proxy.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(proxy.Host))
            {
                // The value is not echoed: "user:password@host:8080" parses as a URI with the scheme "user".
                var scheme = proxy.IsAbsoluteUri ? $" (its scheme is '{proxy.Scheme}')" : string.Empty;
                throw new AcsTeamsSecurityException(ErrorIds.ProxyInvalid, ErrorCategory.InvalidArgument, $"-Proxy is not an absolute http or https URL such as http://proxy.contoso.com:8080{scheme}. Give the proxy's user name and password with -ProxyCredential, not in -Proxy.");
            }

            if (!string.IsNullOrEmpty(proxy.UserInfo))
            {
                throw new AcsTeamsSecurityException(ErrorIds.ProxyInvalid, ErrorCategory.InvalidArgument, $"-Proxy must not contain a user name or password (got {proxy.Scheme}://***@{proxy.Authority}). Pass -Proxy {proxy.Scheme}://{proxy.Authority} and the credentials with -ProxyCredential.")
                {
                    Target = $"{proxy.Scheme}://{proxy.Authority}",
                };
            }

            return new Uri(proxy.GetLeftPart(UriPartial.Authority));
        }

        /// <summary>
        /// The proxy a request to <paramref name="target"/> goes through: the context's, or the process default
        /// (environment or system settings), without user info; null when the request goes direct.
        /// </summary>
        internal static string? DescribeFor(Uri target, ContextProxy? proxy)
        {
            if (proxy is not null)
            {
                return proxy.Display;
            }

            try
            {
                var system = WebRequest.DefaultWebProxy;
                if (system is null || system.IsBypassed(target))
                {
                    return null;
                }

                var address = system.GetProxy(target);
                return address is null || address == target ? null : Authority(address);
            }
            catch (Exception ex) when (ex is InvalidOperationException || ex is NotSupportedException || ex is PlatformNotSupportedException)
            {
                return null;
            }
        }

        /// <summary>True when an exception chain says a proxy refused to forward the request without valid credentials.</summary>
        internal static bool IsAuthenticationFailure(Exception exception, out string? proxy, out int status)
        {
            for (var e = exception; e is not null; e = e.InnerException)
            {
                if (IsAuthenticationFailure(e.Message, out proxy, out status))
                {
                    return true;
                }
            }

            proxy = null;
            status = 0;
            return false;
        }

        internal static bool IsAuthenticationFailure(string message, out string? proxy, out int status)
        {
            proxy = null;
            status = 0;
            var tunnel = TunnelFailure.Match(message);
            if (tunnel.Success)
            {
                // The tunnel (CONNECT) never opened, so a 401 or 407 is the proxy's own answer.
                status = int.Parse(tunnel.Groups["status"].Value, System.Globalization.CultureInfo.InvariantCulture);
                if (status != 401 && status != 407)
                {
                    return false;
                }

                proxy = Uri.TryCreate(tunnel.Groups["proxy"].Value, UriKind.Absolute, out var uri) ? Authority(uri) : null;
                return true;
            }

            if (message.IndexOf("proxy", StringComparison.OrdinalIgnoreCase) >= 0 && ProxyAuthText.IsMatch(message))
            {
                status = 407;
                return true;
            }

            return false;
        }

        /// <summary>
        /// The error for a proxy that wants (other) credentials. <paramref name="credentialGiven"/> is null for the
        /// process default proxy (environment or system settings). Never contains the password.
        /// </summary>
        internal static AcsTeamsSecurityException AuthenticationRequired(string? proxy, string? target, bool? credentialGiven, int status)
        {
            var who = proxy is null ? "The proxy" : $"The proxy {proxy}";
            var answer = status == 407 ? "407 Proxy Authentication Required" : $"{status} to the tunnel request";
            var where = target is null ? string.Empty : $" to {target}";
            var message = credentialGiven switch
            {
                true => $"{who} rejected the credentials given with -ProxyCredential ({answer}) and did not forward the request{where}. Pass the proxy's user name and password with Connect-AcsTeamsSecurity -ProxyCredential.",
                false => $"{who} requires authentication ({answer}) and did not forward the request{where}. Pass the proxy's user name and password with Connect-AcsTeamsSecurity -ProxyCredential.",
                _ => $"{who} (from HTTPS_PROXY, HTTP_PROXY, ALL_PROXY or the system settings) requires authentication or rejected the credentials in its URL ({answer}) and did not forward the request{where}. Pass Connect-AcsTeamsSecurity -Proxy <uri> -ProxyCredential <credential>, or correct the credentials of the proxy setting.",
            };
            return new AcsTeamsSecurityException(ErrorIds.ProxyAuthenticationRequired, ErrorCategory.AuthenticationError, message)
            {
                Service = "Proxy",
                Status = status,
                Target = proxy,
            };
        }

        /// <summary>scheme://host:port, never user info.</summary>
        internal static string Authority(Uri uri) => uri.Scheme + "://" + uri.Authority;

        /// <summary>Removes user:password@ from every URL in <paramref name="text"/> (proxy URLs from HTTPS_PROXY may carry them).</summary>
        internal static string StripUserInfo(string text) => string.IsNullOrEmpty(text) ? text : UserInfo.Replace(text, string.Empty);

        /// <summary>True when any message in the chain holds a URL with user info: such an exception must not be kept.</summary>
        internal static bool CarriesUserInfo(Exception? exception)
        {
            for (var e = exception; e is not null; e = e.InnerException)
            {
                if (UserInfo.IsMatch(e.Message))
                {
                    return true;
                }
            }

            return false;
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1)
            {
                return;
            }

            _azureClient.Dispose();
            MessageHandler.Dispose();
        }

        /// <summary>Sends everything to one proxy except hosts in the bypass list (wildcards allowed); loopback included.</summary>
        private sealed class ListProxy : IWebProxy
        {
            private readonly Uri _address;
            private readonly List<WildcardPattern> _bypass = new List<WildcardPattern>();

            internal ListProxy(Uri address, NetworkCredential? credential, IReadOnlyList<string> bypassList)
            {
                _address = address;
                Credentials = credential;
                foreach (var entry in bypassList)
                {
                    var host = entry?.Trim();
                    if (!string.IsNullOrEmpty(host))
                    {
                        _bypass.Add(new WildcardPattern(host!.Trim('[', ']'), WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant));
                    }
                }
            }

            public ICredentials? Credentials { get; set; }

            public Uri GetProxy(Uri destination) => IsBypassed(destination) ? destination : _address;

            public bool IsBypassed(Uri host)
            {
                var name = host.Host.Trim('[', ']');
                var withPort = name + ":" + host.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
                foreach (var pattern in _bypass)
                {
                    if (pattern.IsMatch(name) || pattern.IsMatch(withPort))
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        /// <summary>Turns the proxy's refusal into our error before Azure.Core retries it.</summary>
        private sealed class FailureHandler : DelegatingHandler
        {
            private readonly ContextProxy _owner;

            internal FailureHandler(ContextProxy owner) => _owner = owner;

            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                HttpResponseMessage response;
                try
                {
                    response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                }
                catch (HttpRequestException ex) when (IsAuthenticationFailure(ex, out _, out var status))
                {
                    throw AuthenticationRequired(_owner.Display, request.RequestUri?.GetLeftPart(UriPartial.Authority), _owner.HasCredential, status);
                }

                if ((int)response.StatusCode == 407)
                {
                    response.Dispose();
                    throw AuthenticationRequired(_owner.Display, request.RequestUri?.GetLeftPart(UriPartial.Authority), _owner.HasCredential, 407);
                }

                return response;
            }
        }
    }
}
