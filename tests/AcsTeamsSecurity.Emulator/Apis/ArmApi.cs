using System.Text.Json.Nodes;
using AcsTeamsSecurity.Emulator.Entra;
using AcsTeamsSecurity.Emulator.Fixtures;
using AcsTeamsSecurity.Emulator.Hosting;

namespace AcsTeamsSecurity.Emulator.Apis;

/// <summary>
/// Azure Resource Manager under <c>/arm</c>: subscriptions visible through role assignments, and (ArmApi.Communication.cs)
/// Communication Services resources with their diagnostic settings.
/// </summary>
internal sealed partial class ArmApi(TokenValidator validator, FixtureStore fixtures, ServerInfo server)
{
    private static readonly IReadOnlyCollection<string> Audiences = ResourceCatalog.AudiencesFor(ResourceCatalog.Arm);

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/arm/subscriptions", ListSubscriptionsAsync);
        app.MapGet("/arm/subscriptions/{subscriptionId}", GetSubscriptionAsync);
        MapCommunication(app);
    }

    private Task ListSubscriptionsAsync(HttpContext context)
    {
        if (Authorize(context, out var token, out var tenant) is { } denied)
        {
            return denied;
        }

        var value = new JsonArray();
        foreach (var s in tenant.Subscriptions.Where(s => HasAssignment(s, token.ObjectId)))
        {
            value.Add(SubscriptionBody(tenant, s));
        }

        return JsonResponses.WriteAsync(context, 200, new JsonObject { ["value"] = value });
    }

    private Task GetSubscriptionAsync(HttpContext context)
    {
        if (Authorize(context, out var token, out var tenant) is { } denied)
        {
            return denied;
        }

        var id = context.GetRouteValue("subscriptionId") as string ?? string.Empty;
        var subscription = tenant.Subscriptions.Find(s => string.Equals(s.SubscriptionId, id, StringComparison.OrdinalIgnoreCase));
        if (subscription is null)
        {
            return ArmErrors.WriteAsync(context, 404, "SubscriptionNotFound", $"The subscription '{id}' could not be found.");
        }

        if (!HasAssignment(subscription, token.ObjectId))
        {
            return ArmErrors.WriteAsync(context, 403, "AuthorizationFailed",
                $"The client '{token.UserPrincipalName ?? token.ObjectId}' with object id '{token.ObjectId}' does not have authorization to perform action 'Microsoft.Resources/subscriptions/read' over scope '/subscriptions/{id}' or the scope is invalid. If access was recently granted, please refresh your credentials.");
        }

        return JsonResponses.WriteAsync(context, 200, SubscriptionBody(tenant, subscription));
    }

    private static bool HasAssignment(SubscriptionFixture s, string principalId) =>
        s.RoleAssignments.Exists(r => string.Equals(r.PrincipalId, principalId, StringComparison.OrdinalIgnoreCase));

    private static JsonObject SubscriptionBody(TenantFixture tenant, SubscriptionFixture s) => new()
    {
        ["id"] = $"/subscriptions/{s.SubscriptionId}",
        ["authorizationSource"] = "RoleBased",
        ["managedByTenants"] = new JsonArray(),
        ["subscriptionId"] = s.SubscriptionId,
        ["tenantId"] = tenant.Id,
        ["displayName"] = s.DisplayName,
        ["state"] = s.State,
        ["subscriptionPolicies"] = new JsonObject
        {
            ["locationPlacementId"] = "Public_2014-09-01",
            ["quotaId"] = "PayAsYouGo_2014-09-01",
            ["spendingLimit"] = "Off",
        },
    };

    /// <summary>Token first, then api-version (INFERRED ordering). Returns the error task or null.</summary>
    private Task? Authorize(HttpContext context, out ValidatedToken token, out TenantFixture tenant)
    {
        token = null!;
        tenant = null!;
        var result = validator.Validate(context, Audiences);
        if (!result.IsValid)
        {
            return ArmErrors.WriteUnauthorizedAsync(context, server, result);
        }

        if (string.IsNullOrEmpty(context.Request.Query["api-version"]))
        {
            return ArmErrors.WriteAsync(context, 400, "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests.");
        }

        token = result.Token!;
        tenant = fixtures.FindTenant(token.TenantId)!;
        return null;
    }
}
