using System;
using System.Collections.Generic;
using System.Linq;

namespace AcsTeamsSecurity.Auth
{
    /// <summary>
    /// Names of the Entra built-in directory roles that matter to Teams administration, by role template id (the
    /// tenant-independent ids tokens carry in "wids"). The Teams admin API authorizes by these roles, not by app
    /// permissions, so Test-AcsTeamsSecurityConnection shows them for TeamsAdmin. Other ids are shown as they are,
    /// except the default member-user role.
    /// </summary>
    internal static class DirectoryRoleNames
    {
        private const string DefaultUserRole = "b79fbf4d-3ef9-4689-8143-76b194e85509";

        private static readonly Dictionary<string, string> Names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["62e90394-69f5-4237-9190-012177145e10"] = "Global Administrator",
            ["69091246-20e8-4a56-aa4d-066075b2a7a8"] = "Teams Administrator",
            ["baf37b3a-610e-45da-9e62-d9d1e5e8914b"] = "Teams Communications Administrator",
            ["f2ef992c-3afb-46b9-b7cf-a126ee74c451"] = "Global Reader",
            ["75941009-915a-4869-abe7-691bff18279e"] = "Skype for Business Administrator",
            ["f70938a0-fc10-4177-9e90-2178f8765737"] = "Teams Communications Support Engineer",
            ["fcf91098-03e3-41a9-b5ba-6f0ec01f3a3e"] = "Teams Communications Support Specialist",
            ["3d762c5a-1b6c-493f-843e-55a3b42923d4"] = "Teams Devices Administrator",
        };

        internal static IReadOnlyList<string> Describe(IEnumerable<string> templateIds) =>
            templateIds.Where(id => !string.Equals(id, DefaultUserRole, StringComparison.OrdinalIgnoreCase))
                .Select(id => Names.TryGetValue(id, out var name) ? name : id)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToList();
    }
}
