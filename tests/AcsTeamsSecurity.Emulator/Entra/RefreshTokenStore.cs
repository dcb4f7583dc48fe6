using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace AcsTeamsSecurity.Emulator.Entra;

internal sealed record RefreshTokenEntry(string TenantId, string ClientId, string UserId, DateTimeOffset IssuedAt);

/// <summary>
/// Opaque refresh tokens. Each use issues a new one (rotation); as with real Entra the old one stays usable until it
/// expires (90 days of inactivity, on the emulator clock).
/// </summary>
internal sealed class RefreshTokenStore(Control.IssuedSecrets issued)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(90);
    private readonly ConcurrentDictionary<string, RefreshTokenEntry> _tokens = new(StringComparer.Ordinal);

    public string Issue(string tenantId, string clientId, string userId, DateTimeOffset now)
    {
        // A recognisable prefix helps tests that search output streams for leaked refresh tokens.
        var token = "1.EMU." + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(64));
        _tokens[token] = new RefreshTokenEntry(tenantId, clientId, userId, now);
        issued.Add(token);
        return token;
    }

    public RefreshTokenEntry? Find(string? token) =>
        token is not null && _tokens.TryGetValue(token, out var e) ? e : null;

    public void Clear() => _tokens.Clear();
}
