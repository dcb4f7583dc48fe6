using System.Globalization;
using System.Text.Json.Nodes;
using AcsTeamsSecurity.Emulator.Entra;
using AcsTeamsSecurity.Emulator.Fixtures;

namespace AcsTeamsSecurity.Emulator.Apis;

/// <summary>A communication identity (<c>8:acs:&lt;immutableResourceId&gt;_&lt;id&gt;</c>) of one ACS resource.</summary>
internal sealed class AcsIdentity
{
    public required string Id { get; init; }

    public required string ResourceName { get; init; }

    public required string ImmutableResourceId { get; init; }

    public required string TenantId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>Tokens with a sequence number up to this one were issued before the last revocation.</summary>
    public long RevokedThroughSeq { get; set; }

    public DateTimeOffset? DeletedAt { get; set; }

    public int TokensIssued { get; set; }

    public DateTimeOffset? LastTokenIssuedAt { get; set; }

    public bool Deleted => DeletedAt is not null;

    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["resource"] = ResourceName,
        ["immutableResourceId"] = ImmutableResourceId,
        ["tenantId"] = TenantId,
        ["createdAt"] = Format(CreatedAt),
        ["revokedAt"] = RevokedAt is { } r ? Format(r) : null,
        ["deleted"] = Deleted,
        ["deletedAt"] = DeletedAt is { } d ? Format(d) : null,
        ["tokensIssued"] = TokensIssued,
        ["lastTokenIssuedAt"] = LastTokenIssuedAt is { } l ? Format(l) : null,
    };

    private static string Format(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);
}

/// <summary>One ACS token the emulator issued. <see cref="Seq"/> orders issuance against revocations (clock-independent).</summary>
internal sealed record AcsTokenRecord(string IdentityId, string ResourceName, long Seq, DateTimeOffset IssuedAt, DateTimeOffset ExpiresOn, bool TeamsUser);

/// <summary>Outcome of <see cref="AcsIdentityStore.ValidateToken"/>; reason is ok, revoked, deleted, expired, signature or malformed.</summary>
internal sealed record AcsTokenValidation(bool Valid, string Reason, string? Identity, AcsTokenRecord? Record, JsonObject? Claims);

/// <summary>
/// Identities and issued ACS tokens, in memory. Cleared when the fixtures are replaced, merged or reset (like the Teams
/// policy store). Deleted identities stay listed (deleted: true) so tests can inspect them.
/// </summary>
internal sealed class AcsIdentityStore
{
    private const int TokenCapacity = 50_000;
    private readonly object _gate = new();
    private readonly Dictionary<string, AcsIdentity> _identities = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, AcsTokenRecord> _tokens = new(StringComparer.Ordinal);
    private readonly Queue<string> _tokenOrder = new();
    private readonly AcsTokenIssuer _issuer;
    private readonly EmulatorClock _clock;
    private long _seq;

    public AcsIdentityStore(FixtureStore fixtures, AcsTokenIssuer issuer, EmulatorClock clock)
    {
        _issuer = issuer;
        _clock = clock;
        fixtures.Replaced += Clear;
    }

    public AcsIdentity Create(TenantFixture tenant, AcsResourceFixture resource)
    {
        // INFERRED: the part after '_' is a random GUID (real ids are GUID-shaped; their structure is undocumented).
        var identity = new AcsIdentity
        {
            Id = $"8:acs:{resource.ImmutableResourceId}_{Guid.NewGuid():D}",
            ResourceName = resource.Name,
            ImmutableResourceId = resource.ImmutableResourceId,
            TenantId = tenant.Id,
            CreatedAt = _clock.UtcNow,
        };
        lock (_gate)
        {
            _identities[identity.Id] = identity;
        }

        return identity;
    }

    /// <summary>A live (not deleted) identity of the resource, or null.</summary>
    public AcsIdentity? FindLive(AcsResourceFixture resource, string id)
    {
        lock (_gate)
        {
            return _identities.TryGetValue(id, out var identity) && !identity.Deleted &&
                   string.Equals(identity.ImmutableResourceId, resource.ImmutableResourceId, StringComparison.OrdinalIgnoreCase) &&
                   string.Equals(identity.ResourceName, resource.Name, StringComparison.OrdinalIgnoreCase)
                ? identity
                : null;
        }
    }

    /// <summary>Issues a token for an identity; returns null if it was deleted meanwhile.</summary>
    public AcsIssuedToken? IssueFor(AcsIdentity identity, AcsResourceFixture resource, IReadOnlyList<string> scopes, int expiresInMinutes)
    {
        lock (_gate)
        {
            if (identity.Deleted)
            {
                return null;
            }

            var now = _clock.UtcNow;
            var issued = _issuer.Issue(identity.Id["8:".Length..], resource.ImmutableResourceId, resource.DataLocation, scopes, now, now.AddMinutes(expiresInMinutes));
            Remember(issued, identity.Id, resource.Name, teamsUser: false);
            identity.TokensIssued++;
            identity.LastTokenIssuedAt = now;
            return issued;
        }
    }

    /// <summary>Issues a token for a Teams user (skypeid orgid:&lt;oid&gt;) expiring when the Entra token does.</summary>
    public AcsIssuedToken IssueForTeamsUser(string objectId, AcsResourceFixture resource, IReadOnlyList<string> scopes, DateTimeOffset expiresOn)
    {
        lock (_gate)
        {
            var issued = _issuer.Issue("orgid:" + objectId, resource.ImmutableResourceId, resource.DataLocation, scopes, _clock.UtcNow, expiresOn);
            Remember(issued, "8:orgid:" + objectId, resource.Name, teamsUser: true);
            return issued;
        }
    }

    /// <summary>Every token of the identity issued so far becomes invalid.</summary>
    public void Revoke(AcsIdentity identity)
    {
        lock (_gate)
        {
            identity.RevokedAt = _clock.UtcNow;
            identity.RevokedThroughSeq = _seq;
        }
    }

    public void Delete(AcsIdentity identity)
    {
        lock (_gate)
        {
            identity.DeletedAt = _clock.UtcNow;
            identity.RevokedThroughSeq = _seq;
        }
    }

    public IReadOnlyList<AcsIdentity> List(string? resourceName)
    {
        lock (_gate)
        {
            return [.. _identities.Values
                .Where(i => resourceName is null || string.Equals(i.ResourceName, resourceName, StringComparison.OrdinalIgnoreCase))
                .OrderBy(i => i.CreatedAt)];
        }
    }

    /// <summary>Checks an ACS token: malformed → signature → deleted → revoked → expired (emulator clock, no skew) → ok.</summary>
    public AcsTokenValidation ValidateToken(string? token)
    {
        var trimmed = token?.Trim() ?? string.Empty;
        var signatureOk = false;
        var jwt = trimmed.Length == 0 ? null : _issuer.Parse(trimmed, out signatureOk);
        if (jwt is null || Jwt.GetString(jwt.Payload, "skypeid") is not { Length: > 0 } skypeId)
        {
            return new AcsTokenValidation(false, "malformed", null, null, null);
        }

        var claims = jwt.Payload;
        var identityId = "8:" + skypeId;
        if (!signatureOk)
        {
            return new AcsTokenValidation(false, "signature", identityId, null, claims);
        }

        lock (_gate)
        {
            _tokens.TryGetValue(trimmed, out var record);
            var teamsUser = record?.TeamsUser ?? skypeId.StartsWith("orgid:", StringComparison.OrdinalIgnoreCase);
            if (!teamsUser)
            {
                if (!_identities.TryGetValue(identityId, out var identity) || identity.Deleted)
                {
                    return new AcsTokenValidation(false, "deleted", identityId, record, claims);
                }

                // A token this instance signed but no longer remembers (capacity) counts as issued before any revocation.
                if (identity.RevokedAt is not null && (record?.Seq ?? 0) <= identity.RevokedThroughSeq)
                {
                    return new AcsTokenValidation(false, "revoked", identityId, record, claims);
                }
            }

            var expiresOn = record?.ExpiresOn ?? (Jwt.GetLong(claims, "exp") is { } exp ? DateTimeOffset.FromUnixTimeSeconds(exp) : DateTimeOffset.MinValue);
            return _clock.UtcNow >= expiresOn
                ? new AcsTokenValidation(false, "expired", identityId, record, claims)
                : new AcsTokenValidation(true, "ok", identityId, record, claims);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _identities.Clear();
            _tokens.Clear();
            _tokenOrder.Clear();
        }
    }

    private void Remember(AcsIssuedToken issued, string identityId, string resourceName, bool teamsUser)
    {
        _tokens[issued.Token] = new AcsTokenRecord(identityId, resourceName, ++_seq, issued.IssuedAt, issued.ExpiresOn, teamsUser);
        _tokenOrder.Enqueue(issued.Token);
        while (_tokenOrder.Count > TokenCapacity && _tokenOrder.TryDequeue(out var old))
        {
            _tokens.Remove(old);
        }
    }
}
