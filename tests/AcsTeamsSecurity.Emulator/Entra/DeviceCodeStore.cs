using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace AcsTeamsSecurity.Emulator.Entra;

internal enum DeviceCodeStatus
{
    Pending,
    Approved,
    Declined,
}

/// <summary>One device authorization. Times are on the emulator clock, so advancing it expires codes.</summary>
internal sealed class DeviceCodeEntry
{
    public required string DeviceCode { get; init; }

    public required string UserCode { get; init; }

    public required string ClientId { get; init; }

    /// <summary>The tenant path segment used for the request (GUID, domain, "organizations" or "common").</summary>
    public required string TenantSegment { get; init; }

    /// <summary>Tenant id when the request named a tenant; null for organizations/common.</summary>
    public string? TenantId { get; init; }

    public required string Scope { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public DeviceCodeStatus Status { get; set; }

    /// <summary>Set on approval: the user who signed in.</summary>
    public string? UserPrincipalName { get; set; }
}

/// <summary>Pending device codes, approval (control API) and optional auto-approval for one user.</summary>
internal sealed class DeviceCodeStore
{
    public const int LifetimeSeconds = 900;
    private const string UserCodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private readonly ConcurrentDictionary<string, DeviceCodeEntry> _byDeviceCode = new(StringComparer.Ordinal);
    private volatile string? _autoApproveUser;

    public string? AutoApproveUser
    {
        get => _autoApproveUser;
        set => _autoApproveUser = value;
    }

    public DeviceCodeEntry Create(string clientId, string tenantSegment, string? tenantId, string scope, DateTimeOffset now)
    {
        var entry = new DeviceCodeEntry
        {
            DeviceCode = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(48)),
            UserCode = RandomNumberGenerator.GetString(UserCodeAlphabet, 9),
            ClientId = clientId,
            TenantSegment = tenantSegment,
            TenantId = tenantId,
            Scope = scope,
            ExpiresAt = now.AddSeconds(LifetimeSeconds),
        };
        _byDeviceCode[entry.DeviceCode] = entry;
        return entry;
    }

    public DeviceCodeEntry? FindByDeviceCode(string? deviceCode) =>
        deviceCode is not null && _byDeviceCode.TryGetValue(deviceCode, out var e) ? e : null;

    public DeviceCodeEntry? FindByUserCode(string? userCode) =>
        _byDeviceCode.Values.FirstOrDefault(e => string.Equals(e.UserCode, userCode?.Replace("-", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase));

    public IReadOnlyList<DeviceCodeEntry> Pending(DateTimeOffset now) =>
        [.. _byDeviceCode.Values.Where(e => e.Status == DeviceCodeStatus.Pending && e.ExpiresAt > now).OrderBy(e => e.ExpiresAt)];

    /// <summary>Removes the entry (redeemed or expired). Returns false when someone else already did.</summary>
    public bool Remove(DeviceCodeEntry entry) => _byDeviceCode.TryRemove(entry.DeviceCode, out _);

    public void Clear()
    {
        _byDeviceCode.Clear();
        _autoApproveUser = null;
    }
}
