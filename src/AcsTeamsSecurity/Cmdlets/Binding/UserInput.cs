using System;
using System.Linq;

namespace AcsTeamsSecurity.Cmdlets.Binding
{
    /// <summary>Checks for user references (UPN or object id) before they go into request paths or filters.</summary>
    internal static class UserInput
    {
        /// <summary>A GUID, or user@domain without characters that could change a path or filter.</summary>
        internal static bool IsUser(string? value) =>
            value is not null && (Guid.TryParse(value, out _) || (value.IndexOf('@') > 0 && value.Length <= 256 && !value.Any(c => char.IsWhiteSpace(c) || c == '/' || c == '?' || c == '#' || c == '\'' || c == '"' || c == '\\' || c == '%')));
    }
}
