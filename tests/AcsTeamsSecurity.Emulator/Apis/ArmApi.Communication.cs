using System.Globalization;
using System.Text.Json.Nodes;
using AcsTeamsSecurity.Emulator.Fixtures;
using AcsTeamsSecurity.Emulator.Hosting;

namespace AcsTeamsSecurity.Emulator.Apis;

/// <summary>
/// <c>Microsoft.Communication/communicationServices</c> reads (list by subscription and by resource group, get) and the
/// resource's <c>Microsoft.Insights/diagnosticSettings</c> list. Shapes: api-facts §7.2 and §7.4; paging size, api-version
/// gating and the role names that grant reads are INFERRED (docs/EMULATOR.md).
/// </summary>
internal sealed partial class ArmApi
{
    private const string Provider = "providers/Microsoft.Communication/communicationServices";

    /// <summary>
    /// The api-versions the Microsoft.Communication provider lists for communicationServices: DOC, the version folders
    /// of azure-rest-api-specs specification/communication/resource-manager/Microsoft.Communication/Communication
    /// (stable and preview). docs/CONTRACTS.md, "ARM".
    /// </summary>
    public static readonly string[] CommunicationApiVersions =
    [
        "2020-08-20", "2020-08-20-preview", "2021-10-01-preview", "2022-07-01-preview", "2023-03-01-preview", "2023-03-31",
        "2023-04-01", "2023-04-01-preview", "2023-06-01-preview", "2024-09-01-preview", "2025-05-01", "2025-05-01-preview",
        "2025-09-01", "2026-03-18",
    ];

    /// <summary>
    /// Microsoft.Insights/diagnosticSettings: DOC, the version folders of azure-rest-api-specs specification/monitor
    /// (preview/2017-05-01-preview, preview/2021-05-01-preview). Older versions the provider may still list are left out (INFERRED).
    /// </summary>
    public static readonly string[] DiagnosticSettingsApiVersions = ["2017-05-01-preview", "2021-05-01-preview"];

    /// <summary>
    /// ARM's answer for an api-version the provider does not list: 400 InvalidResourceType (message shape PUB, as ARM prints
    /// it for other providers: "The resource type '…' could not be found in the namespace '…' for api version '…'. The
    /// supported api-versions are '…'."; status INFERRED). Null when the version is listed.
    /// </summary>
    private static Task? RejectApiVersion(HttpContext context, string ns, string type, string[] supported)
    {
        var version = context.Request.Query["api-version"].ToString();
        if (supported.Contains(version, StringComparer.OrdinalIgnoreCase))
        {
            return null;
        }

        return ArmErrors.WriteAsync(context, 400, "InvalidResourceType",
            $"The resource type '{type}' could not be found in the namespace '{ns}' for api version '{version}'. The supported api-versions are '{string.Join(",", supported)}'.");
    }

    private static Task? RejectCommunicationApiVersion(HttpContext context) =>
        RejectApiVersion(context, "Microsoft.Communication", "communicationServices", CommunicationApiVersions);

    private void MapCommunication(IEndpointRouteBuilder app)
    {
        app.MapGet($"/arm/subscriptions/{{subscriptionId}}/{Provider}", ListBySubscriptionAsync);
        app.MapGet($"/arm/subscriptions/{{subscriptionId}}/resourceGroups/{{resourceGroup}}/{Provider}", ListByResourceGroupAsync);
        app.MapGet($"/arm/subscriptions/{{subscriptionId}}/resourceGroups/{{resourceGroup}}/{Provider}/{{name}}", GetCommunicationServiceAsync);
        app.MapGet($"/arm/subscriptions/{{subscriptionId}}/resourceGroups/{{resourceGroup}}/{Provider}/{{name}}/providers/Microsoft.Insights/diagnosticSettings", ListDiagnosticSettingsAsync);
    }

    private Task ListBySubscriptionAsync(HttpContext context)
    {
        if (Authorize(context, out var token, out var tenant) is { } denied)
        {
            return denied;
        }

        if (RejectCommunicationApiVersion(context) is { } unsupported)
        {
            return unsupported;
        }

        if (FindSubscription(context, tenant) is not { } subscription)
        {
            return SubscriptionNotFound(context);
        }

        var scope = $"/subscriptions/{subscription.SubscriptionId}";
        var inSubscription = ResourcesIn(tenant, subscription, null).ToList();
        return ListAsync(context, tenant, token, subscription, scope, inSubscription);
    }

    private Task ListByResourceGroupAsync(HttpContext context)
    {
        if (Authorize(context, out var token, out var tenant) is { } denied)
        {
            return denied;
        }

        if (RejectCommunicationApiVersion(context) is { } unsupported)
        {
            return unsupported;
        }

        if (FindSubscription(context, tenant) is not { } subscription)
        {
            return SubscriptionNotFound(context);
        }

        var group = Route(context, "resourceGroup");
        var scope = $"/subscriptions/{subscription.SubscriptionId}/resourceGroups/{group}";
        var inGroup = ResourcesIn(tenant, subscription, group).ToList();
        if (!ResourceGroupExists(tenant, subscription, group) && ArmResources.CanRead(ArmResources.CommunicationRead, token.ObjectId, subscription, null, scope))
        {
            return ArmErrors.WriteAsync(context, 404, "ResourceGroupNotFound", $"Resource group '{group}' could not be found.");
        }

        return ListAsync(context, tenant, token, subscription, scope, inGroup);
    }

    /// <summary>
    /// Read at the list's scope = every resource; otherwise (INFERRED, as ARM filters collection reads) only the resources
    /// the caller can read, and 403 when it can read none of them and holds nothing at the scope.
    /// </summary>
    private Task ListAsync(HttpContext context, TenantFixture tenant, ValidatedToken token, SubscriptionFixture subscription, string scope, List<AcsResourceFixture> candidates)
    {
        List<AcsResourceFixture> visible;
        if (ArmResources.CanRead(ArmResources.CommunicationRead, token.ObjectId, subscription, null, scope))
        {
            visible = candidates;
        }
        else
        {
            visible = candidates.Where(r => ArmResources.CanRead(ArmResources.CommunicationRead, token.ObjectId, subscription, r, ArmResources.ResourceId(r))).ToList();
            if (visible.Count == 0 && !HoldsReadBelow(token.ObjectId, subscription, scope))
            {
                return Forbidden(context, token, ArmResources.CommunicationRead, scope);
            }
        }

        var pageSize = Math.Max(1, fixtures.Document.ArmPageSize ?? 2);
        var skip = 0;
        var skipToken = context.Request.Query["$skipToken"].ToString();
        if (skipToken.Length > 0 && (!int.TryParse(skipToken, NumberStyles.None, CultureInfo.InvariantCulture, out skip) || skip > visible.Count))
        {
            // INFERRED code and message.
            return ArmErrors.WriteAsync(context, 400, "InvalidSkipToken", $"The skip token '{skipToken}' is not valid.");
        }

        var apiVersion = context.Request.Query["api-version"].ToString();
        var value = new JsonArray();
        foreach (var r in visible.Skip(skip).Take(pageSize))
        {
            value.Add(ArmResources.ResourceBody(tenant, r, apiVersion));
        }

        var body = new JsonObject { ["value"] = value };
        if (skip + pageSize < visible.Count)
        {
            body["nextLink"] = $"{server.BaseUrl}{context.Request.Path}?api-version={Uri.EscapeDataString(apiVersion)}&$skipToken={(skip + pageSize).ToString(CultureInfo.InvariantCulture)}";
        }

        return JsonResponses.WriteAsync(context, 200, body);
    }

    private Task GetCommunicationServiceAsync(HttpContext context)
    {
        if (Authorize(context, out var token, out var tenant) is { } denied)
        {
            return denied;
        }

        if (RejectCommunicationApiVersion(context) is { } unsupported)
        {
            return unsupported;
        }

        if (FindResource(context, tenant, token, ArmResources.CommunicationRead, out var resource) is { } failed)
        {
            return failed;
        }

        return JsonResponses.WriteAsync(context, 200, ArmResources.ResourceBody(tenant, resource, context.Request.Query["api-version"].ToString()));
    }

    private Task ListDiagnosticSettingsAsync(HttpContext context)
    {
        if (Authorize(context, out var token, out var tenant) is { } denied)
        {
            return denied;
        }

        if (RejectApiVersion(context, "Microsoft.Insights", "diagnosticSettings", DiagnosticSettingsApiVersions) is { } unsupported)
        {
            return unsupported;
        }

        if (FindResource(context, tenant, token, ArmResources.DiagnosticSettingsRead, out var resource) is { } failed)
        {
            return failed;
        }

        var value = new JsonArray();
        foreach (var d in resource.DiagnosticSettings)
        {
            value.Add(ArmResources.DiagnosticSettingBody(resource, d));
        }

        return JsonResponses.WriteAsync(context, 200, new JsonObject { ["value"] = value });
    }

    /// <summary>Subscription (404), then the caller's right over the resource id (403, INFERRED order: as ARM, before existence), then the resource (404).</summary>
    private static Task? FindResource(HttpContext context, TenantFixture tenant, ValidatedToken token, string action, out AcsResourceFixture resource)
    {
        resource = null!;
        if (FindSubscription(context, tenant) is not { } subscription)
        {
            return SubscriptionNotFound(context);
        }

        var group = Route(context, "resourceGroup");
        var name = Route(context, "name");
        var found = ResourcesIn(tenant, subscription, group).FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
        var scope = found is null
            ? $"/subscriptions/{subscription.SubscriptionId}/resourceGroups/{group}/providers/Microsoft.Communication/communicationServices/{name}"
            : ArmResources.ResourceId(found);
        if (!ArmResources.CanRead(action, token.ObjectId, subscription, found, scope))
        {
            return Forbidden(context, token, action, scope);
        }

        if (found is null)
        {
            return ArmErrors.WriteAsync(context, 404, "ResourceNotFound",
                $"The Resource 'Microsoft.Communication/communicationServices/{name}' under resource group '{group}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix");
        }

        resource = found;
        return null;
    }

    private static SubscriptionFixture? FindSubscription(HttpContext context, TenantFixture tenant)
    {
        var id = Route(context, "subscriptionId");
        return tenant.Subscriptions.Find(s => string.Equals(s.SubscriptionId, id, StringComparison.OrdinalIgnoreCase));
    }

    private static Task SubscriptionNotFound(HttpContext context) =>
        ArmErrors.WriteAsync(context, 404, "SubscriptionNotFound", $"The subscription '{Route(context, "subscriptionId")}' could not be found.");

    private static Task Forbidden(HttpContext context, ValidatedToken token, string action, string scope) =>
        ArmErrors.WriteAsync(context, 403, "AuthorizationFailed",
            $"The client '{token.UserPrincipalName ?? token.ObjectId}' with object id '{token.ObjectId}' does not have authorization to perform action '{action}' over scope '{scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.");

    private static IEnumerable<AcsResourceFixture> ResourcesIn(TenantFixture tenant, SubscriptionFixture subscription, string? group) =>
        tenant.AcsResources.Where(r =>
            string.Equals(r.SubscriptionId, subscription.SubscriptionId, StringComparison.OrdinalIgnoreCase) &&
            (group is null || string.Equals(r.ResourceGroup, group, StringComparison.OrdinalIgnoreCase)));

    /// <summary>A resource group exists when a resource or a role assignment of the fixture names it (INFERRED).</summary>
    private static bool ResourceGroupExists(TenantFixture tenant, SubscriptionFixture subscription, string group) =>
        ResourcesIn(tenant, subscription, group).Any() ||
        subscription.RoleAssignments.Exists(a => a.Scope is { } s && ArmResources.Covers($"/subscriptions/{subscription.SubscriptionId}/resourceGroups/{group}", s));

    /// <summary>Whether the caller holds a read role on some scope under <paramref name="scope"/> (a resource group or a resource).</summary>
    private static bool HoldsReadBelow(string principalId, SubscriptionFixture subscription, string scope) =>
        subscription.RoleAssignments.Exists(a =>
            string.Equals(a.PrincipalId, principalId, StringComparison.OrdinalIgnoreCase) &&
            a.Scope is { } s &&
            ArmResources.Covers(scope, s.TrimEnd('/')) &&
            ArmResources.CanRead(ArmResources.CommunicationRead, principalId, subscription, null, s.TrimEnd('/')));

    private static string Route(HttpContext context, string name) => context.GetRouteValue(name) as string ?? string.Empty;
}
