using System;
using System.Management.Automation;

namespace AcsTeamsSecurity.Errors
{
    /// <summary>
    /// The one exception type this module raises for expected failures. It carries everything the
    /// cmdlet layer needs to build an <see cref="ErrorRecord"/>: a stable id, a category, the target,
    /// and, for service errors, the service and its request id. Messages never contain secrets.
    /// </summary>
    public sealed class AcsTeamsSecurityException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public AcsTeamsSecurityException(string errorId, ErrorCategory category, string message, Exception? innerException = null)
            : base(message, innerException)
        {
            ErrorId = errorId;
            Category = category;
        }

        /// <summary>The stable id from <see cref="ErrorIds"/>.</summary>
        public string ErrorId { get; }

        /// <summary>The PowerShell error category.</summary>
        public ErrorCategory Category { get; }

        /// <summary>What the error is about (a tenant, a policy, a meeting...), or null.</summary>
        public object? Target { get; set; }

        /// <summary>The service that answered, if any (Graph, TeamsAdmin, Acs, Arm, Entra).</summary>
        public string? Service { get; set; }

        /// <summary>The HTTP status the service answered with, if any.</summary>
        public int? Status { get; set; }

        /// <summary>The service's request id, for support cases.</summary>
        public string? RequestId { get; set; }

        /// <summary>The service's own error code (for example AADSTS7000215 or Authorization_RequestDenied).</summary>
        public string? ServiceErrorCode { get; set; }

        /// <summary>What the user can do about it.</summary>
        public string? RecommendedAction { get; set; }
    }
}
