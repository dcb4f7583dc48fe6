using System;
using System.IO;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Core.Pipeline;

namespace AcsTeamsSecurity.Clients.Acs
{
    /// <summary>
    /// Signs every ACS request with the resource's access key (<see cref="HmacSigner"/>). It runs per retry,
    /// so each attempt gets a fresh x-ms-date. The key bytes live only in this object and are cleared when
    /// the context disconnects.
    /// </summary>
    internal sealed class HmacAuthenticationPolicy : HttpPipelinePolicy, IDisposable
    {
        private byte[]? _key;

        internal HmacAuthenticationPolicy(byte[] key) => _key = key;

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Sign(message);
            ProcessNext(message, pipeline);
        }

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Sign(message);
            return ProcessNextAsync(message, pipeline);
        }

        public void Dispose()
        {
            var key = _key;
            _key = null;
            if (key is not null)
            {
                Array.Clear(key, 0, key.Length);
            }
        }

        private void Sign(HttpMessage message)
        {
            var key = _key ?? throw new ObjectDisposedException(nameof(HmacAuthenticationPolicy), "The context was disconnected; its ACS access key is gone.");
            var body = Array.Empty<byte>();
            if (message.Request.Content is { } content)
            {
                using var buffer = new MemoryStream();
                content.WriteTo(buffer, message.CancellationToken);
                body = buffer.ToArray();
            }

            var uri = message.Request.Uri.ToUri();
            var date = HmacSigner.FormatDate(DateTimeOffset.UtcNow);
            var hash = HmacSigner.ContentHash(body);
            var signature = HmacSigner.Sign(key, HmacSigner.StringToSign(message.Request.Method.Method, uri.PathAndQuery, date, uri.Authority, hash));
            message.Request.Headers.SetValue("x-ms-date", date);
            message.Request.Headers.SetValue("x-ms-content-sha256", hash);
            message.Request.Headers.SetValue(HttpHeader.Names.Authorization, HmacSigner.AuthorizationHeader(signature));
        }
    }
}
