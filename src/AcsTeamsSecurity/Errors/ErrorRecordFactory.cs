using System;
using System.Management.Automation;

namespace AcsTeamsSecurity.Errors
{
    /// <summary>Turns exceptions into <see cref="ErrorRecord"/>s with stable ids.</summary>
    internal static class ErrorRecordFactory
    {
        internal static ErrorRecord Create(AcsTeamsSecurityException exception, object? target = null)
        {
            var record = new ErrorRecord(exception, exception.ErrorId, exception.Category, target ?? exception.Target);
            if (!string.IsNullOrEmpty(exception.RecommendedAction))
            {
                record.ErrorDetails = new ErrorDetails(exception.Message) { RecommendedAction = exception.RecommendedAction };
            }

            return record;
        }

        /// <summary>Wraps an unexpected exception without losing it, and without echoing anything that might be secret.</summary>
        internal static ErrorRecord Unexpected(Exception exception, string activity, object? target = null) =>
            Create(ErrorFactory.InternalError(exception, Resources.Strings.InternalError_UnexpectedFailure, activity, exception.GetType().Name), target);
    }
}
