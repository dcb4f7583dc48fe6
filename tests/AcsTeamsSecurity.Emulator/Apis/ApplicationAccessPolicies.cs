using AcsTeamsSecurity.Emulator.Fixtures;

namespace AcsTeamsSecurity.Emulator.Apis;

/// <summary>
/// Teams application access policies (api-facts.md §3.2: app-only access to a user's online meetings needs "an
/// application access policy … granted to" that user). INFERRED, as for every Teams policy: a user has at most one
/// directly granted policy, and it wins over the Global grant.
/// </summary>
internal static class ApplicationAccessPolicies
{
    /// <summary>The policy that applies to the user: granted directly, else the global one, else none.</summary>
    public static ApplicationAccessPolicyFixture? Effective(TenantFixture tenant, UserFixture user) =>
        tenant.ApplicationAccessPolicies.FirstOrDefault(p => p.GrantedTo.Any(g => Same(tenant, g, user)))
        ?? tenant.ApplicationAccessPolicies.FirstOrDefault(p => p.Global);

    public static bool Allows(TenantFixture tenant, UserFixture user, string appId) =>
        Effective(tenant, user) is { } policy && policy.AppIds.Contains(appId, StringComparer.OrdinalIgnoreCase);

    /// <summary>Fixture checks; throws <see cref="MeetingFixtureException"/>.</summary>
    public static void Validate(TenantFixture tenant)
    {
        var identities = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var granted = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? global = null;
        foreach (var policy in tenant.ApplicationAccessPolicies)
        {
            if (string.IsNullOrWhiteSpace(policy.Identity) || !identities.Add(policy.Identity))
            {
                throw new MeetingFixtureException($"applicationAccessPolicies: every policy needs a unique identity ('{policy.Identity}').");
            }

            foreach (var appId in policy.AppIds)
            {
                if (!Guid.TryParse(appId, out _))
                {
                    throw new MeetingFixtureException($"applicationAccessPolicies '{policy.Identity}': app id '{appId}' is not a GUID.");
                }
            }

            if (policy.Global)
            {
                if (global is not null)
                {
                    throw new MeetingFixtureException($"applicationAccessPolicies: '{global}' and '{policy.Identity}' are both granted globally.");
                }

                global = policy.Identity;
            }

            foreach (var who in policy.GrantedTo)
            {
                var user = tenant.FindUser(who)
                    ?? throw new MeetingFixtureException($"applicationAccessPolicies '{policy.Identity}': grantedTo user '{who}' is not a user of the tenant.");
                if (granted.TryGetValue(user.Id, out var other) && !other.Equals(policy.Identity, StringComparison.OrdinalIgnoreCase))
                {
                    throw new MeetingFixtureException($"applicationAccessPolicies: user '{who}' is granted both '{other}' and '{policy.Identity}' (a user has one application access policy).");
                }

                granted[user.Id] = policy.Identity;
            }
        }
    }

    private static bool Same(TenantFixture tenant, string grantee, UserFixture user) =>
        string.Equals(grantee, user.Id, StringComparison.OrdinalIgnoreCase) ||
        string.Equals(grantee, user.UserPrincipalName, StringComparison.OrdinalIgnoreCase) ||
        (tenant.FindUser(grantee) is { } u && u.Id == user.Id);
}
