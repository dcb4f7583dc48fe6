namespace AcsTeamsSecurity.Emulator.Fixtures;

/// <summary>Entra built-in directory role display names and their (tenant-independent) role template ids, used in wids.</summary>
internal static class DirectoryRoles
{
    public const string GlobalAdministrator = "62e90394-69f5-4237-9190-012177145e10";
    public const string TeamsAdministrator = "69091246-20e8-4a56-aa4d-066075b2a7a8";
    public const string TeamsCommunicationsAdministrator = "baf37b3a-610e-45da-9e62-d9d1e5e8914b";
    public const string GlobalReader = "f2ef992c-3afb-46b9-b7cf-a126ee74c451";
    public const string SkypeForBusinessAdministrator = "75941009-915a-4869-abe7-691bff18279e";
    public const string ComplianceAdministrator = "17315797-102d-40b4-93e0-432062caca18";
    public const string ExchangeAdministrator = "29232cdf-9323-42fd-ade2-1d097af3e4de";
    public const string SecurityReader = "5d6b6bb7-de71-4623-b4af-96380a352509";

    /// <summary>
    /// Template id Entra puts in every member user's wids ("User" role).
    /// INFERRED: from observed real tokens; not in api-facts.md.
    /// </summary>
    public const string DefaultUserRole = "b79fbf4d-3ef9-4689-8143-76b194e85509";

    private static readonly Dictionary<string, string> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Global Administrator"] = GlobalAdministrator,
        ["Teams Administrator"] = TeamsAdministrator,
        ["Teams Communications Administrator"] = TeamsCommunicationsAdministrator,
        ["Global Reader"] = GlobalReader,
        ["Skype for Business Administrator"] = SkypeForBusinessAdministrator,
        // INFERRED: further well-known template ids, for fixtures that need them.
        ["Teams Communications Support Engineer"] = "f70938a0-fc10-4177-9e90-2178f8765737",
        ["Teams Communications Support Specialist"] = "fcf91098-03e3-41a9-b5ba-6f0ec01f3a3e",
        ["Teams Devices Administrator"] = "3d762c5a-1b6c-493f-843e-55a3b42923d4",
        ["Security Reader"] = "5d6b6bb7-de71-4623-b4af-96380a352509",
        ["Security Administrator"] = "194ae4cb-b126-40b2-bd5b-6091b380977d",
        ["Directory Readers"] = "88d8e3e3-8f55-4a1e-953a-9b9898b8876b",
        ["Compliance Administrator"] = ComplianceAdministrator,
        ["Compliance Data Administrator"] = "e6d1a23a-da11-4be4-9570-befc86d067a7",
        ["Exchange Administrator"] = ExchangeAdministrator,
    };

    /// <summary>Role display name or template id → template id; null when unknown.</summary>
    public static string? ToTemplateId(string nameOrId)
    {
        if (ByName.TryGetValue(nameOrId, out var id))
        {
            return id;
        }

        return Guid.TryParse(nameOrId, out var g) ? g.ToString() : null;
    }
}
