using System.Globalization;
using System.Text.Json.Nodes;
using AcsTeamsSecurity.Emulator.Apis;
using AcsTeamsSecurity.Emulator.Fixtures;
using AcsTeamsSecurity.Emulator.Hosting;

namespace AcsTeamsSecurity.Emulator.Control;

/// <summary>
/// Test-only view of the online-meeting store (no real service has it): the current stored state of meetings, with
/// evolvable enum values as written, so tests can check what a PATCH changed.
/// </summary>
internal sealed class MeetingControlApi(FixtureStore fixtures, OnlineMeetingStore meetings)
{
    public void Map(IEndpointRouteBuilder app) => app.MapGet("/_emulator/meetings", ListAsync);

    /// <summary><c>GET /_emulator/meetings?organizer=&lt;id or UPN&gt;</c> or <c>?tenant=&lt;key, id or domain&gt;</c> (both: AND).</summary>
    private Task ListAsync(HttpContext context)
    {
        var organizer = context.Request.Query["organizer"].FirstOrDefault();
        var tenantText = context.Request.Query["tenant"].FirstOrDefault();
        if (string.IsNullOrEmpty(organizer) && string.IsNullOrEmpty(tenantText))
        {
            return Error(context, 400, "Give ?organizer=<user id or UPN> and/or ?tenant=<key, id or domain>.");
        }

        TenantFixture? tenant = null;
        if (!string.IsNullOrEmpty(tenantText))
        {
            tenant = fixtures.FindTenantForControl(tenantText);
            if (tenant is null)
            {
                return Error(context, 404, $"No tenant '{tenantText}'.");
            }
        }

        UserFixture? user = null;
        if (!string.IsNullOrEmpty(organizer))
        {
            var found = tenant is not null ? (tenant.FindUser(organizer) is { } u ? (tenant, u) : ((TenantFixture, UserFixture)?)null) : fixtures.FindUserAnyTenant(organizer);
            if (found is null)
            {
                return Error(context, 404, $"No user '{organizer}'{(tenant is null ? string.Empty : $" in tenant '{tenant.Id}'")}.");
            }

            (tenant, user) = found.Value;
        }

        var records = user is null ? meetings.For(tenant!).All : meetings.For(tenant!).OrganizedBy(user.Id);
        var list = new JsonArray();
        foreach (var r in records)
        {
            var item = new JsonObject
            {
                ["tenantId"] = r.TenantId,
                ["organizerId"] = r.OrganizerId,
                ["organizerUserPrincipalName"] = r.OrganizerUpn,
                ["calendarEventId"] = r.EventId,
                ["patchCount"] = r.PatchCount,
                ["lastModifiedDateTime"] = r.LastModifiedDateTime?.ToString("O", CultureInfo.InvariantCulture),
            };
            foreach (var (key, value) in OnlineMeetingSchema.Render(r.Body, includeUnknownEnumMembers: true).ToList())
            {
                item[key] = value?.DeepClone();
            }

            list.Add(item);
        }

        return JsonResponses.WriteAsync(context, 200, list);
    }

    private static Task Error(HttpContext context, int status, string message) =>
        JsonResponses.WriteAsync(context, status, new JsonObject { ["error"] = message });
}
