using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AcsTeamsSecurity.Emulator.Fixtures;
using AcsTeamsSecurity.Emulator.Hosting;

namespace AcsTeamsSecurity.Emulator.Apis;

/// <summary>
/// ARM shapes and role checks for <c>Microsoft.Communication/communicationServices</c> (api-facts §7.2) and
/// <c>Microsoft.Insights/diagnosticSettings</c> (§7.4).
/// </summary>
internal static class ArmResources
{
    public const string CommunicationRead = "Microsoft.Communication/communicationServices/read";

    public const string DiagnosticSettingsRead = "Microsoft.Insights/diagnosticSettings/read";

    /// <summary>The first api-version whose swagger has disableLocalAuth and publicNetworkAccess (§7.2).</summary>
    public const string SecurityPropertiesSince = "2025-05-01-preview";

    /// <summary>§7.2: identity from 2023-04-01, linkedDomains from 2023-03-31.</summary>
    public const string IdentitySince = "2023-04-01";

    public const string LinkedDomainsSince = "2023-03-31";

    public static readonly IReadOnlySet<string> IdentityTypes =
        new HashSet<string>(["None", "SystemAssigned", "UserAssigned", "SystemAssigned,UserAssigned"], StringComparer.Ordinal);

    public static readonly IReadOnlySet<string> NetworkAccessValues =
        new HashSet<string>(["Enabled", "Disabled", "SecuredByPerimeter"], StringComparer.Ordinal);

    // INFERRED: built-in role names that carry the read actions. Reader, Contributor and Owner have */read; Communication
    // and Email Service Owner is taken to hold Microsoft.Communication/* only; the Monitoring roles Microsoft.Insights reads.
    private static readonly string[] CommunicationReadRoles = ["Owner", "Contributor", "Reader", "Communication and Email Service Owner"];

    private static readonly string[] DiagnosticsReadRoles = ["Owner", "Contributor", "Reader", "Monitoring Reader", "Monitoring Contributor"];

    public static string ResourceId(AcsResourceFixture r) =>
        $"/subscriptions/{r.SubscriptionId}/resourceGroups/{r.ResourceGroup}/providers/Microsoft.Communication/communicationServices/{r.Name}";

    /// <summary>
    /// Whether the principal holds a role that grants <paramref name="action"/> over <paramref name="scope"/>: an
    /// assignment on the subscription (no scope, or a scope that is a prefix of the target: resource group, resource)
    /// or on the resource itself.
    /// </summary>
    public static bool CanRead(string action, string principalId, SubscriptionFixture subscription, AcsResourceFixture? resource, string scope)
    {
        var roles = action == DiagnosticSettingsRead ? DiagnosticsReadRoles : CommunicationReadRoles;
        bool Grants(RoleAssignmentFixture a) =>
            string.Equals(a.PrincipalId, principalId, StringComparison.OrdinalIgnoreCase) &&
            roles.Contains(a.RoleDefinitionName, StringComparer.OrdinalIgnoreCase);

        foreach (var a in subscription.RoleAssignments.Where(Grants))
        {
            var assigned = string.IsNullOrEmpty(a.Scope) ? $"/subscriptions/{subscription.SubscriptionId}" : a.Scope.TrimEnd('/');
            if (Covers(assigned, scope))
            {
                return true;
            }
        }

        return resource is not null && resource.RoleAssignments.Exists(Grants) && Covers(ResourceId(resource), scope);
    }

    /// <summary>True when <paramref name="assigned"/> is the target scope or one of its parents (segment boundary).</summary>
    public static bool Covers(string assigned, string target) =>
        string.Equals(assigned, target, StringComparison.OrdinalIgnoreCase) ||
        target.StartsWith(assigned + "/", StringComparison.OrdinalIgnoreCase);

    /// <summary>ARM compares api-versions as dates; ordinal string order does that for yyyy-MM-dd[-preview] (INFERRED).</summary>
    public static bool AtLeast(string apiVersion, string since) => string.CompareOrdinal(apiVersion, since) >= 0;

    public static JsonObject ResourceBody(TenantFixture tenant, AcsResourceFixture r, string apiVersion)
    {
        var properties = new JsonObject
        {
            ["provisioningState"] = r.ProvisioningState,
            ["hostName"] = HostName(r),
            ["dataLocation"] = r.DataLocation,
            ["immutableResourceId"] = r.ImmutableResourceId,
            // INFERRED: the value the swagger examples show.
            ["version"] = "0.2.0",
            ["notificationHubId"] = null,
        };
        if (AtLeast(apiVersion, LinkedDomainsSince))
        {
            properties["linkedDomains"] = JsonResponses.Array(r.LinkedDomains);
        }

        if (AtLeast(apiVersion, SecurityPropertiesSince))
        {
            properties["disableLocalAuth"] = r.DisableLocalAuth ?? false;
            properties["publicNetworkAccess"] = r.PublicNetworkAccess;
        }

        var body = new JsonObject
        {
            ["id"] = ResourceId(r),
            ["name"] = r.Name,
            ["type"] = "Microsoft.Communication/CommunicationServices",
            ["location"] = r.Location,
            ["tags"] = new JsonObject(),
        };
        if (r.Identity is { } identity && AtLeast(apiVersion, IdentitySince))
        {
            body["identity"] = IdentityBody(tenant, r, identity);
        }

        body["properties"] = properties;
        return body;
    }

    /// <summary>
    /// INFERRED: the data-plane FQDN has the real shape <c>&lt;name&gt;.&lt;geography&gt;.communication.azure.com</c>, the
    /// geography being the data location lower-cased without spaces (as the token's resourceLocation). The emulated data
    /// plane itself is served on one port per resource (Hosting/AcsEndpoints.cs).
    /// </summary>
    public static string HostName(AcsResourceFixture r) =>
        $"{r.Name.ToLowerInvariant()}.{AcsTokenIssuer.ResourceLocation(r.DataLocation)}.communication.azure.com";

    public static JsonObject DiagnosticSettingBody(AcsResourceFixture r, DiagnosticSettingFixture d)
    {
        var logs = new JsonArray();
        foreach (var l in d.Logs)
        {
            logs.Add(new JsonObject
            {
                ["category"] = string.IsNullOrEmpty(l.Category) ? null : l.Category,
                ["categoryGroup"] = string.IsNullOrEmpty(l.CategoryGroup) ? null : l.CategoryGroup,
                ["enabled"] = l.Enabled,
                ["retentionPolicy"] = new JsonObject { ["enabled"] = false, ["days"] = 0 },
            });
        }

        return new JsonObject
        {
            ["id"] = $"{ResourceId(r)}/providers/microsoft.insights/diagnosticSettings/{d.Name}",
            ["type"] = "Microsoft.Insights/diagnosticSettings",
            ["name"] = d.Name,
            ["location"] = null,
            ["kind"] = null,
            ["tags"] = null,
            ["properties"] = new JsonObject
            {
                ["storageAccountId"] = d.StorageAccountId,
                ["serviceBusRuleId"] = null,
                ["workspaceId"] = d.WorkspaceId,
                ["eventHubAuthorizationRuleId"] = d.EventHubAuthorizationRuleId,
                ["eventHubName"] = d.EventHubName,
                ["marketplacePartnerId"] = d.MarketplacePartnerId,
                ["metrics"] = new JsonArray(new JsonObject
                {
                    ["timeGrain"] = null,
                    ["category"] = "AllMetrics",
                    ["enabled"] = d.MetricsEnabled,
                    ["retentionPolicy"] = new JsonObject { ["enabled"] = false, ["days"] = 0 },
                }),
                ["logs"] = logs,
                ["logAnalyticsDestinationType"] = null,
            },
        };
    }

    private static JsonObject IdentityBody(TenantFixture tenant, AcsResourceFixture r, string type)
    {
        var body = new JsonObject { ["type"] = type };
        if (type.Contains("SystemAssigned", StringComparison.Ordinal))
        {
            body["principalId"] = DerivedGuid("system-assigned", r.Name);
            body["tenantId"] = tenant.Id;
        }

        if (type.Contains("UserAssigned", StringComparison.Ordinal))
        {
            var id = $"/subscriptions/{r.SubscriptionId}/resourceGroups/{r.ResourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{r.Name}-identity";
            body["userAssignedIdentities"] = new JsonObject
            {
                [id] = new JsonObject
                {
                    ["principalId"] = DerivedGuid("user-assigned-principal", r.Name),
                    ["clientId"] = DerivedGuid("user-assigned-client", r.Name),
                },
            };
        }

        return body;
    }

    private static string DerivedGuid(string purpose, string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{purpose}:{name.ToLowerInvariant()}"));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }
}
