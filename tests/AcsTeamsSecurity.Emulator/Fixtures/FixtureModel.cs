using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace AcsTeamsSecurity.Emulator.Fixtures;

// The fixture schema (documented in docs/EMULATOR.md). Unknown properties are kept in Extra on every object so
// later services (Teams policies, online meetings, ACS resources) can read their own sections without a schema change.

/// <summary>Root of a fixture file: several tenants at once.</summary>
public sealed class FixtureDocument
{
    public List<TenantFixture> Tenants { get; set; } = [];

    /// <summary>Clock skew accepted when APIs validate token nbf/exp. Real services allow 5 minutes.</summary>
    public int? ClockSkewSeconds { get; set; }

    /// <summary>ARM list page size (communicationServices lists), so clients must follow nextLink. INFERRED; default 2.</summary>
    public int? ArmPageSize { get; set; }

    [JsonExtensionData]
    public JsonObject? Extra { get; set; }
}

public sealed class TenantFixture
{
    /// <summary>Short handle used in docs and by the control API (e.g. "contoso"). Not accepted by Entra paths.</summary>
    public string? Key { get; set; }

    public string Id { get; set; } = string.Empty;

    public string DisplayName { get; set; } = string.Empty;

    /// <summary>e.g. contoso.onmicrosoft.com.</summary>
    public string InitialDomain { get; set; } = string.Empty;

    /// <summary>Further verified (custom) domains, e.g. contoso.com.</summary>
    public List<string> Domains { get; set; } = [];

    public int TokenLifetimeSeconds { get; set; } = 3600;

    /// <summary>Device code polling interval. Real Entra uses 5; 1 keeps tests fast.</summary>
    public int DeviceCodeIntervalSeconds { get; set; } = 1;

    public List<ApplicationFixture> Applications { get; set; } = [];

    public List<UserFixture> Users { get; set; } = [];

    public List<ManagedIdentityHostFixture> ManagedIdentities { get; set; } = [];

    public List<SubscriptionFixture> Subscriptions { get; set; } = [];

    /// <summary>Communication Services resources; each is served on its own port with no path prefix (Hosting/AcsEndpoints.cs).</summary>
    public List<AcsResourceFixture> AcsResources { get; set; } = [];

    /// <summary>Directory groups; used for Teams group policy assignments.</summary>
    public List<GroupFixture> Groups { get; set; } = [];

    /// <summary>Teams application access policies: which apps may use app-only Graph online-meeting APIs for which users.</summary>
    public List<ApplicationAccessPolicyFixture> ApplicationAccessPolicies { get; set; } = [];

    /// <summary>Microsoft Purview: what the Security &amp; Compliance and Exchange Online read cmdlets return (PurviewApi).</summary>
    public PurviewFixture? Purview { get; set; }

    [JsonExtensionData]
    public JsonObject? Extra { get; set; }

    public ApplicationFixture? FindApplication(string? clientId) =>
        clientId is null ? null : Applications.Find(a => string.Equals(a.ClientId, clientId, StringComparison.OrdinalIgnoreCase));

    public UserFixture? FindUser(string? idOrUpn)
    {
        if (idOrUpn is null)
        {
            return null;
        }

        if (Users.Count < 64)
        {
            return Users.Find(u => Is(u, idOrUpn));
        }

        // Generated tenants have 150,000 users: look them up by id and UPN (rebuilt when the list changes size).
        var index = _userIndex;
        if (index is null || index.Count == 0 || _userIndexSize != Users.Count)
        {
            index = new Dictionary<string, UserFixture>(Users.Count * 2, StringComparer.OrdinalIgnoreCase);
            foreach (var u in Users)
            {
                index.TryAdd(u.Id, u);
                index.TryAdd(u.UserPrincipalName, u);
            }

            _userIndex = index;
            _userIndexSize = Users.Count;
        }

        return index.TryGetValue(idOrUpn, out var found) && Is(found, idOrUpn) ? found : Users.Find(u => Is(u, idOrUpn));
    }

    private static bool Is(UserFixture u, string idOrUpn) =>
        string.Equals(u.Id, idOrUpn, StringComparison.OrdinalIgnoreCase) || string.Equals(u.UserPrincipalName, idOrUpn, StringComparison.OrdinalIgnoreCase);

    private Dictionary<string, UserFixture>? _userIndex;
    private int _userIndexSize;

    public IEnumerable<string> AllDomains()
    {
        yield return InitialDomain;
        foreach (var d in Domains)
        {
            yield return d;
        }
    }
}

/// <summary>Fields shared by anything that can hold an app-only token (applications and managed identities).</summary>
public abstract class ServicePrincipalFixture
{
    /// <summary>Application permissions per service ("graph", "teams", "acs", "arm"); become the roles claim.</summary>
    public Dictionary<string, List<string>> ApplicationPermissions { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Directory role display names (or template ids); become the wids claim.</summary>
    public List<string> DirectoryRoles { get; set; } = [];

    public string DisplayName { get; set; } = string.Empty;

    [JsonExtensionData]
    public JsonObject? Extra { get; set; }

    public IReadOnlyList<string> PermissionsFor(string service) =>
        ApplicationPermissions.TryGetValue(service, out var list) ? list : [];
}

public sealed class ApplicationFixture : ServicePrincipalFixture
{
    private volatile X509Certificate2[] _parsedCertificates = [];

    public string ClientId { get; set; } = string.Empty;

    public string ServicePrincipalObjectId { get; set; } = string.Empty;

    /// <summary>Client secret values (plain strings).</summary>
    public List<string> Secrets { get; set; } = [];

    /// <summary>Base64 DER public certificates. Tests usually add them at run time through the control API.</summary>
    public List<string> Certificates { get; set; } = [];

    public List<FederatedCredentialFixture> FederatedCredentials { get; set; } = [];

    /// <summary>Allows public-client flows (device code, refresh without a secret).</summary>
    public bool IsPublicClient { get; set; }

    /// <summary>Delegated permissions granted per service when a user asks for "&lt;resource&gt;/.default".</summary>
    public Dictionary<string, List<string>> DelegatedPermissions { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    [JsonIgnore]
    public IReadOnlyList<X509Certificate2> ParsedCertificates => _parsedCertificates;

    internal void SetParsedCertificates(X509Certificate2[] certificates) => _parsedCertificates = certificates;
}

public sealed class FederatedCredentialFixture
{
    public string Issuer { get; set; } = string.Empty;

    public string Subject { get; set; } = string.Empty;

    public string Audience { get; set; } = "api://AzureADTokenExchange";

    public string? Name { get; set; }
}

public sealed class UserFixture
{
    public string Id { get; set; } = string.Empty;

    public string UserPrincipalName { get; set; } = string.Empty;

    public string DisplayName { get; set; } = string.Empty;

    public string? Mail { get; set; }

    public List<string> DirectoryRoles { get; set; } = [];

    /// <summary>Direct Teams policy assignments: policy type → instance identity ("Tag:Name" or "Name").</summary>
    public Dictionary<string, string> TeamsPolicies { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Online meetings this user organizes (Graph onlineMeeting properties; missing ones get defaults).</summary>
    public List<JsonObject>? OnlineMeetings { get; set; }

    /// <summary>Generates N meetings deterministically: count, startDateTime, intervalMinutes, durationMinutes, lobbyScope, subjectPrefix, plus meeting properties.</summary>
    public JsonObject? MeetingGenerator { get; set; }

    /// <summary>Free-form properties (givenName, jobTitle, usageLocation, ... or whatever later services need).</summary>
    [JsonExtensionData]
    public JsonObject? Extra { get; set; }
}

/// <summary>
/// A Teams application access policy (New-CsApplicationAccessPolicy + Grant-CsApplicationAccessPolicy): the apps in
/// <see cref="AppIds"/> may call the online-meeting APIs with app-only tokens on behalf of the users in
/// <see cref="GrantedTo"/>, or of every user without a directly granted policy when <see cref="Global"/> is true.
/// </summary>
public sealed class ApplicationAccessPolicyFixture
{
    /// <summary>"Tag:Name" (or "Global").</summary>
    public string Identity { get; set; } = string.Empty;

    public string? Description { get; set; }

    /// <summary>Client ids (appid claim) of the allowed applications.</summary>
    public List<string> AppIds { get; set; } = [];

    /// <summary>User ids or UPNs the policy is granted to.</summary>
    public List<string> GrantedTo { get; set; } = [];

    /// <summary>Granted tenant-wide (Grant-CsApplicationAccessPolicy -Global).</summary>
    public bool Global { get; set; }

    [JsonExtensionData]
    public JsonObject? Extra { get; set; }
}

/// <summary>A directory group with members and optional Teams group policy assignments.</summary>
public sealed class GroupFixture
{
    public string Id { get; set; } = string.Empty;

    public string DisplayName { get; set; } = string.Empty;

    /// <summary>Member user ids (or UPNs).</summary>
    public List<string> Members { get; set; } = [];

    /// <summary>Group policy assignments: policy type → instance identity.</summary>
    public Dictionary<string, string> TeamsPolicies { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Group assignment rank: among groups, the lowest rank wins. Default: position in the list (1-based).</summary>
    public int? Rank { get; set; }

    [JsonExtensionData]
    public JsonObject? Extra { get; set; }
}

/// <summary>One managed-identity host (an Automation account, App Service, ...), selected by its identity header value.</summary>
public sealed class ManagedIdentityHostFixture
{
    public string IdentityHeader { get; set; } = string.Empty;

    public string? Name { get; set; }

    public ManagedIdentityFixture? SystemAssigned { get; set; }

    public List<ManagedIdentityFixture> UserAssigned { get; set; } = [];

    [JsonExtensionData]
    public JsonObject? Extra { get; set; }
}

public sealed class ManagedIdentityFixture : ServicePrincipalFixture
{
    /// <summary>Object id of the identity's service principal (the token's oid).</summary>
    public string PrincipalId { get; set; } = string.Empty;

    /// <summary>Client (application) id (the token's appid/azp).</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>ARM resource id (user-assigned: .../userAssignedIdentities/name; system-assigned: the host resource).</summary>
    public string? ResourceId { get; set; }
}

public sealed class SubscriptionFixture
{
    public string SubscriptionId { get; set; } = string.Empty;

    public string DisplayName { get; set; } = string.Empty;

    public string State { get; set; } = "Enabled";

    public List<RoleAssignmentFixture> RoleAssignments { get; set; } = [];

    [JsonExtensionData]
    public JsonObject? Extra { get; set; }
}

/// <summary>
/// An Azure Communication Services resource. The data plane lives on its own port (Hosting/AcsEndpoints.cs); ARM serves it as
/// <c>Microsoft.Communication/communicationServices</c> (api-facts §7.2) with the security properties below.
/// </summary>
public sealed class AcsResourceFixture
{
    /// <summary>Resource name (ARM pattern <c>^[-\w]+$</c>, 1-63 characters); unique across all tenants.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>GUID used in <c>8:acs:&lt;immutableResourceId&gt;_&lt;id&gt;</c> identity ids and in ACS tokens.</summary>
    public string ImmutableResourceId { get; set; } = string.Empty;

    public string? SubscriptionId { get; set; }

    public string? ResourceGroup { get; set; }

    public string Location { get; set; } = "global";

    /// <summary>Where the resource stores data at rest, e.g. "United States", "Europe".</summary>
    public string DataLocation { get; set; } = "United States";

    public AcsAccessKeysFixture AccessKeys { get; set; } = new();

    /// <summary>Azure role assignments on the resource; Entra (bearer) callers need Owner, Contributor or Communication and Email Service Owner.</summary>
    public List<RoleAssignmentFixture> RoleAssignments { get; set; } = [];

    /// <summary>ARM <c>properties.provisioningState</c>.</summary>
    public string ProvisioningState { get; set; } = "Succeeded";

    /// <summary>
    /// ARM <c>properties.disableLocalAuth</c> (served from api-version 2025-05-01-preview). Null = never set, reported as
    /// false (INFERRED: unset means local auth is on). Not enforced by the emulated data plane.
    /// </summary>
    public bool? DisableLocalAuth { get; set; }

    /// <summary>ARM <c>properties.publicNetworkAccess</c>: Enabled, Disabled or SecuredByPerimeter (from 2025-05-01-preview).</summary>
    public string PublicNetworkAccess { get; set; } = "Enabled";

    /// <summary>
    /// Managed identity type: None, SystemAssigned, UserAssigned or "SystemAssigned,UserAssigned"; null = the resource has
    /// no <c>identity</c> property. Principal ids are derived from the name (deterministic).
    /// </summary>
    public string? Identity { get; set; }

    /// <summary>ARM <c>properties.linkedDomains</c>: resource ids of linked email domains.</summary>
    public List<string> LinkedDomains { get; set; } = [];

    /// <summary>Azure Monitor diagnostic settings on the resource (api-facts §7.4).</summary>
    public List<DiagnosticSettingFixture> DiagnosticSettings { get; set; } = [];

    [JsonExtensionData]
    public JsonObject? Extra { get; set; }
}

/// <summary>One <c>Microsoft.Insights/diagnosticSettings</c> entry: log categories and destinations.</summary>
public sealed class DiagnosticSettingFixture
{
    public string Name { get; set; } = string.Empty;

    public List<DiagnosticLogFixture> Logs { get; set; } = [];

    /// <summary>Log Analytics workspace resource id.</summary>
    public string? WorkspaceId { get; set; }

    public string? StorageAccountId { get; set; }

    public string? EventHubAuthorizationRuleId { get; set; }

    public string? EventHubName { get; set; }

    public string? MarketplacePartnerId { get; set; }

    /// <summary>Whether the AllMetrics category is on.</summary>
    public bool MetricsEnabled { get; set; }

    [JsonExtensionData]
    public JsonObject? Extra { get; set; }
}

/// <summary>A log entry of a diagnostic setting: a category (e.g. AuthOperational) or a category group (allLogs, audit).</summary>
public sealed class DiagnosticLogFixture
{
    public string? Category { get; set; }

    public string? CategoryGroup { get; set; }

    public bool Enabled { get; set; } = true;

    [JsonExtensionData]
    public JsonObject? Extra { get; set; }
}

/// <summary>The two HMAC access keys (base64). Fake test values.</summary>
public sealed class AcsAccessKeysFixture
{
    public string Primary { get; set; } = string.Empty;

    public string Secondary { get; set; } = string.Empty;

    [JsonExtensionData]
    public JsonObject? Extra { get; set; }
}

public sealed class RoleAssignmentFixture
{
    public string PrincipalId { get; set; } = string.Empty;

    public string RoleDefinitionName { get; set; } = string.Empty;

    /// <summary>Defaults to the subscription scope.</summary>
    public string? Scope { get; set; }

    [JsonExtensionData]
    public JsonObject? Extra { get; set; }
}

/// <summary>
/// A tenant's Microsoft Purview data as the read cmdlets return it (PascalCase properties, served as given): DLP policies
/// and rules (Security &amp; Compliance) and the Customer Key data-at-rest encryption policies (Exchange Online).
/// </summary>
public sealed class PurviewFixture
{
    /// <summary>Get-DlpCompliancePolicy objects (Name, Mode, Workload, TeamsLocation, TeamsLocationException, …).</summary>
    public List<JsonObject> DlpPolicies { get; set; } = [];

    /// <summary>Get-DlpComplianceRule objects (Name, ParentPolicyName, ContentContainsSensitiveInformation, BlockAccess, BlockAccessScope, Disabled).</summary>
    public List<JsonObject> DlpRules { get; set; } = [];

    /// <summary>False: the Customer Key cmdlets are not offered to the tenant (no licence) and answer "not recognized".</summary>
    public bool CustomerKeyLicensed { get; set; }

    /// <summary>Get-M365DataAtRestEncryptionPolicy objects.</summary>
    public List<JsonObject> EncryptionPolicies { get; set; } = [];

    /// <summary>Get-M365DataAtRestEncryptionPolicyAssignment objects (none: no policy assigned).</summary>
    public List<JsonObject> EncryptionPolicyAssignments { get; set; } = [];
}
