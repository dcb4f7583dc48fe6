using System;
using System.Diagnostics;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Core.Pipeline;
using AcsTeamsSecurity.Auth;
using AcsTeamsSecurity.Diagnostics;
using AcsTeamsSecurity.Models;

namespace AcsTeamsSecurity.Clients.Transport
{
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
