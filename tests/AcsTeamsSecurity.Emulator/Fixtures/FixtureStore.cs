using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using AcsTeamsSecurity.Emulator.Hosting;

namespace AcsTeamsSecurity.Emulator.Fixtures;

/// <summary>Thrown when a fixture document is invalid; the message names the offending item.</summary>
internal sealed class FixtureException(string message) : Exception(message);

/// <summary>
/// The directory state: tenants, apps, users, managed identities, subscriptions. Reads are lock-free against an
/// immutable snapshot reference; whole-document changes swap the snapshot, small run-time changes (certificates,
/// token lifetime) are copy-on-write on the affected object.
/// </summary>
internal sealed class FixtureStore
{
    private readonly object _writeGate = new();
    private volatile Snapshot _current = new(new FixtureDocument());

    /// <summary>Raised after the document is replaced or merged (per-tenant stores drop their state).</summary>
    public event Action? Replaced;

    public FixtureDocument Document => _current.Document;

    public IReadOnlyList<TenantFixture> Tenants => _current.Document.Tenants;

    public TimeSpan ClockSkew => TimeSpan.FromSeconds(_current.Document.ClockSkewSeconds ?? 300);

    public static FixtureDocument Parse(string json)
    {
        FixtureDocument? doc;
        try
        {
            doc = JsonSerializer.Deserialize<FixtureDocument>(json, JsonResponses.Options);
        }
        catch (JsonException ex)
        {
            throw new FixtureException($"Fixture JSON is not valid: {ex.Message}");
        }

        if (doc is null)
        {
            throw new FixtureException("Fixture JSON is empty.");
        }

        FixtureGenerators.Expand(doc);
        Normalize(doc);
        return doc;
    }

    public static FixtureDocument Load(string path) => Parse(File.ReadAllText(path));

    public void Replace(FixtureDocument document)
    {
        lock (_writeGate)
        {
            Validate(document);
            _current = new Snapshot(document);
        }

        Replaced?.Invoke();
    }

    /// <summary>Adds the tenants of <paramref name="document"/>; a tenant with the same id is replaced.</summary>
    public void Merge(FixtureDocument document)
    {
        lock (_writeGate)
        {
            var merged = new FixtureDocument
            {
                ClockSkewSeconds = document.ClockSkewSeconds ?? _current.Document.ClockSkewSeconds,
                ArmPageSize = document.ArmPageSize ?? _current.Document.ArmPageSize,
                Extra = _current.Document.Extra,
            };
            merged.Tenants.AddRange(_current.Document.Tenants.Where(t => !document.Tenants.Exists(n => SameId(n.Id, t.Id))));
            merged.Tenants.AddRange(document.Tenants);
            Validate(merged);
            _current = new Snapshot(merged);
        }

        Replaced?.Invoke();
    }

    /// <summary>Entra-style lookup: tenant GUID or any verified domain. Short keys are not accepted here.</summary>
    public TenantFixture? FindTenant(string? idOrDomain)
    {
        if (string.IsNullOrEmpty(idOrDomain))
        {
            return null;
        }

        return _current.ByIdOrDomain.TryGetValue(idOrDomain, out var t) ? t : null;
    }

    /// <summary>Control-API lookup: tenant GUID, domain or fixture key.</summary>
    public TenantFixture? FindTenantForControl(string? keyIdOrDomain)
    {
        var t = FindTenant(keyIdOrDomain);
        return t ?? _current.Document.Tenants.Find(x => string.Equals(x.Key, keyIdOrDomain, StringComparison.OrdinalIgnoreCase));
    }

    public (TenantFixture Tenant, ApplicationFixture App)? FindApplicationAnyTenant(string? clientId)
    {
        foreach (var t in _current.Document.Tenants)
        {
            var a = t.FindApplication(clientId);
            if (a is not null)
            {
                return (t, a);
            }
        }

        return null;
    }

    public (TenantFixture Tenant, UserFixture User)? FindUserAnyTenant(string? idOrUpn)
    {
        foreach (var t in _current.Document.Tenants)
        {
            var u = t.FindUser(idOrUpn);
            if (u is not null)
            {
                return (t, u);
            }
        }

        return null;
    }

    /// <summary>ACS resource by name (case-insensitive; names are unique across tenants).</summary>
    public (TenantFixture Tenant, AcsResourceFixture Resource)? FindAcsResource(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        foreach (var t in _current.Document.Tenants)
        {
            var r = t.AcsResources.Find(x => string.Equals(x.Name, name, StringComparison.OrdinalIgnoreCase));
            if (r is not null)
            {
                return (t, r);
            }
        }

        return null;
    }

    /// <summary>The host the emulator's IMDS (Azure VM) endpoint answers for: the first managed-identity host of the fixture.</summary>
    public (TenantFixture Tenant, ManagedIdentityHostFixture Host)? FindImdsHost()
    {
        foreach (var t in _current.Document.Tenants)
        {
            if (t.ManagedIdentities.Count > 0)
            {
                return (t, t.ManagedIdentities[0]);
            }
        }

        return null;
    }

    public (TenantFixture Tenant, ManagedIdentityHostFixture Host)? FindManagedIdentityHost(string? identityHeader)
    {
        if (string.IsNullOrEmpty(identityHeader))
        {
            return null;
        }

        foreach (var t in _current.Document.Tenants)
        {
            var h = t.ManagedIdentities.Find(m => m.IdentityHeader == identityHeader);
            if (h is not null)
            {
                return (t, h);
            }
        }

        return null;
    }

    /// <summary>Registers a public certificate (base64 DER or PEM) on an application. Returns the SHA-1 thumbprint.</summary>
    public string AddCertificate(ApplicationFixture app, string certificate)
    {
        var cert = ParseCertificate(certificate, "certificate");
        var der = Convert.ToBase64String(cert.RawData);
        lock (_writeGate)
        {
            if (!app.Certificates.Contains(der))
            {
                app.Certificates = [.. app.Certificates, der];
                app.SetParsedCertificates([.. app.ParsedCertificates, cert]);
            }
        }

        return cert.Thumbprint;
    }

    internal static X509Certificate2 ParseCertificate(string text, string what)
    {
        try
        {
            var trimmed = text.Trim();
            if (trimmed.StartsWith("-----BEGIN", StringComparison.Ordinal))
            {
                return X509Certificate2.CreateFromPem(trimmed);
            }

            return X509CertificateLoader.LoadCertificate(Convert.FromBase64String(trimmed));
        }
        catch (Exception ex) when (ex is FormatException or System.Security.Cryptography.CryptographicException)
        {
            throw new FixtureException($"{what} is not a base64 DER or PEM X.509 certificate: {ex.Message}");
        }
    }

    private static void Normalize(FixtureDocument doc)
    {
        doc.Tenants ??= [];
        foreach (var t in doc.Tenants)
        {
            t.Applications ??= [];
            t.Users ??= [];
            t.ManagedIdentities ??= [];
            t.Subscriptions ??= [];
            t.Domains ??= [];
            foreach (var a in t.Applications)
            {
                NormalizePrincipal(a);
                a.Secrets ??= [];
                a.Certificates ??= [];
                a.FederatedCredentials ??= [];
                a.DelegatedPermissions = new(a.DelegatedPermissions ?? [], StringComparer.OrdinalIgnoreCase);
                foreach (var f in a.FederatedCredentials)
                {
                    f.Audience = string.IsNullOrEmpty(f.Audience) ? "api://AzureADTokenExchange" : f.Audience;
                }
            }

            foreach (var u in t.Users)
            {
                u.DirectoryRoles ??= [];
                u.TeamsPolicies = new(u.TeamsPolicies ?? [], StringComparer.OrdinalIgnoreCase);
            }

            t.ApplicationAccessPolicies ??= [];
            foreach (var p in t.ApplicationAccessPolicies)
            {
                p.AppIds ??= [];
                p.GrantedTo ??= [];
            }

            t.Groups ??= [];
            foreach (var g in t.Groups)
            {
                g.Members ??= [];
                g.TeamsPolicies = new(g.TeamsPolicies ?? [], StringComparer.OrdinalIgnoreCase);
            }

            foreach (var h in t.ManagedIdentities)
            {
                h.UserAssigned ??= [];
                if (h.SystemAssigned is not null)
                {
                    NormalizePrincipal(h.SystemAssigned);
                }

                foreach (var ua in h.UserAssigned)
                {
                    NormalizePrincipal(ua);
                }
            }

            foreach (var s in t.Subscriptions)
            {
                s.RoleAssignments ??= [];
            }

            t.AcsResources ??= [];
            foreach (var r in t.AcsResources)
            {
                r.AccessKeys ??= new AcsAccessKeysFixture();
                r.AccessKeys.Primary ??= string.Empty;
                r.AccessKeys.Secondary ??= string.Empty;
                r.RoleAssignments ??= [];
                r.Location = string.IsNullOrEmpty(r.Location) ? "global" : r.Location;
                r.ProvisioningState = string.IsNullOrEmpty(r.ProvisioningState) ? "Succeeded" : r.ProvisioningState;
                r.PublicNetworkAccess = string.IsNullOrEmpty(r.PublicNetworkAccess) ? "Enabled" : r.PublicNetworkAccess;
                r.LinkedDomains ??= [];
                r.DiagnosticSettings ??= [];
                foreach (var d in r.DiagnosticSettings)
                {
                    d.Logs ??= [];
                }
            }
        }
    }

    private static void NormalizePrincipal(ServicePrincipalFixture p)
    {
        p.ApplicationPermissions = new(p.ApplicationPermissions ?? [], StringComparer.OrdinalIgnoreCase);
        p.DirectoryRoles ??= [];
    }

    private static void Validate(FixtureDocument doc)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var headers = new HashSet<string>(StringComparer.Ordinal);
        var acsNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var acsIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var t in doc.Tenants)
        {
            if (!Guid.TryParse(t.Id, out _))
            {
                throw new FixtureException($"Tenant '{t.DisplayName}': id '{t.Id}' is not a GUID.");
            }

            if (string.IsNullOrWhiteSpace(t.InitialDomain) || !t.InitialDomain.Contains('.', StringComparison.Ordinal))
            {
                throw new FixtureException($"Tenant '{t.Id}': initialDomain is required (e.g. contoso.onmicrosoft.com).");
            }

            foreach (var name in t.AllDomains().Prepend(t.Id))
            {
                if (!seen.Add(name))
                {
                    throw new FixtureException($"Tenant id or domain '{name}' appears twice.");
                }
            }

            if (t.TokenLifetimeSeconds <= 0 || t.DeviceCodeIntervalSeconds < 0)
            {
                throw new FixtureException($"Tenant '{t.Id}': tokenLifetimeSeconds must be > 0 and deviceCodeIntervalSeconds >= 0.");
            }

            var clientIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var a in t.Applications)
            {
                if (!Guid.TryParse(a.ClientId, out _) || !Guid.TryParse(a.ServicePrincipalObjectId, out _))
                {
                    throw new FixtureException($"Tenant '{t.Id}': application '{a.DisplayName}' needs GUID clientId and servicePrincipalObjectId.");
                }

                if (!clientIds.Add(a.ClientId))
                {
                    throw new FixtureException($"Tenant '{t.Id}': clientId '{a.ClientId}' appears twice.");
                }

                ValidateRoles(a.DirectoryRoles, $"application '{a.ClientId}'");
                a.SetParsedCertificates([.. a.Certificates.Select(c => ParseCertificate(c, $"application '{a.ClientId}' certificate"))]);
            }

            foreach (var u in t.Users)
            {
                if (!Guid.TryParse(u.Id, out _) || string.IsNullOrWhiteSpace(u.UserPrincipalName))
                {
                    throw new FixtureException($"Tenant '{t.Id}': user '{u.UserPrincipalName}' needs a GUID id and a userPrincipalName.");
                }

                ValidateRoles(u.DirectoryRoles, $"user '{u.UserPrincipalName}'");
            }

            foreach (var h in t.ManagedIdentities)
            {
                if (string.IsNullOrEmpty(h.IdentityHeader) || !headers.Add(h.IdentityHeader))
                {
                    throw new FixtureException($"Tenant '{t.Id}': every managed-identity host needs a unique identityHeader.");
                }

                foreach (var mi in h.UserAssigned.Prepend(h.SystemAssigned).OfType<ManagedIdentityFixture>())
                {
                    if (!Guid.TryParse(mi.PrincipalId, out _) || !Guid.TryParse(mi.ClientId, out _))
                    {
                        throw new FixtureException($"Tenant '{t.Id}': managed identity '{mi.DisplayName}' needs GUID principalId and clientId.");
                    }

                    ValidateRoles(mi.DirectoryRoles, $"managed identity '{mi.ClientId}'");
                }
            }

            foreach (var s in t.Subscriptions)
            {
                if (!Guid.TryParse(s.SubscriptionId, out _))
                {
                    throw new FixtureException($"Tenant '{t.Id}': subscriptionId '{s.SubscriptionId}' is not a GUID.");
                }
            }

            foreach (var r in t.AcsResources)
            {
                ValidateAcsResource(t, r, acsNames, acsIds);
            }

            // Groups, Teams policy overrides and assignments: the Teams store seeds the tenant and throws on errors.
            try
            {
                _ = Apis.TenantTeamsState.Seed(t);
            }
            catch (Apis.TeamsFixtureException ex)
            {
                throw new FixtureException($"Tenant '{t.Id}': {ex.Message}");
            }

            // Application access policies and online meetings (seeded once here only to validate them).
            try
            {
                Apis.ApplicationAccessPolicies.Validate(t);
                _ = Apis.TenantMeetingState.Seed(t, DateTimeOffset.UtcNow);
            }
            catch (Apis.MeetingFixtureException ex)
            {
                throw new FixtureException($"Tenant '{t.Id}': {ex.Message}");
            }
        }
    }

    private static void ValidateAcsResource(TenantFixture t, AcsResourceFixture r, HashSet<string> names, HashSet<string> ids)
    {
        if (string.IsNullOrEmpty(r.Name) || r.Name.Length > 63 || !r.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new FixtureException($"Tenant '{t.Id}': ACS resource name '{r.Name}' must be 1-63 letters, digits, '-' or '_'.");
        }

        if (!names.Add(r.Name))
        {
            throw new FixtureException($"ACS resource name '{r.Name}' appears twice (names are unique across tenants: each has its own endpoint port).");
        }

        if (!Guid.TryParse(r.ImmutableResourceId, out _) || !ids.Add(r.ImmutableResourceId))
        {
            throw new FixtureException($"ACS resource '{r.Name}': immutableResourceId '{r.ImmutableResourceId}' must be a unique GUID.");
        }

        if (r.SubscriptionId is { Length: > 0 } sub && !Guid.TryParse(sub, out _))
        {
            throw new FixtureException($"ACS resource '{r.Name}': subscriptionId '{sub}' is not a GUID.");
        }

        foreach (var (which, key) in new[] { ("primary", r.AccessKeys.Primary), ("secondary", r.AccessKeys.Secondary) })
        {
            var bytes = new byte[key.Length];
            if (key.Length == 0 || !Convert.TryFromBase64String(key, bytes, out var written) || written == 0)
            {
                throw new FixtureException($"ACS resource '{r.Name}': accessKeys.{which} must be a non-empty base64 value.");
            }
        }

        foreach (var a in r.RoleAssignments)
        {
            if (!Guid.TryParse(a.PrincipalId, out _) || string.IsNullOrWhiteSpace(a.RoleDefinitionName))
            {
                throw new FixtureException($"ACS resource '{r.Name}': every role assignment needs a GUID principalId and a roleDefinitionName.");
            }
        }

        if (r.Identity is { } identity && !Apis.ArmResources.IdentityTypes.Contains(identity))
        {
            throw new FixtureException($"ACS resource '{r.Name}': identity '{identity}' must be one of {string.Join(", ", Apis.ArmResources.IdentityTypes)}.");
        }

        if (!Apis.ArmResources.NetworkAccessValues.Contains(r.PublicNetworkAccess))
        {
            throw new FixtureException($"ACS resource '{r.Name}': publicNetworkAccess '{r.PublicNetworkAccess}' must be one of {string.Join(", ", Apis.ArmResources.NetworkAccessValues)}.");
        }

        var settingNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var d in r.DiagnosticSettings)
        {
            if (string.IsNullOrWhiteSpace(d.Name) || !settingNames.Add(d.Name))
            {
                throw new FixtureException($"ACS resource '{r.Name}': every diagnostic setting needs a unique name.");
            }

            if (d.Logs.Exists(l => string.IsNullOrEmpty(l.Category) == string.IsNullOrEmpty(l.CategoryGroup)))
            {
                throw new FixtureException($"ACS resource '{r.Name}': diagnostic setting '{d.Name}': each log entry needs exactly one of category and categoryGroup.");
            }
        }
    }

    private static void ValidateRoles(List<string> roles, string owner)
    {
        foreach (var r in roles)
        {
            if (DirectoryRoles.ToTemplateId(r) is null)
            {
                throw new FixtureException($"{owner}: unknown directory role '{r}' (use a display name such as 'Teams Administrator' or a template id).");
            }
        }
    }

    private static bool SameId(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private sealed class Snapshot
    {
        public Snapshot(FixtureDocument document)
        {
            Document = document;
            foreach (var t in document.Tenants)
            {
                ByIdOrDomain[t.Id] = t;
                foreach (var d in t.AllDomains())
                {
                    ByIdOrDomain[d] = t;
                }
            }
        }

        public FixtureDocument Document { get; }

        public Dictionary<string, TenantFixture> ByIdOrDomain { get; } = new(StringComparer.OrdinalIgnoreCase);
    }
}
