using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Identity;
using AcsTeamsSecurity.Diagnostics;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Clients.Transport;

namespace AcsTeamsSecurity.Auth
{
    /// <summary>Builds the token source for a connection request. The only place credentials are chosen.</summary>
    internal static class CredentialFactory
    {
        internal static ITokenSource Create(ConnectionRequest request)
        {
            if (request.Mode == AuthMode.AccessToken)
            {
                return CreateStatic(request);
            }

            if (request.Mode == AuthMode.AcsAccessKey)
            {
                return new NoEntraTokenSource();
            }

            return new CredentialTokenSource(CreateCredential(request), request);
        }

        private static TokenCredential CreateCredential(ConnectionRequest request)
        {
            var environment = request.Environment;
            var authority = environment.AuthorityHost;

            // Instance discovery asks the public cloud about the authority; for custom environments
            // (an emulator, a private authority) it would leave the machine and stall, so it is off.
            var disableDiscovery = !environment.IsBuiltIn;

            T Configure<T>(T options)
                where T : TokenCredentialOptions
            {
                options.AuthorityHost = authority;
                options.Retry.MaxRetries = request.MaxRetries;
                options.Diagnostics.IsLoggingEnabled = false;
                options.Diagnostics.IsLoggingContentEnabled = false;
                options.Diagnostics.ApplicationId = "AcsTeamsSecurity";

                // An untrusted server certificate fails at once with CertificateUntrusted instead of being retried.
                options.AddPolicy(Clients.Transport.CertificateTrustPolicy.Instance, Azure.Core.HttpPipelinePosition.PerRetry);
                if (request.Proxy is not null)
                {
                    // Token requests (MSAL included: Azure.Identity hands it this pipeline) go through -Proxy.
                    options.Transport = request.Proxy.Transport;
                }

                return options;
            }

            switch (request.Mode)
            {
                case AuthMode.ClientSecret:
                    return new ClientSecretCredential(
                        request.TenantId,
                        request.ClientId,
                        SecureStrings.Reveal(request.ClientSecret!),
                        Configure(new ClientSecretCredentialOptions { DisableInstanceDiscovery = disableDiscovery }));

                case AuthMode.Certificate:
                    var certOptions = Configure(new ClientCertificateCredentialOptions { DisableInstanceDiscovery = disableDiscovery, SendCertificateChain = false });
                    return request.CertificatePemPath is not null
                        ? new ClientCertificateCredential(request.TenantId, request.ClientId, request.CertificatePemPath, certOptions)
                        : new ClientCertificateCredential(request.TenantId, request.ClientId, request.Certificate, certOptions);

                case AuthMode.ManagedIdentity:
                    var id = string.IsNullOrEmpty(request.ClientId)
                        ? ManagedIdentityId.SystemAssigned
                        : ManagedIdentityId.FromUserAssignedClientId(request.ClientId);
                    return new ManagedIdentityCredential(Configure(new ManagedIdentityCredentialOptions(id)));

                case AuthMode.FederatedToken:
                    return new WorkloadIdentityCredential(Configure(new WorkloadIdentityCredentialOptions
                    {
                        TenantId = request.TenantId,
                        ClientId = request.ClientId,
                        TokenFilePath = request.FederatedTokenFile,
                        DisableInstanceDiscovery = disableDiscovery,
                    }));

                case AuthMode.DeviceCode:
                    return new DeviceCodeCredential(Configure(new DeviceCodeCredentialOptions
                    {
                        TenantId = request.TenantId,
                        ClientId = request.ClientId,
                        DisableInstanceDiscovery = disableDiscovery,
                        DeviceCodeCallback = (info, _) =>
                        {
                            // Shown as a warning so it reaches the user in every host, runbooks included.
                            OperationLog.Current.Warning(info.Message);
                            return Task.CompletedTask;
                        },
                    }));

                case AuthMode.Interactive:
                    return new InteractiveBrowserCredential(Configure(new InteractiveBrowserCredentialOptions
                    {
                        TenantId = request.TenantId,
                        ClientId = request.ClientId,
                        DisableInstanceDiscovery = disableDiscovery,
                    }));

                default:
                    throw new ArgumentOutOfRangeException(nameof(request), request.Mode, "Unknown sign-in mode.");
            }
        }

        private static StaticTokenSource CreateStatic(ConnectionRequest request)
        {
            var tokens = new Dictionary<AcsTeamsService, (string Token, DateTimeOffset ExpiresOn)>();
            foreach (var secure in request.AccessTokens)
            {
                var token = SecureStrings.Reveal(secure).Trim();
                if (token.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
                {
                    token = token.Substring(7).Trim();
                }

                if (!JwtClaims.TryParse(token, out var claims) || claims.Audience is null || claims.ExpiresOn is null)
                {
                    throw new AcsTeamsSecurityException(
                        ErrorIds.AccessTokenInvalid,
                        ErrorCategory.InvalidArgument,
                        "An access token passed with -AccessToken is not a JWT with an audience and an expiry. Pass Entra ID access tokens (for Graph, the Teams admin API, ACS or ARM), not ID tokens or ACS user tokens.");
                }

                var service = ServiceForAudience(request.Environment, claims.Audience)
                    ?? throw new AcsTeamsSecurityException(
                        ErrorIds.AccessTokenInvalid,
                        ErrorCategory.InvalidArgument,
                        $"An access token passed with -AccessToken is for audience '{claims.Audience}', which no service of the '{request.Environment.Name}' environment uses. Expected one of: {string.Join(", ", ExpectedAudiences(request.Environment))}.");

                if (claims.ExpiresOn.Value <= DateTimeOffset.UtcNow)
                {
                    throw StaticTokenSource.Expired(service, claims.ExpiresOn.Value);
                }

                if (request.TenantId is not null && claims.TenantId is not null && !string.Equals(request.TenantId, claims.TenantId, StringComparison.OrdinalIgnoreCase) && Guid.TryParse(request.TenantId, out _))
                {
                    throw new AcsTeamsSecurityException(
                        ErrorIds.AccessTokenInvalid,
                        ErrorCategory.InvalidArgument,
                        $"The {service} access token is for tenant '{claims.TenantId}', not '{request.TenantId}'.");
                }

                tokens[service] = (token, claims.ExpiresOn.Value);
            }

            return new StaticTokenSource(tokens);
        }

        /// <summary>
        /// Other audiences Entra ID puts in tokens for the same APIs: Graph's application id (v1 tokens
        /// requested by app id), and ARM's classic management.core resource that Az PowerShell requests.
        /// </summary>
        private static readonly Dictionary<AcsTeamsService, string[]> AudienceAliases = new Dictionary<AcsTeamsService, string[]>
        {
            [AcsTeamsService.Graph] = new[] { "00000003-0000-0000-c000-000000000000" },
            [AcsTeamsService.Arm] = new[] { "https://management.core.windows.net", "https://management.core.usgovcloudapi.net", "https://management.core.chinacloudapi.cn" },
        };

        internal static AcsTeamsService? ServiceForAudience(AcsTeamsEnvironment environment, string audience)
        {
            string Normalize(string s) => s.TrimEnd('/');
            var target = Normalize(audience);
            foreach (AcsTeamsService service in Enum.GetValues(typeof(AcsTeamsService)))
            {
                var resource = environment.ResourceFor(service);
                if (resource is null)
                {
                    continue;
                }

                if (string.Equals(Normalize(resource), target, StringComparison.OrdinalIgnoreCase))
                {
                    return service;
                }

                if (AudienceAliases.TryGetValue(service, out var aliases) && Array.Exists(aliases, a => string.Equals(a, target, StringComparison.OrdinalIgnoreCase)))
                {
                    return service;
                }

                // The Teams admin API's v1 tokens may carry the API host rather than its app id.
                if (service == AcsTeamsService.TeamsAdmin && environment.TeamsAdminEndpoint is not null &&
                    string.Equals(Normalize(environment.TeamsAdminEndpoint.GetLeftPart(UriPartial.Authority)), target, StringComparison.OrdinalIgnoreCase))
                {
                    return service;
                }
            }

            return null;
        }

        private static IEnumerable<string> ExpectedAudiences(AcsTeamsEnvironment environment)
        {
            foreach (var service in environment.AvailableServices)
            {
                yield return environment.ResourceFor(service)!;
            }
        }

        /// <summary>Reads a certificate for -CertificatePath (PFX with optional password; PEM is passed to Azure.Identity by path).</summary>
        internal static void LoadCertificateFile(ConnectionRequest request, string path, System.Security.SecureString? password)
        {
            if (!File.Exists(path))
            {
                throw new AcsTeamsSecurityException(ErrorIds.CertificateUnavailable, ErrorCategory.ObjectNotFound, $"Certificate file '{path}' does not exist.") { Target = path };
            }

            var extension = Path.GetExtension(path);
            if (string.Equals(extension, ".pem", StringComparison.OrdinalIgnoreCase) || string.Equals(extension, ".crt", StringComparison.OrdinalIgnoreCase))
            {
                var text = File.ReadAllText(path);
                if (text.IndexOf("PRIVATE KEY-----", StringComparison.Ordinal) < 0)
                {
                    throw new AcsTeamsSecurityException(ErrorIds.CertificateUnavailable, ErrorCategory.InvalidData, $"PEM file '{path}' has no private key. Put the certificate and its unencrypted private key in one PEM file, or use a PFX.") { Target = path };
                }

                request.CertificatePemPath = path;
                return;
            }

            try
            {
                var certificate = password is null
                    ? new System.Security.Cryptography.X509Certificates.X509Certificate2(path)
                    : new System.Security.Cryptography.X509Certificates.X509Certificate2(path, password);
                if (!certificate.HasPrivateKey)
                {
                    throw new AcsTeamsSecurityException(ErrorIds.CertificateUnavailable, ErrorCategory.InvalidData, $"The certificate in '{path}' has no private key.") { Target = path };
                }

                request.Certificate = certificate;
            }
            catch (System.Security.Cryptography.CryptographicException ex)
            {
                throw new AcsTeamsSecurityException(ErrorIds.CertificateUnavailable, ErrorCategory.InvalidData, $"The certificate in '{path}' could not be opened: wrong -CertificatePassword, or not a PFX/PKCS#12 file.", ex) { Target = path };
            }
        }
    }
}
