using System.Globalization;
using System.Text.Json.Nodes;

namespace AcsTeamsSecurity.Emulator.Fixtures;

/// <summary>
/// Tenants generated from a seed instead of stored: a top-level <c>"fleet": { "count": N, "seed": S }</c> in a fixture
/// document (file or <c>POST /_emulator/fixtures</c>) expands into N small tenants. The same count and seed always give
/// the same tenants, ids, secrets and settings (docs/EMULATOR.md, "Generated fleets"), so one emulator process can serve
/// a whole managed-service provider's fleet without a fixture file of that size.
/// </summary>
internal static class FixtureGenerators
{
    /// <summary>The most tenants one fleet may have (the generated ids hold the index in 12 digits; 10,000 keeps memory small).</summary>
    public const int MaxFleetCount = 10_000;

    private static readonly string[] AutoAdmitted = ["EveryoneInCompany", "EveryoneInCompanyExcludingGuests", "Everyone", "OrganizerOnly", "InvitedUsers"];

    /// <summary>Adds the generated tenants named by the document's generator sections to <see cref="FixtureDocument.Tenants"/>.</summary>
    public static void Expand(FixtureDocument doc)
    {
        if (doc.Extra is null)
        {
            return;
        }

        var fleet = doc.Extra.FirstOrDefault(p => p.Key.Equals("fleet", StringComparison.OrdinalIgnoreCase)).Value;
        if (fleet is null)
        {
            return;
        }

        if (fleet is not JsonObject spec)
        {
            throw new FixtureException("fleet must be an object: { \"count\": <1-10000>, \"seed\": <0-65535> }.");
        }

        var count = Int(spec, "count") ?? throw new FixtureException("fleet.count is required (1-10000).");
        var seed = Int(spec, "seed") ?? 0;
        if (count is < 1 or > MaxFleetCount)
        {
            throw new FixtureException($"fleet.count must be 1-{MaxFleetCount}.");
        }

        if (seed is < 0 or > 0xFFFF)
        {
            throw new FixtureException("fleet.seed must be 0-65535.");
        }

        doc.Tenants ??= [];
        for (var i = 1; i <= count; i++)
        {
            doc.Tenants.Add(FleetTenant(seed, i));
        }
    }

    /// <summary>Tenant id of fleet tenant <paramref name="index"/> (1-based).</summary>
    public static string FleetTenantId(int seed, int index) => Id("f1ee7000", seed, index);

    /// <summary>Client id of the audit application of fleet tenant <paramref name="index"/>.</summary>
    public static string FleetClientId(int seed, int index) => Id("f1ee7a00", seed, index);

    /// <summary>The client secret of that application (a fake value, like every fixture secret).</summary>
    public static string FleetSecret(int seed, int index) => string.Create(CultureInfo.InvariantCulture, $"Flt8Q~EmuSecret-FleetApp-{seed}-{index:D4}");

    private static TenantFixture FleetTenant(int seed, int index)
    {
        // System.Random with a seed is deterministic across runs of the same runtime; the index is mixed in so every
        // tenant differs from its neighbours.
        var random = new Random(unchecked((seed * 100_003) + index));
        var key = string.Create(CultureInfo.InvariantCulture, $"fleet{index:D4}");
        var domain = seed == 0 ? $"{key}.onmicrosoft.com" : string.Create(CultureInfo.InvariantCulture, $"{key}-{seed}.onmicrosoft.com");
        var tenant = new TenantFixture
        {
            Key = seed == 0 ? key : string.Create(CultureInfo.InvariantCulture, $"{key}-{seed}"),
            Id = FleetTenantId(seed, index),
            DisplayName = string.Create(CultureInfo.InvariantCulture, $"Fleet Tenant {index:D4}"),
            InitialDomain = domain,
        };
        tenant.Applications.Add(new ApplicationFixture
        {
            DisplayName = "Fleet Security Reader",
            ClientId = FleetClientId(seed, index),
            ServicePrincipalObjectId = Id("f1ee7b00", seed, index),
            Secrets = [FleetSecret(seed, index)],
            ApplicationPermissions = new(StringComparer.OrdinalIgnoreCase)
            {
                ["graph"] = ["Organization.Read.All", "User.Read.All", "TeamsUserConfiguration.Read.All"],
            },
            DirectoryRoles = ["Teams Administrator"],
        });

        var tags = random.Next(0, 3);
        var users = 2 + random.Next(0, 5);
        for (var u = 1; u <= users; u++)
        {
            var user = new UserFixture
            {
                Id = Id(string.Create(CultureInfo.InvariantCulture, $"f1ee7c{u:x2}"), seed, index),
                UserPrincipalName = string.Create(CultureInfo.InvariantCulture, $"user{u:D2}@{domain}"),
                DisplayName = string.Create(CultureInfo.InvariantCulture, $"Fleet User {u:D2}"),
            };
            if (tags > 0 && u % 2 == 0)
            {
                user.TeamsPolicies["TeamsMeetingPolicy"] = string.Create(CultureInfo.InvariantCulture, $"Tag:Fleet{1 + (u / 2 % tags)}");
            }

            tenant.Users.Add(user);
        }

        var meeting = new JsonArray(Meeting("Global", random));
        for (var t = 1; t <= tags; t++)
        {
            meeting.Add(Meeting(string.Create(CultureInfo.InvariantCulture, $"Tag:Fleet{t}"), random));
        }

        var access = new JsonArray(new JsonObject { ["Identity"] = "Global", ["EnableAcsFederationAccess"] = random.Next(2) == 0 });
        if (random.Next(3) == 0)
        {
            access.Add(new JsonObject { ["Identity"] = "Tag:FleetNoAcs", ["EnableAcsFederationAccess"] = false });
            tenant.Users[0].TeamsPolicies["ExternalAccessPolicy"] = "Tag:FleetNoAcs";
        }

        tenant.Extra = new JsonObject
        {
            ["teams"] = new JsonObject
            {
                ["meetingPolicies"] = meeting,
                ["externalAccessPolicies"] = access,
                ["acsFederation"] = new JsonObject { ["EnableAcsUsers"] = random.Next(4) != 0 },
                ["meetingConfiguration"] = new JsonObject { ["DisableAnonymousJoin"] = random.Next(4) == 0 },
            },
        };
        return tenant;
    }

    private static JsonObject Meeting(string identity, Random random) => new()
    {
        ["Identity"] = identity,
        ["AllowAnonymousUsersToJoinMeeting"] = random.Next(2) == 0,
        ["AllowAnonymousUsersToStartMeeting"] = random.Next(5) == 0,
        ["AutoAdmittedUsers"] = AutoAdmitted[random.Next(AutoAdmitted.Length)],
        ["AllowPSTNUsersToBypassLobby"] = random.Next(4) == 0,
    };

    private static string Id(string prefix, int seed, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}-{seed:x4}-4000-8000-{index:D12}");

    private static int? Int(JsonObject obj, string name)
    {
        var node = obj.FirstOrDefault(p => p.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
        return node is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;
    }
}
