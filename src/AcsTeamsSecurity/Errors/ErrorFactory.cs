using System;
using System.Management.Automation;

namespace AcsTeamsSecurity.Errors
{
    /// <summary>
    /// One factory per error id: each fixes the id and its category in one place, and takes its message from
    /// <see cref="Resources.Strings"/> (the format) and the call site (the values). Code outside this class
    /// never constructs an <see cref="AcsTeamsSecurityException"/> itself (a test checks it).
    /// </summary>
    internal static class ErrorFactory
    {
        /// <summary><see cref="ErrorIds.NotConnected"/> (AuthenticationError).</summary>
        internal static AcsTeamsSecurityException NotConnected(string format, params object?[] args) => Build(ErrorIds.NotConnected, ErrorCategory.AuthenticationError, null, format, args);

        /// <summary><see cref="ErrorIds.NotConnected"/> (AuthenticationError), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException NotConnected(Exception? inner, string format, params object?[] args) => Build(ErrorIds.NotConnected, ErrorCategory.AuthenticationError, inner, format, args);

        /// <summary><see cref="ErrorIds.ContextDisconnected"/> (InvalidOperation).</summary>
        internal static AcsTeamsSecurityException ContextDisconnected(string format, params object?[] args) => Build(ErrorIds.ContextDisconnected, ErrorCategory.InvalidOperation, null, format, args);

        /// <summary><see cref="ErrorIds.ContextDisconnected"/> (InvalidOperation), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException ContextDisconnected(Exception? inner, string format, params object?[] args) => Build(ErrorIds.ContextDisconnected, ErrorCategory.InvalidOperation, inner, format, args);

        /// <summary><see cref="ErrorIds.EnvironmentNotFound"/> (ObjectNotFound).</summary>
        internal static AcsTeamsSecurityException EnvironmentNotFound(string format, params object?[] args) => Build(ErrorIds.EnvironmentNotFound, ErrorCategory.ObjectNotFound, null, format, args);

        /// <summary><see cref="ErrorIds.EnvironmentNotFound"/> (ObjectNotFound), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException EnvironmentNotFound(Exception? inner, string format, params object?[] args) => Build(ErrorIds.EnvironmentNotFound, ErrorCategory.ObjectNotFound, inner, format, args);

        /// <summary><see cref="ErrorIds.EnvironmentBuiltIn"/> (InvalidOperation).</summary>
        internal static AcsTeamsSecurityException EnvironmentBuiltIn(string format, params object?[] args) => Build(ErrorIds.EnvironmentBuiltIn, ErrorCategory.InvalidOperation, null, format, args);

        /// <summary><see cref="ErrorIds.EnvironmentBuiltIn"/> (InvalidOperation), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException EnvironmentBuiltIn(Exception? inner, string format, params object?[] args) => Build(ErrorIds.EnvironmentBuiltIn, ErrorCategory.InvalidOperation, inner, format, args);

        /// <summary><see cref="ErrorIds.EnvironmentExists"/> (ResourceExists).</summary>
        internal static AcsTeamsSecurityException EnvironmentExists(string format, params object?[] args) => Build(ErrorIds.EnvironmentExists, ErrorCategory.ResourceExists, null, format, args);

        /// <summary><see cref="ErrorIds.EnvironmentExists"/> (ResourceExists), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException EnvironmentExists(Exception? inner, string format, params object?[] args) => Build(ErrorIds.EnvironmentExists, ErrorCategory.ResourceExists, inner, format, args);

        /// <summary><see cref="ErrorIds.EnvironmentEndpointInvalid"/> (InvalidArgument).</summary>
        internal static AcsTeamsSecurityException EnvironmentEndpointInvalid(string format, params object?[] args) => Build(ErrorIds.EnvironmentEndpointInvalid, ErrorCategory.InvalidArgument, null, format, args);

        /// <summary><see cref="ErrorIds.EnvironmentEndpointInvalid"/> (InvalidArgument), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException EnvironmentEndpointInvalid(Exception? inner, string format, params object?[] args) => Build(ErrorIds.EnvironmentEndpointInvalid, ErrorCategory.InvalidArgument, inner, format, args);

        /// <summary><see cref="ErrorIds.ServiceNotAvailableInEnvironment"/> (NotEnabled).</summary>
        internal static AcsTeamsSecurityException ServiceNotAvailableInEnvironment(string format, params object?[] args) => Build(ErrorIds.ServiceNotAvailableInEnvironment, ErrorCategory.NotEnabled, null, format, args);

        /// <summary><see cref="ErrorIds.ServiceNotAvailableInEnvironment"/> (NotEnabled), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException ServiceNotAvailableInEnvironment(Exception? inner, string format, params object?[] args) => Build(ErrorIds.ServiceNotAvailableInEnvironment, ErrorCategory.NotEnabled, inner, format, args);

        /// <summary><see cref="ErrorIds.TenantIdInvalid"/> (InvalidArgument).</summary>
        internal static AcsTeamsSecurityException TenantIdInvalid(string format, params object?[] args) => Build(ErrorIds.TenantIdInvalid, ErrorCategory.InvalidArgument, null, format, args);

        /// <summary><see cref="ErrorIds.TenantIdInvalid"/> (InvalidArgument), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException TenantIdInvalid(Exception? inner, string format, params object?[] args) => Build(ErrorIds.TenantIdInvalid, ErrorCategory.InvalidArgument, inner, format, args);

        /// <summary><see cref="ErrorIds.ClientIdInvalid"/> (InvalidArgument).</summary>
        internal static AcsTeamsSecurityException ClientIdInvalid(string format, params object?[] args) => Build(ErrorIds.ClientIdInvalid, ErrorCategory.InvalidArgument, null, format, args);

        /// <summary><see cref="ErrorIds.ClientIdInvalid"/> (InvalidArgument), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException ClientIdInvalid(Exception? inner, string format, params object?[] args) => Build(ErrorIds.ClientIdInvalid, ErrorCategory.InvalidArgument, inner, format, args);

        /// <summary><see cref="ErrorIds.TenantNotFound"/> (ObjectNotFound).</summary>
        internal static AcsTeamsSecurityException TenantNotFound(string format, params object?[] args) => Build(ErrorIds.TenantNotFound, ErrorCategory.ObjectNotFound, null, format, args);

        /// <summary><see cref="ErrorIds.TenantNotFound"/> (ObjectNotFound), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException TenantNotFound(Exception? inner, string format, params object?[] args) => Build(ErrorIds.TenantNotFound, ErrorCategory.ObjectNotFound, inner, format, args);

        /// <summary><see cref="ErrorIds.ApplicationNotFound"/> (ObjectNotFound).</summary>
        internal static AcsTeamsSecurityException ApplicationNotFound(string format, params object?[] args) => Build(ErrorIds.ApplicationNotFound, ErrorCategory.ObjectNotFound, null, format, args);

        /// <summary><see cref="ErrorIds.ApplicationNotFound"/> (ObjectNotFound), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException ApplicationNotFound(Exception? inner, string format, params object?[] args) => Build(ErrorIds.ApplicationNotFound, ErrorCategory.ObjectNotFound, inner, format, args);

        /// <summary><see cref="ErrorIds.ClientSecretInvalid"/> (AuthenticationError).</summary>
        internal static AcsTeamsSecurityException ClientSecretInvalid(string format, params object?[] args) => Build(ErrorIds.ClientSecretInvalid, ErrorCategory.AuthenticationError, null, format, args);

        /// <summary><see cref="ErrorIds.ClientSecretInvalid"/> (AuthenticationError), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException ClientSecretInvalid(Exception? inner, string format, params object?[] args) => Build(ErrorIds.ClientSecretInvalid, ErrorCategory.AuthenticationError, inner, format, args);

        /// <summary><see cref="ErrorIds.CertificateNotRegistered"/> (AuthenticationError).</summary>
        internal static AcsTeamsSecurityException CertificateNotRegistered(string format, params object?[] args) => Build(ErrorIds.CertificateNotRegistered, ErrorCategory.AuthenticationError, null, format, args);

        /// <summary><see cref="ErrorIds.CertificateNotRegistered"/> (AuthenticationError), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException CertificateNotRegistered(Exception? inner, string format, params object?[] args) => Build(ErrorIds.CertificateNotRegistered, ErrorCategory.AuthenticationError, inner, format, args);

        /// <summary><see cref="ErrorIds.CertificateUnavailable"/> (InvalidArgument).</summary>
        internal static AcsTeamsSecurityException CertificateUnavailable(string format, params object?[] args) => Build(ErrorIds.CertificateUnavailable, ErrorCategory.InvalidArgument, null, format, args);

        /// <summary><see cref="ErrorIds.CertificateUnavailable"/> (InvalidArgument), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException CertificateUnavailable(Exception? inner, string format, params object?[] args) => Build(ErrorIds.CertificateUnavailable, ErrorCategory.InvalidArgument, inner, format, args);

        /// <summary><see cref="ErrorIds.FederatedTokenRejected"/> (AuthenticationError).</summary>
        internal static AcsTeamsSecurityException FederatedTokenRejected(string format, params object?[] args) => Build(ErrorIds.FederatedTokenRejected, ErrorCategory.AuthenticationError, null, format, args);

        /// <summary><see cref="ErrorIds.FederatedTokenRejected"/> (AuthenticationError), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException FederatedTokenRejected(Exception? inner, string format, params object?[] args) => Build(ErrorIds.FederatedTokenRejected, ErrorCategory.AuthenticationError, inner, format, args);

        /// <summary><see cref="ErrorIds.FederatedTokenFileUnavailable"/> (ObjectNotFound).</summary>
        internal static AcsTeamsSecurityException FederatedTokenFileUnavailable(string format, params object?[] args) => Build(ErrorIds.FederatedTokenFileUnavailable, ErrorCategory.ObjectNotFound, null, format, args);

        /// <summary><see cref="ErrorIds.FederatedTokenFileUnavailable"/> (ObjectNotFound), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException FederatedTokenFileUnavailable(Exception? inner, string format, params object?[] args) => Build(ErrorIds.FederatedTokenFileUnavailable, ErrorCategory.ObjectNotFound, inner, format, args);

        /// <summary><see cref="ErrorIds.ManagedIdentityUnavailable"/> (AuthenticationError).</summary>
        internal static AcsTeamsSecurityException ManagedIdentityUnavailable(string format, params object?[] args) => Build(ErrorIds.ManagedIdentityUnavailable, ErrorCategory.AuthenticationError, null, format, args);

        /// <summary><see cref="ErrorIds.ManagedIdentityUnavailable"/> (AuthenticationError), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException ManagedIdentityUnavailable(Exception? inner, string format, params object?[] args) => Build(ErrorIds.ManagedIdentityUnavailable, ErrorCategory.AuthenticationError, inner, format, args);

        /// <summary><see cref="ErrorIds.DeviceCodeFailed"/> (AuthenticationError).</summary>
        internal static AcsTeamsSecurityException DeviceCodeFailed(string format, params object?[] args) => Build(ErrorIds.DeviceCodeFailed, ErrorCategory.AuthenticationError, null, format, args);

        /// <summary><see cref="ErrorIds.DeviceCodeFailed"/> (AuthenticationError), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException DeviceCodeFailed(Exception? inner, string format, params object?[] args) => Build(ErrorIds.DeviceCodeFailed, ErrorCategory.AuthenticationError, inner, format, args);

        /// <summary><see cref="ErrorIds.AuthenticationFailed"/> (AuthenticationError).</summary>
        internal static AcsTeamsSecurityException AuthenticationFailed(string format, params object?[] args) => Build(ErrorIds.AuthenticationFailed, ErrorCategory.AuthenticationError, null, format, args);

        /// <summary><see cref="ErrorIds.AuthenticationFailed"/> (AuthenticationError), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException AuthenticationFailed(Exception? inner, string format, params object?[] args) => Build(ErrorIds.AuthenticationFailed, ErrorCategory.AuthenticationError, inner, format, args);

        /// <summary><see cref="ErrorIds.AccessTokenExpired"/> (AuthenticationError).</summary>
        internal static AcsTeamsSecurityException AccessTokenExpired(string format, params object?[] args) => Build(ErrorIds.AccessTokenExpired, ErrorCategory.AuthenticationError, null, format, args);

        /// <summary><see cref="ErrorIds.AccessTokenExpired"/> (AuthenticationError), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException AccessTokenExpired(Exception? inner, string format, params object?[] args) => Build(ErrorIds.AccessTokenExpired, ErrorCategory.AuthenticationError, inner, format, args);

        /// <summary><see cref="ErrorIds.AccessTokenInvalid"/> (InvalidArgument).</summary>
        internal static AcsTeamsSecurityException AccessTokenInvalid(string format, params object?[] args) => Build(ErrorIds.AccessTokenInvalid, ErrorCategory.InvalidArgument, null, format, args);

        /// <summary><see cref="ErrorIds.AccessTokenInvalid"/> (InvalidArgument), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException AccessTokenInvalid(Exception? inner, string format, params object?[] args) => Build(ErrorIds.AccessTokenInvalid, ErrorCategory.InvalidArgument, inner, format, args);

        /// <summary><see cref="ErrorIds.AccessTokenMissing"/> (AuthenticationError).</summary>
        internal static AcsTeamsSecurityException AccessTokenMissing(string format, params object?[] args) => Build(ErrorIds.AccessTokenMissing, ErrorCategory.AuthenticationError, null, format, args);

        /// <summary><see cref="ErrorIds.AccessTokenMissing"/> (AuthenticationError), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException AccessTokenMissing(Exception? inner, string format, params object?[] args) => Build(ErrorIds.AccessTokenMissing, ErrorCategory.AuthenticationError, inner, format, args);

        /// <summary><see cref="ErrorIds.ServiceUnauthorized"/> (AuthenticationError).</summary>
        internal static AcsTeamsSecurityException ServiceUnauthorized(string format, params object?[] args) => Build(ErrorIds.ServiceUnauthorized, ErrorCategory.AuthenticationError, null, format, args);

        /// <summary><see cref="ErrorIds.ServiceUnauthorized"/> (AuthenticationError), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException ServiceUnauthorized(Exception? inner, string format, params object?[] args) => Build(ErrorIds.ServiceUnauthorized, ErrorCategory.AuthenticationError, inner, format, args);

        /// <summary><see cref="ErrorIds.PermissionDenied"/> (PermissionDenied).</summary>
        internal static AcsTeamsSecurityException PermissionDenied(string format, params object?[] args) => Build(ErrorIds.PermissionDenied, ErrorCategory.PermissionDenied, null, format, args);

        /// <summary><see cref="ErrorIds.PermissionDenied"/> (PermissionDenied), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException PermissionDenied(Exception? inner, string format, params object?[] args) => Build(ErrorIds.PermissionDenied, ErrorCategory.PermissionDenied, inner, format, args);

        /// <summary><see cref="ErrorIds.ServiceThrottled"/> (LimitsExceeded).</summary>
        internal static AcsTeamsSecurityException ServiceThrottled(string format, params object?[] args) => Build(ErrorIds.ServiceThrottled, ErrorCategory.LimitsExceeded, null, format, args);

        /// <summary><see cref="ErrorIds.ServiceThrottled"/> (LimitsExceeded), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException ServiceThrottled(Exception? inner, string format, params object?[] args) => Build(ErrorIds.ServiceThrottled, ErrorCategory.LimitsExceeded, inner, format, args);

        /// <summary><see cref="ErrorIds.ServiceUnreachable"/> (ConnectionError).</summary>
        internal static AcsTeamsSecurityException ServiceUnreachable(string format, params object?[] args) => Build(ErrorIds.ServiceUnreachable, ErrorCategory.ConnectionError, null, format, args);

        /// <summary><see cref="ErrorIds.ServiceUnreachable"/> (ConnectionError), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException ServiceUnreachable(Exception? inner, string format, params object?[] args) => Build(ErrorIds.ServiceUnreachable, ErrorCategory.ConnectionError, inner, format, args);

        /// <summary><see cref="ErrorIds.ResourceNotFound"/> (ObjectNotFound).</summary>
        internal static AcsTeamsSecurityException ResourceNotFound(string format, params object?[] args) => Build(ErrorIds.ResourceNotFound, ErrorCategory.ObjectNotFound, null, format, args);

        /// <summary><see cref="ErrorIds.ResourceNotFound"/> (ObjectNotFound), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException ResourceNotFound(Exception? inner, string format, params object?[] args) => Build(ErrorIds.ResourceNotFound, ErrorCategory.ObjectNotFound, inner, format, args);

        /// <summary><see cref="ErrorIds.ServiceRequestRejected"/> (InvalidArgument).</summary>
        internal static AcsTeamsSecurityException ServiceRequestRejected(string format, params object?[] args) => Build(ErrorIds.ServiceRequestRejected, ErrorCategory.InvalidArgument, null, format, args);

        /// <summary><see cref="ErrorIds.ServiceRequestRejected"/> (InvalidArgument), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException ServiceRequestRejected(Exception? inner, string format, params object?[] args) => Build(ErrorIds.ServiceRequestRejected, ErrorCategory.InvalidArgument, inner, format, args);

        /// <summary><see cref="ErrorIds.ServiceResponseInvalid"/> (InvalidResult).</summary>
        internal static AcsTeamsSecurityException ServiceResponseInvalid(string format, params object?[] args) => Build(ErrorIds.ServiceResponseInvalid, ErrorCategory.InvalidResult, null, format, args);

        /// <summary><see cref="ErrorIds.ServiceResponseInvalid"/> (InvalidResult), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException ServiceResponseInvalid(Exception? inner, string format, params object?[] args) => Build(ErrorIds.ServiceResponseInvalid, ErrorCategory.InvalidResult, inner, format, args);

        /// <summary><see cref="ErrorIds.ProxyAuthenticationRequired"/> (AuthenticationError).</summary>
        internal static AcsTeamsSecurityException ProxyAuthenticationRequired(string format, params object?[] args) => Build(ErrorIds.ProxyAuthenticationRequired, ErrorCategory.AuthenticationError, null, format, args);

        /// <summary><see cref="ErrorIds.ProxyAuthenticationRequired"/> (AuthenticationError), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException ProxyAuthenticationRequired(Exception? inner, string format, params object?[] args) => Build(ErrorIds.ProxyAuthenticationRequired, ErrorCategory.AuthenticationError, inner, format, args);

        /// <summary><see cref="ErrorIds.ProxyInvalid"/> (InvalidArgument).</summary>
        internal static AcsTeamsSecurityException ProxyInvalid(string format, params object?[] args) => Build(ErrorIds.ProxyInvalid, ErrorCategory.InvalidArgument, null, format, args);

        /// <summary><see cref="ErrorIds.ProxyInvalid"/> (InvalidArgument), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException ProxyInvalid(Exception? inner, string format, params object?[] args) => Build(ErrorIds.ProxyInvalid, ErrorCategory.InvalidArgument, inner, format, args);

        /// <summary><see cref="ErrorIds.AcsConnectionStringInvalid"/> (InvalidArgument).</summary>
        internal static AcsTeamsSecurityException AcsConnectionStringInvalid(string format, params object?[] args) => Build(ErrorIds.AcsConnectionStringInvalid, ErrorCategory.InvalidArgument, null, format, args);

        /// <summary><see cref="ErrorIds.AcsConnectionStringInvalid"/> (InvalidArgument), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException AcsConnectionStringInvalid(Exception? inner, string format, params object?[] args) => Build(ErrorIds.AcsConnectionStringInvalid, ErrorCategory.InvalidArgument, inner, format, args);

        /// <summary><see cref="ErrorIds.TenantMismatch"/> (InvalidArgument).</summary>
        internal static AcsTeamsSecurityException TenantMismatch(string format, params object?[] args) => Build(ErrorIds.TenantMismatch, ErrorCategory.InvalidArgument, null, format, args);

        /// <summary><see cref="ErrorIds.TenantMismatch"/> (InvalidArgument), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException TenantMismatch(Exception? inner, string format, params object?[] args) => Build(ErrorIds.TenantMismatch, ErrorCategory.InvalidArgument, inner, format, args);

        /// <summary><see cref="ErrorIds.AcsEndpointInvalid"/> (InvalidArgument).</summary>
        internal static AcsTeamsSecurityException AcsEndpointInvalid(string format, params object?[] args) => Build(ErrorIds.AcsEndpointInvalid, ErrorCategory.InvalidArgument, null, format, args);

        /// <summary><see cref="ErrorIds.AcsEndpointInvalid"/> (InvalidArgument), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException AcsEndpointInvalid(Exception? inner, string format, params object?[] args) => Build(ErrorIds.AcsEndpointInvalid, ErrorCategory.InvalidArgument, inner, format, args);

        /// <summary><see cref="ErrorIds.AcsTokenInvalid"/> (InvalidArgument).</summary>
        internal static AcsTeamsSecurityException AcsTokenInvalid(string format, params object?[] args) => Build(ErrorIds.AcsTokenInvalid, ErrorCategory.InvalidArgument, null, format, args);

        /// <summary><see cref="ErrorIds.AcsTokenInvalid"/> (InvalidArgument), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException AcsTokenInvalid(Exception? inner, string format, params object?[] args) => Build(ErrorIds.AcsTokenInvalid, ErrorCategory.InvalidArgument, inner, format, args);

        /// <summary><see cref="ErrorIds.AcsIdentityInvalid"/> (InvalidArgument).</summary>
        internal static AcsTeamsSecurityException AcsIdentityInvalid(string format, params object?[] args) => Build(ErrorIds.AcsIdentityInvalid, ErrorCategory.InvalidArgument, null, format, args);

        /// <summary><see cref="ErrorIds.AcsIdentityInvalid"/> (InvalidArgument), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException AcsIdentityInvalid(Exception? inner, string format, params object?[] args) => Build(ErrorIds.AcsIdentityInvalid, ErrorCategory.InvalidArgument, inner, format, args);

        /// <summary><see cref="ErrorIds.AcsIdentityNotFound"/> (ObjectNotFound).</summary>
        internal static AcsTeamsSecurityException AcsIdentityNotFound(string format, params object?[] args) => Build(ErrorIds.AcsIdentityNotFound, ErrorCategory.ObjectNotFound, null, format, args);

        /// <summary><see cref="ErrorIds.AcsIdentityNotFound"/> (ObjectNotFound), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException AcsIdentityNotFound(Exception? inner, string format, params object?[] args) => Build(ErrorIds.AcsIdentityNotFound, ErrorCategory.ObjectNotFound, inner, format, args);

        /// <summary><see cref="ErrorIds.AcsEndpointMissing"/> (InvalidOperation).</summary>
        internal static AcsTeamsSecurityException AcsEndpointMissing(string format, params object?[] args) => Build(ErrorIds.AcsEndpointMissing, ErrorCategory.InvalidOperation, null, format, args);

        /// <summary><see cref="ErrorIds.AcsEndpointMissing"/> (InvalidOperation), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException AcsEndpointMissing(Exception? inner, string format, params object?[] args) => Build(ErrorIds.AcsEndpointMissing, ErrorCategory.InvalidOperation, inner, format, args);

        /// <summary><see cref="ErrorIds.AcsApiVersionUnsupported"/> (InvalidOperation).</summary>
        internal static AcsTeamsSecurityException AcsApiVersionUnsupported(string format, params object?[] args) => Build(ErrorIds.AcsApiVersionUnsupported, ErrorCategory.InvalidOperation, null, format, args);

        /// <summary><see cref="ErrorIds.AcsApiVersionUnsupported"/> (InvalidOperation), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException AcsApiVersionUnsupported(Exception? inner, string format, params object?[] args) => Build(ErrorIds.AcsApiVersionUnsupported, ErrorCategory.InvalidOperation, inner, format, args);

        /// <summary><see cref="ErrorIds.UserSignInRequired"/> (AuthenticationError).</summary>
        internal static AcsTeamsSecurityException UserSignInRequired(string format, params object?[] args) => Build(ErrorIds.UserSignInRequired, ErrorCategory.AuthenticationError, null, format, args);

        /// <summary><see cref="ErrorIds.UserSignInRequired"/> (AuthenticationError), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException UserSignInRequired(Exception? inner, string format, params object?[] args) => Build(ErrorIds.UserSignInRequired, ErrorCategory.AuthenticationError, inner, format, args);

        /// <summary><see cref="ErrorIds.PolicyNotFound"/> (ObjectNotFound).</summary>
        internal static AcsTeamsSecurityException PolicyNotFound(string format, params object?[] args) => Build(ErrorIds.PolicyNotFound, ErrorCategory.ObjectNotFound, null, format, args);

        /// <summary><see cref="ErrorIds.PolicyNotFound"/> (ObjectNotFound), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException PolicyNotFound(Exception? inner, string format, params object?[] args) => Build(ErrorIds.PolicyNotFound, ErrorCategory.ObjectNotFound, inner, format, args);

        /// <summary><see cref="ErrorIds.PolicyChangedConcurrently"/> (ResourceBusy).</summary>
        internal static AcsTeamsSecurityException PolicyChangedConcurrently(string format, params object?[] args) => Build(ErrorIds.PolicyChangedConcurrently, ErrorCategory.ResourceBusy, null, format, args);

        /// <summary><see cref="ErrorIds.PolicyChangedConcurrently"/> (ResourceBusy), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException PolicyChangedConcurrently(Exception? inner, string format, params object?[] args) => Build(ErrorIds.PolicyChangedConcurrently, ErrorCategory.ResourceBusy, inner, format, args);

        /// <summary><see cref="ErrorIds.ChangeNotApplied"/> (InvalidResult).</summary>
        internal static AcsTeamsSecurityException ChangeNotApplied(string format, params object?[] args) => Build(ErrorIds.ChangeNotApplied, ErrorCategory.InvalidResult, null, format, args);

        /// <summary><see cref="ErrorIds.ChangeNotApplied"/> (InvalidResult), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException ChangeNotApplied(Exception? inner, string format, params object?[] args) => Build(ErrorIds.ChangeNotApplied, ErrorCategory.InvalidResult, inner, format, args);

        /// <summary><see cref="ErrorIds.PolicySettingInvalid"/> (InvalidArgument).</summary>
        internal static AcsTeamsSecurityException PolicySettingInvalid(string format, params object?[] args) => Build(ErrorIds.PolicySettingInvalid, ErrorCategory.InvalidArgument, null, format, args);

        /// <summary><see cref="ErrorIds.PolicySettingInvalid"/> (InvalidArgument), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException PolicySettingInvalid(Exception? inner, string format, params object?[] args) => Build(ErrorIds.PolicySettingInvalid, ErrorCategory.InvalidArgument, inner, format, args);

        /// <summary><see cref="ErrorIds.ConfirmationRequired"/> (SecurityError).</summary>
        internal static AcsTeamsSecurityException ConfirmationRequired(string format, params object?[] args) => Build(ErrorIds.ConfirmationRequired, ErrorCategory.SecurityError, null, format, args);

        /// <summary><see cref="ErrorIds.ConfirmationRequired"/> (SecurityError), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException ConfirmationRequired(Exception? inner, string format, params object?[] args) => Build(ErrorIds.ConfirmationRequired, ErrorCategory.SecurityError, inner, format, args);

        /// <summary><see cref="ErrorIds.UserNotFound"/> (ObjectNotFound).</summary>
        internal static AcsTeamsSecurityException UserNotFound(string format, params object?[] args) => Build(ErrorIds.UserNotFound, ErrorCategory.ObjectNotFound, null, format, args);

        /// <summary><see cref="ErrorIds.UserNotFound"/> (ObjectNotFound), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException UserNotFound(Exception? inner, string format, params object?[] args) => Build(ErrorIds.UserNotFound, ErrorCategory.ObjectNotFound, inner, format, args);

        /// <summary><see cref="ErrorIds.UserIdInvalid"/> (InvalidArgument).</summary>
        internal static AcsTeamsSecurityException UserIdInvalid(string format, params object?[] args) => Build(ErrorIds.UserIdInvalid, ErrorCategory.InvalidArgument, null, format, args);

        /// <summary><see cref="ErrorIds.UserIdInvalid"/> (InvalidArgument), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException UserIdInvalid(Exception? inner, string format, params object?[] args) => Build(ErrorIds.UserIdInvalid, ErrorCategory.InvalidArgument, inner, format, args);

        /// <summary><see cref="ErrorIds.AcsResourceIdInvalid"/> (InvalidArgument).</summary>
        internal static AcsTeamsSecurityException AcsResourceIdInvalid(string format, params object?[] args) => Build(ErrorIds.AcsResourceIdInvalid, ErrorCategory.InvalidArgument, null, format, args);

        /// <summary><see cref="ErrorIds.AcsResourceIdInvalid"/> (InvalidArgument), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException AcsResourceIdInvalid(Exception? inner, string format, params object?[] args) => Build(ErrorIds.AcsResourceIdInvalid, ErrorCategory.InvalidArgument, inner, format, args);

        /// <summary><see cref="ErrorIds.AcsResourceNotFound"/> (ObjectNotFound).</summary>
        internal static AcsTeamsSecurityException AcsResourceNotFound(string format, params object?[] args) => Build(ErrorIds.AcsResourceNotFound, ErrorCategory.ObjectNotFound, null, format, args);

        /// <summary><see cref="ErrorIds.AcsResourceNotFound"/> (ObjectNotFound), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException AcsResourceNotFound(Exception? inner, string format, params object?[] args) => Build(ErrorIds.AcsResourceNotFound, ErrorCategory.ObjectNotFound, inner, format, args);

        /// <summary><see cref="ErrorIds.AcsResourceNameAmbiguous"/> (InvalidArgument).</summary>
        internal static AcsTeamsSecurityException AcsResourceNameAmbiguous(string format, params object?[] args) => Build(ErrorIds.AcsResourceNameAmbiguous, ErrorCategory.InvalidArgument, null, format, args);

        /// <summary><see cref="ErrorIds.AcsResourceNameAmbiguous"/> (InvalidArgument), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException AcsResourceNameAmbiguous(Exception? inner, string format, params object?[] args) => Build(ErrorIds.AcsResourceNameAmbiguous, ErrorCategory.InvalidArgument, inner, format, args);

        /// <summary><see cref="ErrorIds.JoinWebUrlInvalid"/> (InvalidArgument).</summary>
        internal static AcsTeamsSecurityException JoinWebUrlInvalid(string format, params object?[] args) => Build(ErrorIds.JoinWebUrlInvalid, ErrorCategory.InvalidArgument, null, format, args);

        /// <summary><see cref="ErrorIds.JoinWebUrlInvalid"/> (InvalidArgument), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException JoinWebUrlInvalid(Exception? inner, string format, params object?[] args) => Build(ErrorIds.JoinWebUrlInvalid, ErrorCategory.InvalidArgument, inner, format, args);

        /// <summary><see cref="ErrorIds.MeetingIdInvalid"/> (InvalidArgument).</summary>
        internal static AcsTeamsSecurityException MeetingIdInvalid(string format, params object?[] args) => Build(ErrorIds.MeetingIdInvalid, ErrorCategory.InvalidArgument, null, format, args);

        /// <summary><see cref="ErrorIds.MeetingIdInvalid"/> (InvalidArgument), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException MeetingIdInvalid(Exception? inner, string format, params object?[] args) => Build(ErrorIds.MeetingIdInvalid, ErrorCategory.InvalidArgument, inner, format, args);

        /// <summary><see cref="ErrorIds.MeetingNotFound"/> (ObjectNotFound).</summary>
        internal static AcsTeamsSecurityException MeetingNotFound(string format, params object?[] args) => Build(ErrorIds.MeetingNotFound, ErrorCategory.ObjectNotFound, null, format, args);

        /// <summary><see cref="ErrorIds.MeetingNotFound"/> (ObjectNotFound), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException MeetingNotFound(Exception? inner, string format, params object?[] args) => Build(ErrorIds.MeetingNotFound, ErrorCategory.ObjectNotFound, inner, format, args);

        /// <summary><see cref="ErrorIds.ApplicationAccessPolicyMissing"/> (PermissionDenied).</summary>
        internal static AcsTeamsSecurityException ApplicationAccessPolicyMissing(string format, params object?[] args) => Build(ErrorIds.ApplicationAccessPolicyMissing, ErrorCategory.PermissionDenied, null, format, args);

        /// <summary><see cref="ErrorIds.ApplicationAccessPolicyMissing"/> (PermissionDenied), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException ApplicationAccessPolicyMissing(Exception? inner, string format, params object?[] args) => Build(ErrorIds.ApplicationAccessPolicyMissing, ErrorCategory.PermissionDenied, inner, format, args);

        /// <summary><see cref="ErrorIds.OutputFolderNotFound"/> (ObjectNotFound).</summary>
        internal static AcsTeamsSecurityException OutputFolderNotFound(string format, params object?[] args) => Build(ErrorIds.OutputFolderNotFound, ErrorCategory.ObjectNotFound, null, format, args);

        /// <summary><see cref="ErrorIds.OutputFolderNotFound"/> (ObjectNotFound), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException OutputFolderNotFound(Exception? inner, string format, params object?[] args) => Build(ErrorIds.OutputFolderNotFound, ErrorCategory.ObjectNotFound, inner, format, args);

        /// <summary><see cref="ErrorIds.OutputFileExists"/> (ResourceExists).</summary>
        internal static AcsTeamsSecurityException OutputFileExists(string format, params object?[] args) => Build(ErrorIds.OutputFileExists, ErrorCategory.ResourceExists, null, format, args);

        /// <summary><see cref="ErrorIds.OutputFileExists"/> (ResourceExists), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException OutputFileExists(Exception? inner, string format, params object?[] args) => Build(ErrorIds.OutputFileExists, ErrorCategory.ResourceExists, inner, format, args);

        /// <summary><see cref="ErrorIds.OutputWriteFailed"/> (WriteError).</summary>
        internal static AcsTeamsSecurityException OutputWriteFailed(string format, params object?[] args) => Build(ErrorIds.OutputWriteFailed, ErrorCategory.WriteError, null, format, args);

        /// <summary><see cref="ErrorIds.OutputWriteFailed"/> (WriteError), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException OutputWriteFailed(Exception? inner, string format, params object?[] args) => Build(ErrorIds.OutputWriteFailed, ErrorCategory.WriteError, inner, format, args);

        /// <summary><see cref="ErrorIds.SubscriptionIdInvalid"/> (InvalidArgument).</summary>
        internal static AcsTeamsSecurityException SubscriptionIdInvalid(string format, params object?[] args) => Build(ErrorIds.SubscriptionIdInvalid, ErrorCategory.InvalidArgument, null, format, args);

        /// <summary><see cref="ErrorIds.SubscriptionIdInvalid"/> (InvalidArgument), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException SubscriptionIdInvalid(Exception? inner, string format, params object?[] args) => Build(ErrorIds.SubscriptionIdInvalid, ErrorCategory.InvalidArgument, inner, format, args);

        /// <summary><see cref="ErrorIds.ReportFormatUnsupported"/> (InvalidArgument).</summary>
        internal static AcsTeamsSecurityException ReportFormatUnsupported(string format, params object?[] args) => Build(ErrorIds.ReportFormatUnsupported, ErrorCategory.InvalidArgument, null, format, args);

        /// <summary><see cref="ErrorIds.ReportFormatUnsupported"/> (InvalidArgument), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException ReportFormatUnsupported(Exception? inner, string format, params object?[] args) => Build(ErrorIds.ReportFormatUnsupported, ErrorCategory.InvalidArgument, inner, format, args);

        /// <summary><see cref="ErrorIds.InternalError"/> (NotSpecified).</summary>
        internal static AcsTeamsSecurityException InternalError(string format, params object?[] args) => Build(ErrorIds.InternalError, ErrorCategory.NotSpecified, null, format, args);

        /// <summary><see cref="ErrorIds.InternalError"/> (NotSpecified), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException InternalError(Exception? inner, string format, params object?[] args) => Build(ErrorIds.InternalError, ErrorCategory.NotSpecified, inner, format, args);

        /// <summary><see cref="ErrorIds.SnapshotNotFound"/> (ObjectNotFound).</summary>
        internal static AcsTeamsSecurityException SnapshotNotFound(string format, params object?[] args) => Build(ErrorIds.SnapshotNotFound, ErrorCategory.ObjectNotFound, null, format, args);

        /// <summary><see cref="ErrorIds.SnapshotNotFound"/> (ObjectNotFound), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException SnapshotNotFound(Exception? inner, string format, params object?[] args) => Build(ErrorIds.SnapshotNotFound, ErrorCategory.ObjectNotFound, inner, format, args);

        /// <summary><see cref="ErrorIds.SnapshotInvalid"/> (InvalidData).</summary>
        internal static AcsTeamsSecurityException SnapshotInvalid(string format, params object?[] args) => Build(ErrorIds.SnapshotInvalid, ErrorCategory.InvalidData, null, format, args);

        /// <summary><see cref="ErrorIds.SnapshotInvalid"/> (InvalidData), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException SnapshotInvalid(Exception? inner, string format, params object?[] args) => Build(ErrorIds.SnapshotInvalid, ErrorCategory.InvalidData, inner, format, args);

        /// <summary><see cref="ErrorIds.SnapshotVersionUnsupported"/> (InvalidData).</summary>
        internal static AcsTeamsSecurityException SnapshotVersionUnsupported(string format, params object?[] args) => Build(ErrorIds.SnapshotVersionUnsupported, ErrorCategory.InvalidData, null, format, args);

        /// <summary><see cref="ErrorIds.SnapshotVersionUnsupported"/> (InvalidData), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException SnapshotVersionUnsupported(Exception? inner, string format, params object?[] args) => Build(ErrorIds.SnapshotVersionUnsupported, ErrorCategory.InvalidData, inner, format, args);

        /// <summary><see cref="ErrorIds.SnapshotTenantMismatch"/> (SecurityError).</summary>
        internal static AcsTeamsSecurityException SnapshotTenantMismatch(string format, params object?[] args) => Build(ErrorIds.SnapshotTenantMismatch, ErrorCategory.SecurityError, null, format, args);

        /// <summary><see cref="ErrorIds.SnapshotTenantMismatch"/> (SecurityError), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException SnapshotTenantMismatch(Exception? inner, string format, params object?[] args) => Build(ErrorIds.SnapshotTenantMismatch, ErrorCategory.SecurityError, inner, format, args);

        /// <summary><see cref="ErrorIds.AuditRuleNotFound"/> (ObjectNotFound).</summary>
        internal static AcsTeamsSecurityException AuditRuleNotFound(string format, params object?[] args) => Build(ErrorIds.AuditRuleNotFound, ErrorCategory.ObjectNotFound, null, format, args);

        /// <summary><see cref="ErrorIds.AuditRuleNotFound"/> (ObjectNotFound), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException AuditRuleNotFound(Exception? inner, string format, params object?[] args) => Build(ErrorIds.AuditRuleNotFound, ErrorCategory.ObjectNotFound, inner, format, args);

        /// <summary><see cref="ErrorIds.EffectivePolicyUnknown"/> (InvalidResult).</summary>
        internal static AcsTeamsSecurityException EffectivePolicyUnknown(string format, params object?[] args) => Build(ErrorIds.EffectivePolicyUnknown, ErrorCategory.InvalidResult, null, format, args);

        /// <summary><see cref="ErrorIds.EffectivePolicyUnknown"/> (InvalidResult), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException EffectivePolicyUnknown(Exception? inner, string format, params object?[] args) => Build(ErrorIds.EffectivePolicyUnknown, ErrorCategory.InvalidResult, inner, format, args);

        /// <summary><see cref="ErrorIds.MeetingNotResolved"/> (ObjectNotFound).</summary>
        internal static AcsTeamsSecurityException MeetingNotResolved(string format, params object?[] args) => Build(ErrorIds.MeetingNotResolved, ErrorCategory.ObjectNotFound, null, format, args);

        /// <summary><see cref="ErrorIds.MeetingNotResolved"/> (ObjectNotFound), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException MeetingNotResolved(Exception? inner, string format, params object?[] args) => Build(ErrorIds.MeetingNotResolved, ErrorCategory.ObjectNotFound, inner, format, args);

        /// <summary><see cref="ErrorIds.ServiceNotConnected"/> (AuthenticationError).</summary>
        internal static AcsTeamsSecurityException ServiceNotConnected(string format, params object?[] args) => Build(ErrorIds.ServiceNotConnected, ErrorCategory.AuthenticationError, null, format, args);

        /// <summary><see cref="ErrorIds.ServiceNotConnected"/> (AuthenticationError), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException ServiceNotConnected(Exception? inner, string format, params object?[] args) => Build(ErrorIds.ServiceNotConnected, ErrorCategory.AuthenticationError, inner, format, args);

        /// <summary><see cref="ErrorIds.CredentialDestinationRefused"/> (SecurityError).</summary>
        internal static AcsTeamsSecurityException CredentialDestinationRefused(string format, params object?[] args) => Build(ErrorIds.CredentialDestinationRefused, ErrorCategory.SecurityError, null, format, args);

        /// <summary><see cref="ErrorIds.CredentialDestinationRefused"/> (SecurityError), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException CredentialDestinationRefused(Exception? inner, string format, params object?[] args) => Build(ErrorIds.CredentialDestinationRefused, ErrorCategory.SecurityError, inner, format, args);

        /// <summary><see cref="ErrorIds.TokenTenantMismatch"/> (SecurityError).</summary>
        internal static AcsTeamsSecurityException TokenTenantMismatch(string format, params object?[] args) => Build(ErrorIds.TokenTenantMismatch, ErrorCategory.SecurityError, null, format, args);

        /// <summary><see cref="ErrorIds.TokenTenantMismatch"/> (SecurityError), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException TokenTenantMismatch(Exception? inner, string format, params object?[] args) => Build(ErrorIds.TokenTenantMismatch, ErrorCategory.SecurityError, inner, format, args);

        /// <summary><see cref="ErrorIds.SnapshotUnsigned"/> (SecurityError).</summary>
        internal static AcsTeamsSecurityException SnapshotUnsigned(string format, params object?[] args) => Build(ErrorIds.SnapshotUnsigned, ErrorCategory.SecurityError, null, format, args);

        /// <summary><see cref="ErrorIds.SnapshotUnsigned"/> (SecurityError), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException SnapshotUnsigned(Exception? inner, string format, params object?[] args) => Build(ErrorIds.SnapshotUnsigned, ErrorCategory.SecurityError, inner, format, args);

        /// <summary><see cref="ErrorIds.SnapshotSignatureInvalid"/> (SecurityError).</summary>
        internal static AcsTeamsSecurityException SnapshotSignatureInvalid(string format, params object?[] args) => Build(ErrorIds.SnapshotSignatureInvalid, ErrorCategory.SecurityError, null, format, args);

        /// <summary><see cref="ErrorIds.SnapshotSignatureInvalid"/> (SecurityError), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException SnapshotSignatureInvalid(Exception? inner, string format, params object?[] args) => Build(ErrorIds.SnapshotSignatureInvalid, ErrorCategory.SecurityError, inner, format, args);

        /// <summary><see cref="ErrorIds.SigningCertificateInvalid"/> (InvalidArgument).</summary>
        internal static AcsTeamsSecurityException SigningCertificateInvalid(string format, params object?[] args) => Build(ErrorIds.SigningCertificateInvalid, ErrorCategory.InvalidArgument, null, format, args);

        /// <summary><see cref="ErrorIds.SigningCertificateInvalid"/> (InvalidArgument), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException SigningCertificateInvalid(Exception? inner, string format, params object?[] args) => Build(ErrorIds.SigningCertificateInvalid, ErrorCategory.InvalidArgument, inner, format, args);

        /// <summary><see cref="ErrorIds.BrowserUnavailable"/> (ResourceUnavailable).</summary>
        internal static AcsTeamsSecurityException BrowserUnavailable(string format, params object?[] args) => Build(ErrorIds.BrowserUnavailable, ErrorCategory.ResourceUnavailable, null, format, args);

        /// <summary><see cref="ErrorIds.BrowserUnavailable"/> (ResourceUnavailable), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException BrowserUnavailable(Exception? inner, string format, params object?[] args) => Build(ErrorIds.BrowserUnavailable, ErrorCategory.ResourceUnavailable, inner, format, args);

        /// <summary><see cref="ErrorIds.SignInTimedOut"/> (OperationTimeout).</summary>
        internal static AcsTeamsSecurityException SignInTimedOut(string format, params object?[] args) => Build(ErrorIds.SignInTimedOut, ErrorCategory.OperationTimeout, null, format, args);

        /// <summary><see cref="ErrorIds.SignInTimedOut"/> (OperationTimeout), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException SignInTimedOut(Exception? inner, string format, params object?[] args) => Build(ErrorIds.SignInTimedOut, ErrorCategory.OperationTimeout, inner, format, args);

        /// <summary><see cref="ErrorIds.PolicyTypeMismatch"/> (InvalidArgument).</summary>
        internal static AcsTeamsSecurityException PolicyTypeMismatch(string format, params object?[] args) => Build(ErrorIds.PolicyTypeMismatch, ErrorCategory.InvalidArgument, null, format, args);

        /// <summary><see cref="ErrorIds.PolicyTypeMismatch"/> (InvalidArgument), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException PolicyTypeMismatch(Exception? inner, string format, params object?[] args) => Build(ErrorIds.PolicyTypeMismatch, ErrorCategory.InvalidArgument, inner, format, args);

        /// <summary><see cref="ErrorIds.CertificateUntrusted"/> (SecurityError).</summary>
        internal static AcsTeamsSecurityException CertificateUntrusted(string format, params object?[] args) => Build(ErrorIds.CertificateUntrusted, ErrorCategory.SecurityError, null, format, args);

        /// <summary><see cref="ErrorIds.CertificateUntrusted"/> (SecurityError), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException CertificateUntrusted(Exception? inner, string format, params object?[] args) => Build(ErrorIds.CertificateUntrusted, ErrorCategory.SecurityError, inner, format, args);

        /// <summary><see cref="ErrorIds.ContractWriteNotPossible"/> (InvalidData).</summary>
        internal static AcsTeamsSecurityException ContractWriteNotPossible(string format, params object?[] args) => Build(ErrorIds.ContractWriteNotPossible, ErrorCategory.InvalidData, null, format, args);

        /// <summary><see cref="ErrorIds.ContractWriteNotPossible"/> (InvalidData), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException ContractWriteNotPossible(Exception? inner, string format, params object?[] args) => Build(ErrorIds.ContractWriteNotPossible, ErrorCategory.InvalidData, inner, format, args);

        /// <summary><see cref="ErrorIds.FleetTenantFailed"/> (ReadError).</summary>
        internal static AcsTeamsSecurityException FleetTenantFailed(string format, params object?[] args) => Build(ErrorIds.FleetTenantFailed, ErrorCategory.ReadError, null, format, args);

        /// <summary><see cref="ErrorIds.FleetTenantFailed"/> (ReadError), caused by <paramref name="inner"/>.</summary>
        internal static AcsTeamsSecurityException FleetTenantFailed(Exception? inner, string format, params object?[] args) => Build(ErrorIds.FleetTenantFailed, ErrorCategory.ReadError, inner, format, args);

        /// <summary><see cref="ErrorIds.FleetEmpty"/> (ObjectNotFound).</summary>
        internal static AcsTeamsSecurityException FleetEmpty(string format, params object?[] args) => Build(ErrorIds.FleetEmpty, ErrorCategory.ObjectNotFound, null, format, args);

        /// <summary>
        /// <see cref="ErrorIds.FleetReportUnreadable"/>, caused by <paramref name="inner"/>: ObjectNotFound when the file or its
        /// folder is missing, InvalidData for anything else (not JSON, not a fleet report).
        /// </summary>
        internal static AcsTeamsSecurityException FleetReportUnreadable(Exception? inner, string format, params object?[] args) => Build(ErrorIds.FleetReportUnreadable, inner is System.IO.FileNotFoundException || inner is System.IO.DirectoryNotFoundException ? ErrorCategory.ObjectNotFound : ErrorCategory.InvalidData, inner, format, args);

        /// <summary>
        /// <see cref="ErrorIds.ServiceError"/>: ResourceUnavailable for a 5xx answer, NotSpecified for any other status
        /// without a more specific id.
        /// </summary>
        internal static AcsTeamsSecurityException ServiceError(int status, string format, params object?[] args) =>
            Build(ErrorIds.ServiceError, status >= 500 ? ErrorCategory.ResourceUnavailable : ErrorCategory.NotSpecified, null, format, args);

        /// <summary>
        /// <see cref="ErrorIds.AcsResourceUnresolved"/>: the category is the cause's (<paramref name="inner"/>'s category, for
        /// example PermissionDenied from ARM), or <paramref name="category"/> when the module found the cause itself.
        /// </summary>
        internal static AcsTeamsSecurityException AcsResourceUnresolved(ErrorCategory category, AcsTeamsSecurityException? inner, string format, params object?[] args) =>
            Build(ErrorIds.AcsResourceUnresolved, inner?.Category ?? category, inner, format, args);

        /// <summary>
        /// <see cref="ErrorIds.CollectionFailed"/>: a part of the tenant could not be read; the category, message and
        /// service details are those of the <paramref name="failure"/>, which stays the inner exception.
        /// </summary>
        internal static AcsTeamsSecurityException CollectionFailed(AcsTeamsSecurityException failure) =>
            new AcsTeamsSecurityException(ErrorIds.CollectionFailed, failure.Category, failure.Message, failure)
            {
                Target = failure.Target,
                Service = failure.Service,
                Status = failure.Status,
                RequestId = failure.RequestId,
                ServiceErrorCode = failure.ServiceErrorCode,
                RecommendedAction = failure.RecommendedAction,
            };

        /// <summary>
        /// The same error (id, category, details) with <paramref name="sentence"/> added to its message, for a caller
        /// that knows more than the layer that raised it (for example a hint about piped input).
        /// </summary>
        internal static AcsTeamsSecurityException Extend(AcsTeamsSecurityException error, string sentence) =>
            new AcsTeamsSecurityException(error.ErrorId, error.Category, error.Message.TrimEnd() + " " + sentence, error)
            {
                Target = error.Target,
                Service = error.Service,
                Status = error.Status,
                RequestId = error.RequestId,
                ServiceErrorCode = error.ServiceErrorCode,
                RecommendedAction = error.RecommendedAction,
            };

        /// <summary>Sets the details an error carries besides its message; null leaves a detail as it is.</summary>
        internal static AcsTeamsSecurityException With(
            this AcsTeamsSecurityException error,
            object? target = null,
            string? service = null,
            int? status = null,
            string? requestId = null,
            string? serviceErrorCode = null,
            string? recommendedAction = null)
        {
            error.Target = target ?? error.Target;
            error.Service = service ?? error.Service;
            error.Status = status ?? error.Status;
            error.RequestId = requestId ?? error.RequestId;
            error.ServiceErrorCode = serviceErrorCode ?? error.ServiceErrorCode;
            error.RecommendedAction = recommendedAction ?? error.RecommendedAction;
            return error;
        }

        private static AcsTeamsSecurityException Build(string id, ErrorCategory category, Exception? inner, string format, object?[] args) =>
            new AcsTeamsSecurityException(id, category, Resources.Strings.Format(format, args).TrimEnd(), inner);
    }
}
