using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using AcsTeamsSecurity.Auth;
using AcsTeamsSecurity.Cmdlets;
using AcsTeamsSecurity.Completers;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Session;
using AcsTeamsSecurity.Clients.Transport;

namespace AcsTeamsSecurity.Commands.Connection
{
    /// <summary>
    /// <para type="synopsis">Signs in to a tenant once for the whole session.</para>
    /// </summary>
    // Interactive is the default set (an admin at a workstation), so -TenantId alone prompts for -ClientId. It does not
    // take -AcsConnectionString: PowerShell prefers the default set whenever it is among the candidates, so
    // -AcsConnectionString alone would otherwise prompt for -TenantId; without it, the only set whose mandatory
    // parameters are all bound is AcsConnectionString.
    [Cmdlet(VerbsCommunications.Connect, "AcsTeamsSecurity", DefaultParameterSetName = Sets.Interactive)]
    [OutputType(typeof(AcsTeamsSecurityContext))]
    public sealed partial class ConnectAcsTeamsSecurityCommand : AcsTeamsCmdlet
    {
        private static readonly Regex DomainName = new Regex(@"^(?=.{3,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        /// <summary>Parameter set names.</summary>
        internal static class Sets
        {
            internal const string Interactive = "Interactive";
            internal const string DeviceCode = "DeviceCode";
            internal const string ClientSecret = "ClientSecret";
            internal const string ClientCredential = "ClientCredential";
            internal const string CertificateThumbprint = "CertificateThumbprint";
            internal const string Certificate = "Certificate";
            internal const string CertificateFile = "CertificateFile";
            internal const string ManagedIdentity = "ManagedIdentity";
            internal const string FederatedToken = "FederatedToken";
            internal const string WorkloadIdentity = "WorkloadIdentity";
            internal const string AccessToken = "AccessToken";
            internal const string AcsConnectionString = "AcsConnectionString";
        }

        /// <summary>Tenant id (GUID) or domain, for example contoso.onmicrosoft.com.</summary>
        [Parameter(Mandatory = true, ParameterSetName = Sets.Interactive)]
        [Parameter(Mandatory = true, ParameterSetName = Sets.DeviceCode)]
        [Parameter(Mandatory = true, ParameterSetName = Sets.ClientSecret)]
        [Parameter(Mandatory = true, ParameterSetName = Sets.ClientCredential)]
        [Parameter(Mandatory = true, ParameterSetName = Sets.CertificateThumbprint)]
        [Parameter(Mandatory = true, ParameterSetName = Sets.Certificate)]
        [Parameter(Mandatory = true, ParameterSetName = Sets.CertificateFile)]
        [Parameter(Mandatory = true, ParameterSetName = Sets.FederatedToken)]
        [Parameter(ParameterSetName = Sets.WorkloadIdentity)]
        [Parameter(ParameterSetName = Sets.ManagedIdentity)]
        [Parameter(ParameterSetName = Sets.AccessToken)]
        [Alias("Tenant")]
        [ValidateNotNullOrEmpty]
        public string? TenantId { get; set; }

        /// <summary>The application (client) id; for -ManagedIdentity, the client id of a user-assigned identity.</summary>
        [Parameter(Mandatory = true, ParameterSetName = Sets.Interactive)]
        [Parameter(Mandatory = true, ParameterSetName = Sets.DeviceCode)]
        [Parameter(Mandatory = true, ParameterSetName = Sets.ClientSecret)]
        [Parameter(Mandatory = true, ParameterSetName = Sets.CertificateThumbprint)]
        [Parameter(Mandatory = true, ParameterSetName = Sets.Certificate)]
        [Parameter(Mandatory = true, ParameterSetName = Sets.CertificateFile)]
        [Parameter(Mandatory = true, ParameterSetName = Sets.FederatedToken)]
        [Parameter(ParameterSetName = Sets.WorkloadIdentity)]
        [Parameter(ParameterSetName = Sets.ManagedIdentity)]
        [Alias("ApplicationId", "AppId")]
        [ValidateNotNullOrEmpty]
        public string? ClientId { get; set; }

        /// <summary>Sign in a user with a code entered on another device.</summary>
        [Parameter(Mandatory = true, ParameterSetName = Sets.DeviceCode)]
        public SwitchParameter DeviceCode { get; set; }

        /// <summary>The application's client secret.</summary>
        [Parameter(Mandatory = true, ParameterSetName = Sets.ClientSecret)]
        [ValidateNotNull]
        public SecureString? ClientSecret { get; set; }

        /// <summary>The client id as user name and the client secret as password.</summary>
        [Parameter(Mandatory = true, ParameterSetName = Sets.ClientCredential)]
        [Credential]
        [ValidateNotNull]
        public PSCredential? Credential { get; set; }

        /// <summary>Thumbprint of a certificate with a private key in the CurrentUser or LocalMachine "My" store.</summary>
        [Parameter(Mandatory = true, ParameterSetName = Sets.CertificateThumbprint)]
        [ValidatePattern("^[0-9A-Fa-f]{40}$")]
        public string? CertificateThumbprint { get; set; }

        /// <summary>A certificate object with its private key.</summary>
        [Parameter(Mandatory = true, ParameterSetName = Sets.Certificate)]
        [ValidateNotNull]
        public X509Certificate2? Certificate { get; set; }

        /// <summary>Path to a PFX (PKCS#12) file, or a PEM file holding the certificate and its unencrypted key.</summary>
        [Parameter(Mandatory = true, ParameterSetName = Sets.CertificateFile)]
        [ValidateNotNullOrEmpty]
        public string? CertificatePath { get; set; }

        /// <summary>Password of the PFX file.</summary>
        [Parameter(ParameterSetName = Sets.CertificateFile)]
        public SecureString? CertificatePassword { get; set; }

        /// <summary>Use the managed identity of the Azure resource the script runs on.</summary>
        [Parameter(Mandatory = true, ParameterSetName = Sets.ManagedIdentity)]
        public SwitchParameter ManagedIdentity { get; set; }

        /// <summary>Path to a file holding a federated token (for example a Kubernetes service-account or GitHub OIDC token).</summary>
        [Parameter(Mandatory = true, ParameterSetName = Sets.FederatedToken)]
        [ValidateNotNullOrEmpty]
        public string? FederatedTokenFile { get; set; }

        /// <summary>Use workload identity from AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_FEDERATED_TOKEN_FILE.</summary>
        [Parameter(Mandatory = true, ParameterSetName = Sets.WorkloadIdentity)]
        public SwitchParameter WorkloadIdentity { get; set; }

        /// <summary>Access tokens you obtained yourself, one per service; they cannot be refreshed.</summary>
        [Parameter(Mandatory = true, ParameterSetName = Sets.AccessToken)]
        [ValidateNotNull]
        [ValidateCount(1, 4)]
        public SecureString[]? AccessToken { get; set; }

        /// <summary>The cloud: Global (default), GCC, GCCHigh, DoD, China, or one added with Add-AcsTeamsEnvironment.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string Environment { get; set; } = "Global";

        /// <summary>The ACS resource endpoint for the ACS identity cmdlets, for example https://contoso.communication.azure.com.</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? AcsEndpoint { get; set; }

        /// <summary>An ACS connection string (endpoint and access key) for access-key authentication to ACS; alone, it connects the ACS identity cmdlets only, with no Entra ID sign-in.</summary>
        /// <remarks>Listed per set: a parameter with one set-specific attribute belongs only to the sets it names.</remarks>
        [Parameter(ParameterSetName = Sets.DeviceCode)]
        [Parameter(ParameterSetName = Sets.ClientSecret)]
        [Parameter(ParameterSetName = Sets.ClientCredential)]
        [Parameter(ParameterSetName = Sets.CertificateThumbprint)]
        [Parameter(ParameterSetName = Sets.Certificate)]
        [Parameter(ParameterSetName = Sets.CertificateFile)]
        [Parameter(ParameterSetName = Sets.ManagedIdentity)]
        [Parameter(ParameterSetName = Sets.FederatedToken)]
        [Parameter(ParameterSetName = Sets.WorkloadIdentity)]
        [Parameter(ParameterSetName = Sets.AccessToken)]
        [Parameter(Mandatory = true, ParameterSetName = Sets.AcsConnectionString)]
        [ValidateNotNull]
        public SecureString? AcsConnectionString { get; set; }

        /// <summary>The ACS Identity api-version (default 2023-10-01, GA).</summary>
        [Parameter]
        [ValidatePattern(@"^\d{4}-\d{2}-\d{2}(-preview\d*)?$")]
        [ArgumentCompleter(typeof(AcsApiVersionCompleter))]
        public string AcsApiVersion { get; set; } = Clients.Acs.AcsIdentityClient.DefaultApiVersion;

        /// <summary>
        /// The ARM api-version for Microsoft.Communication/communicationServices reads (default 2025-09-01, GA). A preview
        /// version is used only when given here; the provider refuses versions it does not list (docs/CONTRACTS.md, "ARM").
        /// </summary>
        [Parameter(ParameterSetName = Sets.Interactive)]
        [Parameter(ParameterSetName = Sets.DeviceCode)]
        [Parameter(ParameterSetName = Sets.ClientSecret)]
        [Parameter(ParameterSetName = Sets.ClientCredential)]
        [Parameter(ParameterSetName = Sets.CertificateThumbprint)]
        [Parameter(ParameterSetName = Sets.Certificate)]
        [Parameter(ParameterSetName = Sets.CertificateFile)]
        [Parameter(ParameterSetName = Sets.ManagedIdentity)]
        [Parameter(ParameterSetName = Sets.FederatedToken)]
        [Parameter(ParameterSetName = Sets.WorkloadIdentity)]
        [Parameter(ParameterSetName = Sets.AccessToken)]
        [ValidatePattern(@"^\d{4}-\d{2}-\d{2}(-preview)?$")]
        public string ArmApiVersion { get; set; } = Clients.Arm.ArmClient.DefaultCommunicationApiVersion;

        /// <summary>How many times a throttled or failed request is retried (0-10, default 4).</summary>
        [Parameter]
        [ValidateRange(0, 10)]
        public int MaxRetries { get; set; } = 4;

        /// <summary>An HTTP proxy for every request of the new context (http or https, no user info), for example http://proxy.contoso.com:8080.</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? Proxy { get; set; }

        /// <summary>The user name and password the proxy asks for (407 Proxy Authentication Required).</summary>
        [Parameter]
        [Credential]
        [ValidateNotNull]
        public PSCredential? ProxyCredential { get; set; }

        /// <summary>Hosts reached directly rather than through -Proxy (wildcards allowed); loopback is proxied unless listed.</summary>
        [Parameter]
        [ValidateNotNull]
        [SupportsWildcards]
        public string[]? ProxyBypassList { get; set; }

        /// <summary>Return the new context (to keep several, or to pass with -Context).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>No one-line summary of the connection (tenant, account, environment) on success.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        /// <inheritdoc />
        /// <remarks>
        /// A failed sign-in is a terminating error: a script must not carry on, possibly against the
        /// previous context's tenant, as if it had connected.
        /// </remarks>
        protected override void ProcessRecordCore()
        {
            try
            {
                Connect();
            }
            catch (AcsTeamsSecurityException ex)
            {
                try
                {
                    ForgetCurrentAfterFailure();
                }
                catch (PipelineStoppedException)
                {
                }

                ThrowFailure(ex);
            }
            catch (Exception ex) when (!(ex is PipelineStoppedException))
            {
                ForgetCurrentAfterFailure();
                throw;
            }
            catch (PipelineStoppedException)
            {
                ForgetCurrentAfterFailure();
                try
                {
                    // The pipeline is stopping, so the streams are closed; the host still shows a line.
                    Host?.UI?.WriteWarningLine($"Sign-in to '{SignInTarget}' was cancelled; no tenant is connected.");
                }
                catch (Exception)
                {
                    // A host without a UI: nothing more to say.
                }

                throw;
            }
        }

        /// <summary>What a failed or cancelled sign-in was for, in messages: the tenant, or the ACS resource of a connection string.</summary>
        private string SignInTarget =>
            TenantId ?? (ParameterSetName == Sets.AcsConnectionString ? "the ACS resource of the connection string" : System.Environment.GetEnvironmentVariable("AZURE_TENANT_ID") ?? "(from the managed identity)");

        /// <summary>
        /// A failed (or cancelled) Connect leaves no context current: a script without -ErrorAction Stop would
        /// otherwise carry on against the previous tenant. Later cmdlets say NotConnected and name this tenant.
        /// </summary>
        private void ForgetCurrentAfterFailure()
        {
            var tenant = SignInTarget;
            var previous = ContextStore.ClearAfterFailedSignIn(tenant);
            if (previous is not null && previous.IsConnected)
            {
                WriteWarning($"The sign-in to '{tenant}' failed, so the previous connection ({previous}) is no longer the current one: cmdlets without -Context now stop with NotConnected. Connect again, or pass -Context.");
            }
        }

        private void Connect()
        {
            var environment = EnvironmentRegistry.Get(Environment);
            if (!DateTime.TryParseExact(AcsApiVersion.Substring(0, 10), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _))
            {
                throw new AcsTeamsSecurityException(ErrorIds.AcsApiVersionUnsupported, ErrorCategory.InvalidArgument, $"-AcsApiVersion '{AcsApiVersion}' is not a date-based api-version such as 2023-10-01.") { Target = AcsApiVersion };
            }

            var request = BuildRequest(environment);
            var (acsEndpoint, acsConnectionString) = ValidateAcs();
            request.Proxy = CreateProxy();
            var stored = false;
            try
            {
                Connect(environment, request, acsEndpoint, acsConnectionString, ref stored);
            }
            catch when (!stored)
            {
                // A failed sign-in leaves no context behind: release the proxy's handler and connections.
                request.Proxy?.Dispose();
                throw;
            }
        }

        private ContextProxy? CreateProxy()
        {
            if (Proxy is null)
            {
                if (ProxyCredential is not null || ProxyBypassList is not null)
                {
                    throw new AcsTeamsSecurityException(ErrorIds.ProxyInvalid, ErrorCategory.InvalidArgument, "-ProxyCredential and -ProxyBypassList apply to the proxy given with -Proxy. Add -Proxy <uri>.");
                }

                return null;
            }

            var address = ContextProxy.Validate(Proxy);
            var proxy = new ContextProxy(address, ProxyCredential?.GetNetworkCredential(), ProxyBypassList);
            WriteVerbose($"Every request of this context goes through the proxy {proxy.Display}{(ProxyCredential is null ? " without credentials" : $" as '{ProxyCredential.UserName}'")}{(ProxyBypassList is { Length: > 0 } ? $", except to {string.Join(", ", ProxyBypassList)}" : string.Empty)}.");
            return proxy;
        }

        private void Connect(AcsTeamsEnvironment environment, ConnectionRequest request, Uri? acsEndpoint, SecureString? acsConnectionString, ref bool stored)
        {
            var source = CredentialFactory.Create(request);
            var broker = new TokenBroker(source, environment);
            var context = new AcsTeamsSecurityContext(request, broker, acsEndpoint, acsConnectionString, AcsApiVersion, (source as StaticTokenSource)?.Tokens.Keys);
            context.Clients.MaxRetries = MaxRetries;
            context.ArmApiVersion = ArmApiVersion;

            if (request.Mode == AuthMode.ManagedIdentity)
            {
                var (miSource, miEndpoint, miDescription) = ManagedIdentitySource.Detect();
                context.ManagedIdentitySource = miSource;
                WriteVerbose($"Managed identity source: {miSource}, {miDescription}, at {ContextProxy.StripUserInfo(miEndpoint)}.");
            }

            if (request.Mode == AuthMode.AcsAccessKey)
            {
                // No Entra ID sign-in to prove, and ACS has no harmless read to try the key on: the first ACS cmdlet
                // signs its request with the key and says AccessKeyInvalid if the service refuses it.
                WriteVerbose($"Using the access key of the ACS resource {acsEndpoint}: no Entra ID sign-in. This context runs the ACS identity cmdlets only; the others need Connect-AcsTeamsSecurity with an Entra ID credential.");
            }
            else if (source is StaticTokenSource statics)
            {
                // Brought tokens must all be of one tenant, and of -TenantId's tenant when given (a domain is resolved first).
                if (request.TenantId is { } given)
                {
                    broker.BindTenant(Guid.TryParse(given, out _) ? given : Run(ct => TenantDiscovery.ResolveAsync(environment, given, request.Proxy, ct)));
                }

                foreach (var pair in statics.Tokens)
                {
                    broker.Seed(pair.Key, pair.Value.Token, pair.Value.ExpiresOn);
                    if (!JwtClaims.TryParse(pair.Value.Token, out var claims) || claims.TenantId is null)
                    {
                        // Nothing else can bind an opaque token to the context's tenant: say so instead of trusting it silently.
                        WriteWarning($"The {pair.Key} access token carries no tenant (tid) claim, so the module cannot check that it belongs to this context's tenant. Restore-ExternalUserConfiguration refuses to write with it; check the tenant yourself before changing anything with it.");
                    }
                }

                WriteWarning($"Connected with access tokens for {string.Join(", ", statics.Tokens.Keys)}. They cannot be refreshed: cmdlets fail with AccessTokenExpired after the first expires at {statics.Tokens.Values.Min(t => t.ExpiresOn):u}.");
            }
            else
            {
                // Prove the sign-in works now, with the first service this context will use; the token is cached and
                // reused. With -AcsEndpoint (ACS signed with Entra ID) that is ACS: an identity made for an app
                // backend may have no Graph permission at all. Otherwise the first service this cloud offers.
                var available = environment.AvailableServices;
                var first = acsEndpoint is not null && acsConnectionString is null && available.Contains(AcsTeamsService.Acs)
                    ? AcsTeamsService.Acs
                    : available.Count > 0 ? available[0] : AcsTeamsService.Graph;

                WriteVerbose($"Signing in to tenant '{request.TenantId ?? "(from the managed identity)"}' in '{environment.Name}' ({request.Mode}); checking with a {first} token.");
                if (request.Mode == AuthMode.Interactive)
                {
                    SignInInteractively(broker, first, request);
                }
                else
                {
                    Run(ct => broker.GetTokenAsync(first, ct));
                }

                var tokenTenant = broker.FirstClaims?.TenantId;
                if (tokenTenant is not null && request.TenantId is not null && Guid.TryParse(request.TenantId, out _) &&
                    !string.Equals(tokenTenant, request.TenantId, StringComparison.OrdinalIgnoreCase))
                {
                    context.Disconnect();
                    throw new AcsTeamsSecurityException(
                        ErrorIds.TenantMismatch,
                        ErrorCategory.InvalidArgument,
                        $"The sign-in produced a token for tenant '{tokenTenant}', not '{request.TenantId}'. Check -TenantId (a managed identity always signs in to its own tenant).")
                    {
                        Target = request.TenantId,
                    };
                }
            }

            var previous = ContextStore.Current;
            ContextStore.SetCurrent(context);
            stored = true;
            WriteVerbose(request.Mode == AuthMode.AcsAccessKey
                ? $"Connected to the ACS resource {acsEndpoint!.Host} with its access key (services: {string.Join(", ", context.Services)})."
                : $"Connected to tenant '{context.TenantId}' as {context.Account ?? context.ClientId ?? "the managed identity"} ({context.AuthMode}, {environment.Name}; services: {string.Join(", ", context.Services)}). Other services' tokens are acquired on first use.");
            if (previous is not null && previous.IsConnected)
            {
                WriteVerbose($"The previous context ({previous}) is no longer the current one; it stays usable with -Context.");
            }

            if (PassThru)
            {
                WriteObject(context);
            }
            else if (!Quiet)
            {
                var who = context.Account ?? context.ClientId ?? (context.AuthMode == AuthMode.ManagedIdentity ? "the managed identity" : "the given access tokens");
                Say($"Connected to tenant {context.TenantId ?? "(not yet known)"} as {who} ({context.AuthMode}) in {environment.Name}.");
            }
        }

        private ConnectionRequest BuildRequest(AcsTeamsEnvironment environment)
        {
            var mode = ParameterSetName switch
            {
                Sets.Interactive => AuthMode.Interactive,
                Sets.DeviceCode => AuthMode.DeviceCode,
                Sets.ClientSecret or Sets.ClientCredential => AuthMode.ClientSecret,
                Sets.CertificateThumbprint or Sets.Certificate or Sets.CertificateFile => AuthMode.Certificate,
                Sets.ManagedIdentity => AuthMode.ManagedIdentity,
                Sets.FederatedToken or Sets.WorkloadIdentity => AuthMode.FederatedToken,
                Sets.AcsConnectionString => AuthMode.AcsAccessKey,
                _ => AuthMode.AccessToken,
            };

            var request = new ConnectionRequest(mode, environment)
            {
                TenantId = TenantId,
                ClientId = ClientId,
                MaxRetries = MaxRetries,
            };

            switch (ParameterSetName)
            {
                case Sets.ClientSecret:
                    request.ClientSecret = ClientSecret;
                    break;
                case Sets.ClientCredential:
                    request.ClientId = Credential!.UserName;
                    request.ClientSecret = Credential.Password;
                    break;
                case Sets.CertificateThumbprint:
                    request.Certificate = FindCertificate(CertificateThumbprint!);
                    break;
                case Sets.Certificate:
                    if (!Certificate!.HasPrivateKey)
                    {
                        throw new AcsTeamsSecurityException(ErrorIds.CertificateUnavailable, ErrorCategory.InvalidArgument, $"Certificate '{Certificate.Thumbprint}' has no private key; the module needs it to sign the client assertion.") { Target = Certificate.Thumbprint };
                    }

                    request.Certificate = Certificate;
                    break;
                case Sets.CertificateFile:
                    CredentialFactory.LoadCertificateFile(request, GetUnresolvedProviderPathFromPSPath(CertificatePath), CertificatePassword);
                    break;
                case Sets.FederatedToken:
                    request.FederatedTokenFile = RequireTokenFile(GetUnresolvedProviderPathFromPSPath(FederatedTokenFile));
                    break;
                case Sets.WorkloadIdentity:
                    request.TenantId ??= System.Environment.GetEnvironmentVariable("AZURE_TENANT_ID");
                    request.ClientId ??= System.Environment.GetEnvironmentVariable("AZURE_CLIENT_ID");
                    var file = System.Environment.GetEnvironmentVariable("AZURE_FEDERATED_TOKEN_FILE");
                    if (string.IsNullOrEmpty(request.TenantId) || string.IsNullOrEmpty(request.ClientId) || string.IsNullOrEmpty(file))
                    {
                        throw new AcsTeamsSecurityException(ErrorIds.FederatedTokenFileUnavailable, ErrorCategory.InvalidArgument, "-WorkloadIdentity needs AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_FEDERATED_TOKEN_FILE (or -TenantId and -ClientId). Use -FederatedTokenFile to name the file directly.");
                    }

                    request.FederatedTokenFile = RequireTokenFile(file!);
                    break;
                case Sets.AccessToken:
                    request.AccessTokens = AccessToken!;
                    break;
            }

            if (request.TenantId is not null && !Guid.TryParse(request.TenantId, out _) && !DomainName.IsMatch(request.TenantId))
            {
                throw new AcsTeamsSecurityException(ErrorIds.TenantIdInvalid, ErrorCategory.InvalidArgument, $"'{request.TenantId}' is not a tenant id (GUID) or a domain name such as contoso.onmicrosoft.com.") { Target = request.TenantId };
            }

            if (request.ClientId is not null && !Guid.TryParse(request.ClientId, out _))
            {
                throw new AcsTeamsSecurityException(ErrorIds.ClientIdInvalid, ErrorCategory.InvalidArgument, $"'{request.ClientId}' is not an application (client) id; it must be a GUID.") { Target = request.ClientId };
            }

            return request;
        }

        private (Uri? Endpoint, SecureString? ConnectionString) ValidateAcs()
        {
            Uri? endpoint = AcsEndpoint;
            if (endpoint is not null && (!endpoint.IsAbsoluteUri || endpoint.Scheme != Uri.UriSchemeHttps))
            {
                throw new AcsTeamsSecurityException(ErrorIds.AcsEndpointInvalid, ErrorCategory.InvalidArgument, $"-AcsEndpoint '{endpoint}' is not an absolute https URL such as https://contoso.communication.azure.com.") { Target = endpoint };
            }

            if (AcsConnectionString is not null)
            {
                var parsed = Auth.AcsConnectionString.Parse(SecureStrings.Reveal(AcsConnectionString));
                Array.Clear(parsed.Key, 0, parsed.Key.Length);
                if (endpoint is not null && !string.Equals(endpoint.GetLeftPart(UriPartial.Path).TrimEnd('/'), parsed.Endpoint.GetLeftPart(UriPartial.Path).TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
                {
                    throw new AcsTeamsSecurityException(ErrorIds.AcsEndpointInvalid, ErrorCategory.InvalidArgument, $"-AcsEndpoint '{endpoint}' differs from the endpoint in -AcsConnectionString ('{parsed.Endpoint}'). Pass one of them, or the same resource in both.") { Target = endpoint };
                }

                endpoint ??= parsed.Endpoint;
                return (endpoint, AcsConnectionString.Copy());
            }

            return (endpoint, null);
        }

        private static string RequireTokenFile(string path)
        {
            if (!File.Exists(path) || new FileInfo(path).Length == 0)
            {
                throw new AcsTeamsSecurityException(ErrorIds.FederatedTokenFileUnavailable, ErrorCategory.ObjectNotFound, $"The federated token file '{path}' does not exist or is empty.") { Target = path };
            }

            return path;
        }

        private static X509Certificate2 FindCertificate(string thumbprint)
        {
            foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
            {
                try
                {
                    using var store = new X509Store(StoreName.My, location);
                    store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
                    var found = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, validOnly: false);
                    foreach (var certificate in found)
                    {
                        if (certificate.HasPrivateKey)
                        {
                            return certificate;
                        }
                    }
                }
                catch (System.Security.Cryptography.CryptographicException)
                {
                    // The store does not exist on this machine (for example LocalMachine/My on Linux).
                }
            }

            throw new AcsTeamsSecurityException(ErrorIds.CertificateUnavailable, ErrorCategory.ObjectNotFound, $"No certificate with thumbprint {thumbprint} and a private key is in the CurrentUser or LocalMachine 'My' store. Import it there, or use -Certificate or -CertificatePath.") { Target = thumbprint };
        }
    }
}
