using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using AcsTeamsSecurity.Auth;
using AcsTeamsSecurity.Models;

namespace AcsTeamsSecurity.Clients.Transport
{
    /// <summary>
    /// JSON over HTTPS to one service, on Azure.Core's pipeline: the context's token, retries with
    /// exponential backoff that honour Retry-After, one -Debug line per attempt, and errors mapped by
    /// <see cref="ServiceErrorMapper"/>. Every service client in Clients/ is built on this.
    /// </summary>
    internal sealed class ServiceHttpClient
    {
        private readonly HttpPipeline _pipeline;
        private readonly ContextProxy? _proxy;

        /// <summary>A client for one service. <paramref name="transport"/> applies only without <paramref name="proxy"/>: tests pass an in-memory one; null = Azure.Core's default.</summary>
        internal ServiceHttpClient(AcsTeamsService service, Uri baseUri, TokenBroker? broker, int maxRetries, HttpPipelinePolicy? authPolicy = null, ContextProxy? proxy = null, HttpPipelineTransport? transport = null)
        {
            Service = service;
            BaseUri = baseUri;
            MaxRetries = maxRetries;
            var options = new ServiceClientOptions();
            options.Retry.MaxRetries = maxRetries;
            options.Retry.Mode = RetryMode.Exponential;
            options.Retry.Delay = TimeSpan.FromMilliseconds(800);
            options.Retry.MaxDelay = TimeSpan.FromSeconds(30);
            options.Retry.NetworkTimeout = TimeSpan.FromSeconds(100);
            options.Diagnostics.IsLoggingEnabled = false;
            options.Diagnostics.IsDistributedTracingEnabled = false;
            options.Diagnostics.ApplicationId = "AcsTeamsSecurity";
            if (proxy is not null)
            {
                // The context's -Proxy: one handler for every client of the context. Without it, Azure.Core's
                // default transport uses .NET's default proxy (environment variables or system settings).
                _proxy = proxy;
                options.Transport = proxy.Transport;
            }
            else if (transport is not null)
            {
                options.Transport = transport;
            }

            var auth = authPolicy ?? (broker is null ? null : RequestAuthorizationPolicy.Bearer(baseUri, service, broker));
            var perRetry = auth is null
                ? new HttpPipelinePolicy[] { new WireLogPolicy(service), CertificateTrustPolicy.Instance }
                : new HttpPipelinePolicy[] { auth, new WireLogPolicy(service), CertificateTrustPolicy.Instance };
            _pipeline = HttpPipelineBuilder.Build(options, Array.Empty<HttpPipelinePolicy>(), perRetry, new ResponseClassifier());
        }

        internal AcsTeamsService Service { get; }

        internal Uri BaseUri { get; }

        internal int MaxRetries { get; }

        /// <summary>Sends a request and returns the answer whatever its status; transport failures become ServiceUnreachable.</summary>
        internal async Task<ServiceResponse> SendAsync(RequestMethod method, string relativeUrl, string? jsonBody, string activity, CancellationToken cancellationToken, IDictionary<string, string>? headers = null, bool idempotent = true)
        {
            var message = _pipeline.CreateMessage();
            if (!idempotent)
            {
                message.ResponseClassifier = NonIdempotentClassifier.Instance;
            }

            var request = message.Request;
            request.Method = method;
            request.Uri.Reset(Combine(BaseUri, relativeUrl));
            request.Headers.SetValue("Accept", "application/json");
            if (headers is not null)
            {
                foreach (var header in headers)
                {
                    request.Headers.SetValue(header.Key, header.Value);
                }
            }

            if (jsonBody is not null)
            {
                request.Headers.SetValue("Content-Type", "application/json");
                request.Content = RequestContent.Create(Encoding.UTF8.GetBytes(jsonBody));
            }

            try
            {
                await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status == 0)
            {
                throw ServiceErrorMapper.Unreachable(Service, BaseUri, activity, ex, _proxy);
            }
            catch (AggregateException ex) when (ex.InnerException is RequestFailedException rfe && rfe.Status == 0)
            {
                throw ServiceErrorMapper.Unreachable(Service, BaseUri, activity, ex, _proxy);
            }

            var response = message.Response;
            var headerMap = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var header in response.Headers)
            {
                headerMap[header.Name] = header.Value;
            }

            string body;
            try
            {
                body = response.Content?.ToString() ?? string.Empty;
            }
            catch (InvalidOperationException)
            {
                body = string.Empty;
            }

            return new ServiceResponse(response.Status, body, RequestIdOf(response), headerMap);
        }

        /// <summary>Sends and requires success; otherwise throws the mapped error.</summary>
        internal async Task<ServiceResponse> SendForSuccessAsync(RequestMethod method, string relativeUrl, string? jsonBody, string activity, string? permissionHint, CancellationToken cancellationToken, IDictionary<string, string>? headers = null, bool idempotent = true)
        {
            var response = await SendAsync(method, relativeUrl, jsonBody, activity, cancellationToken, headers, idempotent).ConfigureAwait(false);
            if (!response.IsSuccess)
            {
                throw ServiceErrorMapper.FromResponse(Service, response, activity, permissionHint, MaxRetries);
            }

            return response;
        }

        internal static string? RequestIdOf(Response response)
        {
            foreach (var name in new[] { "request-id", "x-ms-request-id", "MS-CV", "x-ms-correlation-request-id" })
            {
                if (response.Headers.TryGetValue(name, out var value))
                {
                    return value;
                }
            }

            return null;
        }

        internal static Uri Combine(Uri baseUri, string relative)
        {
            if (Uri.TryCreate(relative, UriKind.Absolute, out var absolute) && absolute.Scheme == Uri.UriSchemeHttps)
            {
                return absolute;
            }

            var left = baseUri.AbsoluteUri.TrimEnd('/');
            return new Uri(left + "/" + relative.TrimStart('/'));
        }

        private sealed class ServiceClientOptions : ClientOptions
        {
        }

        /// <summary>
        /// For requests that must not run twice (creating an ACS identity): retried only when the service
        /// said it did not process them (429, 503). A dropped connection or a 500/502/504 is ambiguous (the
        /// identity may exist), so it is reported instead of replayed.
        /// </summary>
        private sealed class NonIdempotentClassifier : ResponseClassifier
        {
            internal static readonly NonIdempotentClassifier Instance = new NonIdempotentClassifier();

            public override bool IsRetriableResponse(HttpMessage message) =>
                message.Response.Status == 429 || message.Response.Status == 503;

            public override bool IsRetriableException(Exception exception) => false;

            public override bool IsRetriable(HttpMessage message, Exception exception) => false;
        }
    }
}
