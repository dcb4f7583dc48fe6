using AcsTeamsSecurity.Emulator.Fixtures;

namespace AcsTeamsSecurity.Emulator.Entra;

/// <summary>The tenant a token-service path names: a fixture tenant, a multi-tenant alias, or an error.</summary>
internal sealed record TenantResolution(TenantFixture? Tenant, bool IsMultiTenantAlias, EntraError? Error)
{
    /// <summary>Name used in AADSTS messages ("directory '...'", "tenant named ...").</summary>
    public string DisplayName(string segment) => Tenant?.DisplayName ?? segment;

    public static TenantResolution Resolve(FixtureStore fixtures, string segment)
    {
        if (segment.Equals("organizations", StringComparison.OrdinalIgnoreCase) || segment.Equals("common", StringComparison.OrdinalIgnoreCase))
        {
            return new TenantResolution(null, true, null);
        }

        if (!Guid.TryParse(segment, out _) && !segment.Contains('.', StringComparison.Ordinal) && !segment.Equals("consumers", StringComparison.OrdinalIgnoreCase))
        {
            return new TenantResolution(null, false, EntraErrors.InvalidTenantIdentifier(segment));
        }

        var tenant = fixtures.FindTenant(segment);
        return tenant is null
            ? new TenantResolution(null, false, EntraErrors.TenantNotFound(segment))
            : new TenantResolution(tenant, false, null);
    }
}
