namespace AcsTeamsSecurity.Errors
{
    /// <summary>
    /// Stable error ids: the first part of every <c>FullyQualifiedErrorId</c> this module writes.
    /// They are a public contract (scripts match on them): add new ones, never rename or reuse.
    /// </summary>
    public static class ErrorIds
    {
        /// <summary>No context was given and <c>Connect-AcsTeamsSecurity</c> has not been run in this session.</summary>
        public const string NotConnected = "NotConnected";

        /// <summary>The context was disconnected; its tokens are gone.</summary>
        public const string ContextDisconnected = "ContextDisconnected";

        /// <summary>The environment name is not a built-in one nor registered with <c>Add-AcsTeamsEnvironment</c>.</summary>
        public const string EnvironmentNotFound = "EnvironmentNotFound";

        /// <summary>A built-in environment cannot be added, replaced or removed.</summary>
        public const string EnvironmentBuiltIn = "EnvironmentBuiltIn";

        /// <summary>An environment with that name already exists (use -Force to replace a custom one).</summary>
        public const string EnvironmentExists = "EnvironmentExists";

        /// <summary>An endpoint given for an environment is not an absolute https URL.</summary>
        public const string EnvironmentEndpointInvalid = "EnvironmentEndpointInvalid";

        /// <summary>The service is not available in the context's environment (for example Teams admin in China).</summary>
        public const string ServiceNotAvailableInEnvironment = "ServiceNotAvailableInEnvironment";

        /// <summary>The tenant given is neither a GUID nor a domain name.</summary>
        public const string TenantIdInvalid = "TenantIdInvalid";

        /// <summary>The client (application) id is not a GUID.</summary>
        public const string ClientIdInvalid = "ClientIdInvalid";

        /// <summary>Entra ID does not know the tenant (AADSTS90002).</summary>
        public const string TenantNotFound = "TenantNotFound";

        /// <summary>Entra ID does not know the application in that tenant (AADSTS700016).</summary>
        public const string ApplicationNotFound = "ApplicationNotFound";

        /// <summary>The client secret was rejected (AADSTS7000215).</summary>
        public const string ClientSecretInvalid = "ClientSecretInvalid";

        /// <summary>The certificate is not registered on the application (AADSTS700027) or its assertion was rejected.</summary>
        public const string CertificateNotRegistered = "CertificateNotRegistered";

        /// <summary>The certificate could not be found or read, or has no private key.</summary>
        public const string CertificateUnavailable = "CertificateUnavailable";

        /// <summary>The federated token was rejected (no matching federated credential, AADSTS70021) or could not be read.</summary>
        public const string FederatedTokenRejected = "FederatedTokenRejected";

        /// <summary>The federated token file is missing or empty.</summary>
        public const string FederatedTokenFileUnavailable = "FederatedTokenFileUnavailable";

        /// <summary>No managed identity endpoint answered, or it refused the identity asked for.</summary>
        public const string ManagedIdentityUnavailable = "ManagedIdentityUnavailable";

        /// <summary>The device code expired or the user declined the sign-in.</summary>
        public const string DeviceCodeFailed = "DeviceCodeFailed";

        /// <summary>Sign-in failed for another reason given by Entra ID.</summary>
        public const string AuthenticationFailed = "AuthenticationFailed";

        /// <summary>A bring-your-own access token has expired and cannot be refreshed.</summary>
        public const string AccessTokenExpired = "AccessTokenExpired";

        /// <summary>A bring-your-own access token is not a JWT or is for an audience this module does not use.</summary>
        public const string AccessTokenInvalid = "AccessTokenInvalid";

        /// <summary>No bring-your-own token was given for the service a cmdlet needs.</summary>
        public const string AccessTokenMissing = "AccessTokenMissing";

        /// <summary>The service answered 401: the token was not accepted.</summary>
        public const string ServiceUnauthorized = "ServiceUnauthorized";

        /// <summary>The service answered 403: the caller lacks a role or permission (the message names it).</summary>
        public const string PermissionDenied = "PermissionDenied";

        /// <summary>The service kept answering 429/503 beyond the retry budget.</summary>
        public const string ServiceThrottled = "ServiceThrottled";

        /// <summary>The service could not be reached (DNS, TLS, connection refused or dropped).</summary>
        public const string ServiceUnreachable = "ServiceUnreachable";

        /// <summary>The service answered 404: the object asked for does not exist.</summary>
        public const string ResourceNotFound = "ResourceNotFound";

        /// <summary>The service rejected the request as invalid (400).</summary>
        public const string ServiceRequestRejected = "ServiceRequestRejected";

        /// <summary>The service answered with an error not covered by a more specific id.</summary>
        public const string ServiceError = "ServiceError";

        /// <summary>The service answered with a body this module cannot read (not JSON, truncated, unexpected shape).</summary>
        public const string ServiceResponseInvalid = "ServiceResponseInvalid";

        /// <summary>
        /// A proxy refused to forward a request without valid credentials (407 Proxy Authentication Required, or 401
        /// to the tunnel request): pass them with <c>Connect-AcsTeamsSecurity -ProxyCredential</c>. The message names
        /// the proxy, never the password.
        /// </summary>
        public const string ProxyAuthenticationRequired = "ProxyAuthenticationRequired";

        /// <summary>The -Proxy value is not an absolute http or https URL, or contains user info (credentials go in -ProxyCredential).</summary>
        public const string ProxyInvalid = "ProxyInvalid";

        /// <summary>The ACS connection string is malformed (the key is never shown).</summary>
        public const string AcsConnectionStringInvalid = "AcsConnectionStringInvalid";

        /// <summary>The tenant the token was issued for is not the tenant given with -TenantId.</summary>
        public const string TenantMismatch = "TenantMismatch";

        /// <summary>The ACS endpoint is not an absolute https URL, or disagrees with the connection string's.</summary>
        public const string AcsEndpointInvalid = "AcsEndpointInvalid";

        /// <summary>The value is not an ACS access token (not a JWT, or no skypeid claim).</summary>
        public const string AcsTokenInvalid = "AcsTokenInvalid";

        /// <summary>The value is not a raw ACS user id such as 8:acs:&lt;resource&gt;_&lt;id&gt;.</summary>
        public const string AcsIdentityInvalid = "AcsIdentityInvalid";

        /// <summary>The ACS identity does not exist (deleted, or of another resource).</summary>
        public const string AcsIdentityNotFound = "AcsIdentityNotFound";

        /// <summary>No ACS endpoint is known: Connect-AcsTeamsSecurity needs -AcsEndpoint or -AcsConnectionString.</summary>
        public const string AcsEndpointMissing = "AcsEndpointMissing";

        /// <summary>The context's ACS api-version does not offer this operation, or is not a real date.</summary>
        public const string AcsApiVersionUnsupported = "AcsApiVersionUnsupported";

        /// <summary>The operation needs a user sign-in (interactive or device code), or a user token.</summary>
        public const string UserSignInRequired = "UserSignInRequired";

        /// <summary>No policy instance (or configuration) has that identity.</summary>
        public const string PolicyNotFound = "PolicyNotFound";

        /// <summary>The policy changed since it was read; the change was not applied (no silent lost update).</summary>
        public const string PolicyChangedConcurrently = "PolicyChangedConcurrently";

        /// <summary>A write was accepted but reading the instance again shows a setting without the value written.</summary>
        public const string ChangeNotApplied = "ChangeNotApplied";

        /// <summary>A parameter does not apply to the policy type, or values conflict.</summary>
        public const string PolicySettingInvalid = "PolicySettingInvalid";

        /// <summary>A loosening change was not confirmed (non-interactive session without -Force or -Confirm:$false).</summary>
        public const string ConfirmationRequired = "ConfirmationRequired";

        /// <summary>A user (organizer) given by UPN or id does not exist.</summary>
        public const string UserNotFound = "UserNotFound";

        /// <summary>The value is not a user principal name or object id.</summary>
        public const string UserIdInvalid = "UserIdInvalid";

        /// <summary>The value is not an ACS resource's immutable id (a GUID).</summary>
        public const string AcsResourceIdInvalid = "AcsResourceIdInvalid";

        /// <summary>No ACS resource has this name or ARM id (among those the context has read, or in the subscription given).</summary>
        public const string AcsResourceNotFound = "AcsResourceNotFound";

        /// <summary>An ACS resource name matches more than one resource (in different resource groups or subscriptions).</summary>
        public const string AcsResourceNameAmbiguous = "AcsResourceNameAmbiguous";

        /// <summary>An ACS resource name or ARM id could not be turned into its immutable id (no ARM access, or ARM refused the read).</summary>
        public const string AcsResourceUnresolved = "AcsResourceUnresolved";

        /// <summary>The value is not a Teams meeting join URL (strictly parsed; the message says what is wrong).</summary>
        public const string JoinWebUrlInvalid = "JoinWebUrlInvalid";

        /// <summary>The value is not an online meeting id.</summary>
        public const string MeetingIdInvalid = "MeetingIdInvalid";

        /// <summary>No online meeting matches (deleted, or of another organizer).</summary>
        public const string MeetingNotFound = "MeetingNotFound";

        /// <summary>App-only access to the organizer's meetings needs a Teams application access policy.</summary>
        public const string ApplicationAccessPolicyMissing = "ApplicationAccessPolicyMissing";

        /// <summary>The folder of a file to write (a snapshot or a report) does not exist.</summary>
        public const string OutputFolderNotFound = "OutputFolderNotFound";

        /// <summary>The file exists and -NoClobber forbids overwriting it.</summary>
        public const string OutputFileExists = "OutputFileExists";

        /// <summary>A snapshot or report file could not be written (permissions, disk full, a locked file).</summary>
        public const string OutputWriteFailed = "OutputWriteFailed";

        /// <summary>The Azure subscription id is not a GUID.</summary>
        public const string SubscriptionIdInvalid = "SubscriptionIdInvalid";

        /// <summary>The report path does not end in .html, .htm, .json or .csv, so no report format can be chosen.</summary>
        public const string ReportFormatUnsupported = "ReportFormatUnsupported";

        /// <summary>An unexpected internal failure; the message says what was being done.</summary>
        public const string InternalError = "InternalError";
    

        /// <summary>The snapshot file does not exist or cannot be read.</summary>
        public const string SnapshotNotFound = "SnapshotNotFound";

        /// <summary>The snapshot file is not valid JSON or does not match the snapshot schema.</summary>
        public const string SnapshotInvalid = "SnapshotInvalid";

        /// <summary>The snapshot was written with a schema version this module does not read.</summary>
        public const string SnapshotVersionUnsupported = "SnapshotVersionUnsupported";

        /// <summary>The snapshot belongs to another tenant than the context it is restored to.</summary>
        public const string SnapshotTenantMismatch = "SnapshotTenantMismatch";

        /// <summary>No audit rule matches the filters given.</summary>
        public const string AuditRuleNotFound = "AuditRuleNotFound";

        /// <summary>A part of the tenant could not be read for the snapshot or the audit.</summary>
        public const string CollectionFailed = "CollectionFailed";

        /// <summary>
        /// A user's effective Teams policies could not be read (an unrecognised Graph answer, a failed read, or a cloud
        /// without Graph's Teams user configurations): answers that depend on them are reported as unknown, never as Global.
        /// </summary>
        public const string EffectivePolicyUnknown = "EffectivePolicyUnknown";

        /// <summary>A meeting found by its join link (short /meet/ link, channel or legacy thread) could not be resolved through Graph.</summary>
        public const string MeetingNotResolved = "MeetingNotResolved";

        /// <summary>The context's sign-in does not cover the service a cmdlet needs (for example an ACS connection string alone, for a Teams policy cmdlet).</summary>
        public const string ServiceNotConnected = "ServiceNotConnected";

        /// <summary>A request was about to carry a credential to a host other than the service's own base address (a paging link, a redirect, an absolute URL in an answer); it was not sent.</summary>
        public const string CredentialDestinationRefused = "CredentialDestinationRefused";

        /// <summary>The access tokens of one context belong to different tenants, or a token's tenant is not the -TenantId given.</summary>
        public const string TokenTenantMismatch = "TokenTenantMismatch";

        /// <summary>The snapshot has no signature, and -RequireSignature was given.</summary>
        public const string SnapshotUnsigned = "SnapshotUnsigned";

        /// <summary>The snapshot's signature does not verify (the file was changed after signing), or its signer is not trusted.</summary>
        public const string SnapshotSignatureInvalid = "SnapshotSignatureInvalid";

        /// <summary>The certificate given to sign a snapshot cannot sign (no private key, or not an RSA or ECDSA key).</summary>
        public const string SigningCertificateInvalid = "SigningCertificateInvalid";

        /// <summary>Interactive sign-in needs a browser, and this session has no display or no browser to open: use -DeviceCode.</summary>
        public const string BrowserUnavailable = "BrowserUnavailable";

        /// <summary>Interactive sign-in did not complete in the time the module waits for the browser.</summary>
        public const string SignInTimedOut = "SignInTimedOut";

        /// <summary>A piped policy object is of another policy type than the cmdlet changes; nothing was written.</summary>
        public const string PolicyTypeMismatch = "PolicyTypeMismatch";

        /// <summary>The server's TLS certificate is not trusted on this machine (not retried): trust its CA.</summary>
        public const string CertificateUntrusted = "CertificateUntrusted";

        /// <summary>Test-AcsTeamsSecurityContract -IncludeNoOpWrite: the named instance has no setting that can be written back unchanged.</summary>
        public const string ContractWriteNotPossible = "ContractWriteNotPossible";

        /// <summary>One tenant of a fleet run could not be audited or exported (its row in the fleet report says why); the other tenants ran.</summary>
        public const string FleetTenantFailed = "FleetTenantFailed";

        /// <summary>A fleet run found nothing to run on: no contexts, or a snapshot folder without any snapshot file.</summary>
        public const string FleetEmpty = "FleetEmpty";

        /// <summary>The previous fleet report given for the trend could not be read (not a fleet JSON report written by this module).</summary>
        public const string FleetReportUnreadable = "FleetReportUnreadable";
    }
}
