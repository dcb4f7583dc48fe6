using System;
using System.Diagnostics;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Core.Pipeline;
using AcsTeamsSecurity.Auth;
using AcsTeamsSecurity.Diagnostics;
using AcsTeamsSecurity.Models;

namespace AcsTeamsSecurity.Clients
{
    /// <summary>
    /// Adds the context's bearer token for one service. On a 401 it drops the rejected token and tries
    /// once more with a fresh one (the service's clock or a revocation may disagree with ours); tokens
    /// the caller brought are not retried because they cannot be renewed.
    /// </summary>
    internal sealed class BrokerBearerPolicy : HttpPipelinePolicy
    {
        private readonly TokenBroker _broker;
        private readonly AcsTeamsService _service;

        internal BrokerBearerPolicy(TokenBroker broker, AcsTeamsService service)
        {
            _broker = broker;
            _service = service;
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            var token = await _broker.GetTokenAsync(_service, message.CancellationToken).ConfigureAwait(false);
            message.Request.Headers.SetValue(HttpHeader.Names.Authorization, "Bearer " + token);
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
            if (message.HasResponse && message.Response.Status == 401 && _broker.Invalidate(_service, token))
            {
                OperationLog.Current.Debug($"{_service} answered 401; renewing the token and trying once more.");
                token = await _broker.GetTokenAsync(_service, message.CancellationToken).ConfigureAwait(false);
                message.Request.Headers.SetValue(HttpHeader.Names.Authorization, "Bearer " + token);
                await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Writes one -Debug line per attempt: method, URL (secret-bearing query values masked), status,
    /// duration and the service's request id. Headers and bodies are never logged.
    /// </summary>
    internal sealed class WireLogPolicy : HttpPipelinePolicy
    {
        private readonly AcsTeamsService _service;

        internal WireLogPolicy(AcsTeamsService service) => _service = service;

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            var log = OperationLog.Current;
            var url = Redactor.SafeUrl(message.Request.Uri.ToUri());
            var watch = Stopwatch.StartNew();
            try
            {
                await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                log.Debug($"{_service} {message.Request.Method} {url} failed after {watch.ElapsedMilliseconds} ms: {ex.GetType().Name}: {Redactor.Redact(ex.Message)}");
                throw;
            }

            var response = message.Response;
            var requestId = ServiceHttpClient.RequestIdOf(response);
            response.Headers.TryGetValue("Retry-After", out var retryAfter);
            log.Debug($"{_service} {message.Request.Method} {url} -> {response.Status} in {watch.ElapsedMilliseconds} ms" +
                (requestId is null ? string.Empty : $" (request-id {requestId})") +
                (retryAfter is null ? string.Empty : $" Retry-After: {retryAfter}"));
        }
    }
}
