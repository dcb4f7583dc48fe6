using System;
using System.Management.Automation;
using System.Threading.Tasks;
using AcsTeamsSecurity.Errors;
using Azure.Core;
using Azure.Core.Pipeline;

namespace AcsTeamsSecurity.Clients.Transport
{
    /// <summary>
    /// A server certificate this machine does not trust fails the same way on every attempt, so retrying it only
    /// makes the user wait. This per-retry policy turns the TLS validation failure into CertificateUntrusted, which
    /// Azure.Core's retry policy does not retry (it is neither an IOException nor a RequestFailedException), with
    /// the ways to trust the certificate authority.
    /// </summary>
    internal sealed class CertificateTrustPolicy : HttpPipelinePolicy
    {
        internal static readonly CertificateTrustPolicy Instance = new CertificateTrustPolicy();

        /// <inheritdoc />
        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            try
            {
                ProcessNext(message, pipeline);
            }
            catch (Exception ex) when (IsUntrusted(ex))
            {
                throw Untrusted(message.Request.Uri.Host ?? "the server", ex);
            }
        }

        /// <inheritdoc />
        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            try
            {
                await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsUntrusted(ex))
            {
                throw Untrusted(message.Request.Uri.Host ?? "the server", ex);
            }
        }

        /// <summary>True when the exception chain holds a TLS certificate validation failure.</summary>
        internal static bool IsUntrusted(Exception ex)
        {
            for (var e = ex; e is not null; e = e.InnerException)
            {
                if (e is System.Security.Authentication.AuthenticationException)
                {
                    return true;
                }
            }

            return false;
        }

        internal static AcsTeamsSecurityException Untrusted(string host, Exception ex)
        {
            var reason = Innermost(ex).Message;
            var firstLine = reason.Split('\n')[0].Trim();
            return new AcsTeamsSecurityException(
                ErrorIds.CertificateUntrusted,
                ErrorCategory.SecurityError,
                $"The TLS certificate of {host} is not trusted on this machine ({firstLine}). This is not retried. Trust the certificate authority that issued it: " +
                "start pwsh with SSL_CERT_FILE set to a PEM bundle that includes it (set it before pwsh starts; setting $env:SSL_CERT_FILE inside pwsh has no effect), " +
                "or add it to the operating system's trust store. For the local sandbox, build.ps1 -Task Sandbox opens a pwsh that trusts the emulator.")
            {
                Target = host,
            };
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
    }
}
