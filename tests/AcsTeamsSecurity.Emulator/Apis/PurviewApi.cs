using System.Globalization;
using System.Text.Json.Nodes;
using AcsTeamsSecurity.Emulator.Control;
using AcsTeamsSecurity.Emulator.Entra;
using AcsTeamsSecurity.Emulator.Fixtures;
using AcsTeamsSecurity.Emulator.Hosting;

namespace AcsTeamsSecurity.Emulator.Apis;

/// <summary>
/// The REST transport of Security &amp; Compliance PowerShell (under <c>/compliance</c>) and Exchange Online PowerShell
/// (under <c>/exchange</c>), api-facts §11: <c>POST /adminapi/beta/{tenantId}/InvokeCommand</c> with
/// <c>{"CmdletInput":{"CmdletName","Parameters"}}</c>, answered <c>{"value":[…]}</c> with <c>@odata.nextLink</c> paging
/// (page size from <c>Prefer: odata.maxpagesize</c> or the control switch). Only the read cmdlets the module uses are
/// served; app-only callers need the Exchange.ManageAsApp role and a directory role that may read (403 otherwise).
/// The front door's regional redirect is a control switch (<see cref="PurviewBehavior"/>).
/// </summary>
internal sealed class PurviewApi(TokenValidator validator, FixtureStore fixtures, PurviewBehavior behavior)
{
    internal const string AnchorPrefix = "UPN:SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}@";

    private static readonly IReadOnlyCollection<string> ComplianceAudiences = ResourceCatalog.AudiencesFor(ResourceCatalog.Compliance);
    private static readonly IReadOnlyCollection<string> ExchangeAudiences = ResourceCatalog.AudiencesFor(ResourceCatalog.Exchange);

    // Who may read DLP policies (Purview role groups reached through these directory roles; INF beyond Compliance Administrator).
    private static readonly string[] ComplianceReaders =
    [
        DirectoryRoles.ComplianceAdministrator,
        "e6d1a23a-da11-4be4-9570-befc86d067a7",
        DirectoryRoles.GlobalAdministrator,
        DirectoryRoles.GlobalReader,
        DirectoryRoles.SecurityReader,
        "194ae4cb-b126-40b2-bd5b-6091b380977d",
    ];

    private static readonly string[] ExchangeReaders =
    [
        DirectoryRoles.ExchangeAdministrator,
        DirectoryRoles.ComplianceAdministrator,
        DirectoryRoles.GlobalAdministrator,
        DirectoryRoles.GlobalReader,
    ];

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/compliance/adminapi/beta/{tenantId}/InvokeCommand", context => InvokeAsync(context, compliance: true));
        app.MapPost("/exchange/adminapi/beta/{tenantId}/InvokeCommand", context => InvokeAsync(context, compliance: false));
    }

    private async Task InvokeAsync(HttpContext context, bool compliance)
    {
        var result = validator.Validate(context, compliance ? ComplianceAudiences : ExchangeAudiences);
        if (!result.IsValid)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            await ErrorAsync(context, 401, "Unauthorized", $"The access token is not valid ({result.Failure}).").ConfigureAwait(false);
            return;
        }

        var token = result.Token!;
        var tenantId = context.GetRouteValue("tenantId") as string ?? string.Empty;
        if (!string.Equals(tenantId, token.TenantId, StringComparison.OrdinalIgnoreCase))
        {
            await ErrorAsync(context, 403, "Forbidden", $"The token's tenant '{token.TenantId}' is not the tenant of the path '{tenantId}'.").ConfigureAwait(false);
            return;
        }

        // The front door's regional redirect (control switch): answered before the body is read, as a front door would.
        if (compliance && behavior.RedirectTarget(context) is { } location)
        {
            context.Response.Headers.Location = location;
            context.Response.StatusCode = 307;
            return;
        }

        var tenant = fixtures.FindTenant(token.TenantId)!;
        if (!token.IsUser && !token.HasAnyRole("Exchange.ManageAsApp"))
        {
            await ErrorAsync(context, 403, "Forbidden", "The application does not have the Exchange.ManageAsApp permission (Office 365 Exchange Online API).").ConfigureAwait(false);
            return;
        }

        if (!token.HasAnyWid(compliance ? ComplianceReaders : ExchangeReaders))
        {
            await ErrorAsync(context, 403, "Forbidden", compliance
                ? "The caller has no role that may run this cmdlet. Assign a Purview role, for example Compliance Administrator, to the service principal or user."
                : "The caller has no role that may run this cmdlet. Assign an Exchange role, for example Exchange Administrator or Compliance Administrator.").ConfigureAwait(false);
            return;
        }

        behavior.RecordAnchor(context.Request.Headers["X-AnchorMailbox"].ToString());
        if (await JsonResponses.ReadBodyAsync(context).ConfigureAwait(false) is not JsonObject body
            || body["CmdletInput"] is not JsonObject input
            || input["CmdletName"] is not JsonValue nameValue
            || !nameValue.TryGetValue<string>(out var cmdlet)
            || (input["Parameters"] is not null and not JsonObject))
        {
            await ErrorAsync(context, 400, "BadRequest", "The body must be {\"CmdletInput\": {\"CmdletName\": \"<cmdlet>\", \"Parameters\": {…}}}.").ConfigureAwait(false);
            return;
        }

        var parameters = input["Parameters"] as JsonObject ?? [];
        var purview = tenant.Purview ?? new PurviewFixture();
        List<JsonObject>? items = (compliance, cmdlet.ToUpperInvariant()) switch
        {
            (true, "GET-DLPCOMPLIANCEPOLICY") => [.. purview.DlpPolicies.Select(behavior.Shape)],
            (true, "GET-DLPCOMPLIANCERULE") => [.. purview.DlpRules.Where(r => MatchesPolicy(r, parameters))],
            (false, "GET-M365DATAATRESTENCRYPTIONPOLICY") when purview.CustomerKeyLicensed => purview.EncryptionPolicies,
            (false, "GET-M365DATAATRESTENCRYPTIONPOLICYASSIGNMENT") when purview.CustomerKeyLicensed => purview.EncryptionPolicyAssignments,
            _ => null,
        };
        if (items is null)
        {
            await ErrorAsync(context, 400, "BadRequest", $"The term '{cmdlet}' is not recognized as a name of a cmdlet, function, script file, or executable program.").ConfigureAwait(false);
            return;
        }

        var skip = int.TryParse(context.Request.Query["$skiptoken"], NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        var size = behavior.PageSize(context);
        var page = new JsonArray([.. items.Skip(skip).Take(size).Select(i => (JsonNode)i.DeepClone())]);
        var answer = new JsonObject
        {
            ["@odata.context"] = $"https://{context.Request.Host}{context.Request.PathBase}{context.Request.Path}/$metadata#Collection(Object)",
            ["value"] = page,
        };
        if (skip + size < items.Count)
        {
            answer["@odata.nextLink"] = $"https://{context.Request.Host}{context.Request.Path}?$skiptoken={skip + size}";
        }

        await JsonResponses.WriteAsync(context, 200, answer).ConfigureAwait(false);
    }

    private static bool MatchesPolicy(JsonObject rule, JsonObject parameters)
    {
        var policy = parameters["Policy"]?.ToString();
        return string.IsNullOrEmpty(policy) || string.Equals(rule["ParentPolicyName"]?.ToString(), policy, StringComparison.OrdinalIgnoreCase);
    }

    private static Task ErrorAsync(HttpContext context, int status, string code, string message) =>
        JsonResponses.WriteAsync(context, status, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } });
}

/// <summary>
/// Test-only switches of the Purview endpoints (<c>GET|POST /_emulator/purview/behavior</c>), cleared by /_emulator/reset:
/// <c>{"redirectTo":"https://host:port/compliance"|null,"pageSize":n|null,"locationShape":"string"|"object"}</c>.
/// <c>redirectTo</c>: every InvokeCommand request to /compliance that did not arrive at that URL's host and port is
/// answered 307 with Location on it (the front door's regional redirect). <c>locationShape</c>: TeamsLocation and
/// TeamsLocationException as strings (default) or as location objects {Name, DisplayName, ImmutableIdentity} (INF variant).
/// The answer also says which X-AnchorMailbox the last request carried (<c>lastAnchorMailbox</c>).
/// </summary>
internal sealed class PurviewBehavior
{
    private readonly object _gate = new();
    private string? _redirectTo;
    private int? _pageSize;
    private string _locationShape = "string";
    private string? _lastAnchor;

    public PurviewBehavior() => ControlApi.Resetting += Reset;

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/_emulator/purview/behavior", context => JsonResponses.WriteAsync(context, 200, ToJson()));
        app.MapPost("/_emulator/purview/behavior", UpdateAsync);
    }

    public void Reset()
    {
        lock (_gate)
        {
            _redirectTo = null;
            _pageSize = null;
            _locationShape = "string";
            _lastAnchor = null;
        }
    }

    public string? RedirectTarget(HttpContext context)
    {
        string? target;
        lock (_gate)
        {
            target = _redirectTo;
        }

        if (target is null || !Uri.TryCreate(target, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var here = context.Request.Host;
        if (string.Equals(here.Host, uri.Host, StringComparison.OrdinalIgnoreCase) && (here.Port ?? 443) == uri.Port)
        {
            return null;
        }

        var rest = context.Request.Path.Value!["/compliance".Length..];
        return uri.GetLeftPart(UriPartial.Path).TrimEnd('/') + rest + context.Request.QueryString;
    }

    public int PageSize(HttpContext context)
    {
        var prefer = context.Request.Headers["Prefer"].ToString();
        var requested = 1000;
        const string key = "odata.maxpagesize=";
        var at = prefer.IndexOf(key, StringComparison.OrdinalIgnoreCase);
        if (at >= 0 && int.TryParse(prefer[(at + key.Length)..].Split(',', ';')[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            requested = Math.Min(n, 1000);
        }

        lock (_gate)
        {
            return Math.Min(requested, _pageSize ?? 1000);
        }
    }

    public void RecordAnchor(string? anchor)
    {
        lock (_gate)
        {
            _lastAnchor = string.IsNullOrEmpty(anchor) ? null : anchor;
        }
    }

    /// <summary>A DLP policy as served: location lists as strings, or (switch) as location objects.</summary>
    public JsonObject Shape(JsonObject policy)
    {
        string shape;
        lock (_gate)
        {
            shape = _locationShape;
        }

        var copy = (JsonObject)policy.DeepClone();
        if (shape != "object")
        {
            return copy;
        }

        foreach (var name in new[] { "TeamsLocation", "TeamsLocationException" })
        {
            if (copy[name] is JsonArray list)
            {
                copy[name] = new JsonArray([.. list.Select(l => (JsonNode)new JsonObject
                {
                    ["Name"] = l?.ToString(),
                    ["DisplayName"] = l?.ToString(),
                    ["ImmutableIdentity"] = l?.ToString(),
                    ["Type"] = "IndividualResource",
                })]);
            }
        }

        return copy;
    }

    private async Task UpdateAsync(HttpContext context)
    {
        if (await JsonResponses.ReadBodyAsync(context).ConfigureAwait(false) is not JsonObject body)
        {
            await JsonResponses.WriteAsync(context, 400, new JsonObject { ["error"] = "Body must be a JSON object." }).ConfigureAwait(false);
            return;
        }

        lock (_gate)
        {
            if (body.ContainsKey("redirectTo"))
            {
                _redirectTo = body["redirectTo"]?.GetValue<string>();
            }

            if (body.ContainsKey("pageSize"))
            {
                _pageSize = body["pageSize"]?.GetValue<int>();
            }

            if (body["locationShape"]?.GetValue<string>() is { } shape)
            {
                _locationShape = shape == "object" ? "object" : "string";
            }
        }

        await JsonResponses.WriteAsync(context, 200, ToJson()).ConfigureAwait(false);
    }

    private JsonObject ToJson()
    {
        lock (_gate)
        {
            return new JsonObject
            {
                ["redirectTo"] = _redirectTo,
                ["pageSize"] = _pageSize,
                ["locationShape"] = _locationShape,
                ["lastAnchorMailbox"] = _lastAnchor,
            };
        }
    }
}
