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

        var scale = doc.Extra.FirstOrDefault(p => p.Key.Equals("scaleTenant", StringComparison.OrdinalIgnoreCase)).Value;
        if (scale is not null)
        {
            doc.Tenants ??= [];
            doc.Tenants.Add(ScaleTenant(scale as JsonObject ?? throw new FixtureException("scaleTenant must be an object.")));
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

    /// <summary>The scale tenant's id, application and secret (docs/EMULATOR.md, "Generated scale tenant").</summary>
    public const string ScaleTenantId = "5ca1e000-0000-4000-8000-000000000000";

    public const string ScaleClientId = "5ca1e000-0001-4000-8000-000000000001";

    public const string ScaleSecret = "Scl8Q~EmuSecret-ScaleApp-150k-users-300-policies-10k-organizers";

    /// <summary>Id of scale-tenant user <paramref name="n"/> (1-based).</summary>
    public static string ScaleUserId(int n) => string.Create(CultureInfo.InvariantCulture, $"5ca1e000-0002-4000-8000-{n:D12}");

    /// <summary>
    /// One enterprise-sized tenant: <c>users</c> (default 150,000) users; <c>meetingPolicies</c> (300) meeting and
    /// <c>externalAccessPolicies</c> (60) external access policy instances beside Global, assigned directly and through
    /// groups; the first <c>organizers</c> (10,000) users organize 1-3 meetings each in the next 28 days.
    /// </summary>
    private static TenantFixture ScaleTenant(JsonObject spec)
    {
        var seed = Int(spec, "seed") ?? 1;
        var users = Int(spec, "users") ?? 150_000;
        var meetingPolicies = Int(spec, "meetingPolicies") ?? 300;
        var accessPolicies = Int(spec, "externalAccessPolicies") ?? 60;
        var organizers = Int(spec, "organizers") ?? 10_000;
        if (users is < 1 or > 500_000 || meetingPolicies is < 1 or > 5_000 || accessPolicies is < 1 or > 5_000 || organizers < 0 || organizers > users)
        {
            throw new FixtureException("scaleTenant: users 1-500000, meetingPolicies and externalAccessPolicies 1-5000, organizers 0-users.");
        }

        var random = new Random(seed);
        const string domain = "scale.onmicrosoft.com";
        var tenant = new TenantFixture { Key = "scale", Id = ScaleTenantId, DisplayName = "Scale Tenant", InitialDomain = domain };
        tenant.Applications.Add(new ApplicationFixture
        {
            DisplayName = "Scale Auditor",
            ClientId = ScaleClientId,
            ServicePrincipalObjectId = "5ca1e000-0001-4000-8000-000000000002",
            Secrets = [ScaleSecret],
            ApplicationPermissions = new(StringComparer.OrdinalIgnoreCase)
            {
                ["graph"] = ["Organization.Read.All", "User.Read.All", "TeamsUserConfiguration.Read.All", "OnlineMeetings.Read.All", "Calendars.Read"],
            },
            DirectoryRoles = ["Teams Administrator"],
        });
        tenant.ApplicationAccessPolicies.Add(new ApplicationAccessPolicyFixture { Identity = "Tag:ScaleAudit", AppIds = [ScaleClientId], Global = true });

        var meeting = new JsonArray(new JsonObject { ["Identity"] = "Global", ["AllowAnonymousUsersToJoinMeeting"] = false });
        for (var p = 1; p <= meetingPolicies; p++)
        {
            meeting.Add(Meeting(string.Create(CultureInfo.InvariantCulture, $"Tag:ScaleMeeting{p:D4}"), random));
        }

        var access = new JsonArray(new JsonObject { ["Identity"] = "Global" });
        for (var p = 1; p <= accessPolicies; p++)
        {
            access.Add(new JsonObject
            {
                ["Identity"] = string.Create(CultureInfo.InvariantCulture, $"Tag:ScaleAccess{p:D3}"),
                ["EnableAcsFederationAccess"] = random.Next(3) != 0,
                ["EnableTeamsConsumerAccess"] = random.Next(2) == 0,
            });
        }

        tenant.Extra = new JsonObject
        {
            ["teams"] = new JsonObject
            {
                ["meetingPolicies"] = meeting,
                ["externalAccessPolicies"] = access,
                ["acsFederation"] = new JsonObject { ["EnableAcsUsers"] = true },
            },
        };

        // Groups: one per 10 meeting policies and one per 10 external access policies, ranked in order.
        var meetingGroups = Math.Max(1, meetingPolicies / 10);
        var accessGroups = Math.Max(1, accessPolicies / 10);
        for (var g = 1; g <= meetingGroups + accessGroups; g++)
        {
            var isMeeting = g <= meetingGroups;
            tenant.Groups.Add(new GroupFixture
            {
                Id = string.Create(CultureInfo.InvariantCulture, $"5ca1e000-0003-4000-8000-{g:D12}"),
                DisplayName = string.Create(CultureInfo.InvariantCulture, $"Scale Group {g:D3}"),
                TeamsPolicies = new(StringComparer.OrdinalIgnoreCase)
                {
                    [isMeeting ? "TeamsMeetingPolicy" : "ExternalAccessPolicy"] = isMeeting
                        ? string.Create(CultureInfo.InvariantCulture, $"Tag:ScaleMeeting{(g * 10) - 9:D4}")
                        : string.Create(CultureInfo.InvariantCulture, $"Tag:ScaleAccess{((g - meetingGroups) * 10) - 9:D3}"),
                },
                Rank = g,
            });
        }

        for (var n = 1; n <= users; n++)
        {
            var user = new UserFixture
            {
                Id = ScaleUserId(n),
                UserPrincipalName = string.Create(CultureInfo.InvariantCulture, $"user{n:D6}@{domain}"),
                DisplayName = string.Create(CultureInfo.InvariantCulture, $"Scale User {n:D6}"),
            };

            // Meeting policy: a third direct, a third through a group, a third Global.
            switch (n % 3)
            {
                case 0:
                    user.TeamsPolicies["TeamsMeetingPolicy"] = string.Create(CultureInfo.InvariantCulture, $"Tag:ScaleMeeting{1 + (n % meetingPolicies):D4}");
                    break;
                case 1:
                    tenant.Groups[n % meetingGroups].Members.Add(user.Id);
                    break;
            }

            // External access: one in seven direct, one in seven through a group.
            if (n % 7 == 0)
            {
                user.TeamsPolicies["ExternalAccessPolicy"] = string.Create(CultureInfo.InvariantCulture, $"Tag:ScaleAccess{1 + (n % accessPolicies):D3}");
            }
            else if (n % 7 == 1)
            {
                tenant.Groups[meetingGroups + (n % accessGroups)].Members.Add(user.Id);
            }

            if (n <= organizers)
            {
                user.MeetingGenerator = new JsonObject
                {
                    ["count"] = 1 + (n % 3),
                    ["startDateTime"] = string.Create(CultureInfo.InvariantCulture, $"today+P{n % 28}DT{8 + (n % 9)}H"),
                    ["intervalMinutes"] = 1440,
                    ["durationMinutes"] = 30,
                    ["lobbyScope"] = new JsonArray("organization", "everyone", "organizer"),
                    ["subjectPrefix"] = "Scale meeting",
                };
            }

            tenant.Users.Add(user);
        }

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
