using System;
using System.Collections.Generic;
using System.Security;

namespace AcsTeamsSecurity.Models
{
    /// <summary>The five documented ACS token scopes.</summary>
    public static class AcsTokenScopes
    {
        /// <summary>Full access to Chat APIs.</summary>
        public const string Chat = "chat";

        /// <summary>Full access to Calling APIs.</summary>
        public const string Voip = "voip";

        /// <summary>Chat without creating, deleting or updating threads.</summary>
        public const string ChatJoin = "chat.join";

        /// <summary>chat.join without adding or removing participants: for guests.</summary>
        public const string ChatJoinLimited = "chat.join.limited";

        /// <summary>Calling without starting new calls.</summary>
        public const string VoipJoin = "voip.join";

        /// <summary>All five, in the order the service documents them.</summary>
        public static IReadOnlyList<string> All { get; } = new[] { Chat, Voip, ChatJoin, ChatJoinLimited, VoipJoin };

        /// <summary>The least privilege a meeting guest needs.</summary>
        public static IReadOnlyList<string> GuestDefault { get; } = new[] { VoipJoin, ChatJoinLimited };
    }

    /// <summary>An ACS identity with a token for it, as New-AcsGuestToken returns it.</summary>
    public sealed class AcsGuestToken
    {
        internal AcsGuestToken(AcsIdentity identity, SecureString token, string? tokenText, DateTimeOffset expiresOn, IReadOnlyList<string> scopes)
        {
            Identity = identity;
            Token = token;
            TokenText = tokenText;
            ExpiresOn = expiresOn;
            Scopes = scopes;
        }

        /// <summary>The identity the token is for.</summary>
        public AcsIdentity Identity { get; }

        /// <summary>The token, protected. Convert it only where you hand it to the client app.</summary>
        public SecureString Token { get; }

        /// <summary>The token as plain text: only set when -AsPlainText was given.</summary>
        public string? TokenText { get; }

        /// <summary>When the token expires.</summary>
        public DateTimeOffset ExpiresOn { get; }

        /// <summary>What the token allows.</summary>
        public IReadOnlyList<string> Scopes { get; }

        /// <summary>The ACS resource's immutable id (from the identity id).</summary>
        public Guid? ResourceId => Identity.ResourceId;

        /// <summary>The identity's raw id, so a guest token piped to -Identity parameters binds as its identity.</summary>
        public override string ToString() => Identity.Id;
    }

    /// <summary>An ACS token for a Teams user, from Get-AcsTeamsUserToken.</summary>
    public sealed class AcsTeamsUserToken
    {
        internal AcsTeamsUserToken(string userObjectId, string appId, SecureString token, string? tokenText, DateTimeOffset expiresOn)
        {
            UserObjectId = userObjectId;
            AppId = appId;
            Token = token;
            TokenText = tokenText;
            ExpiresOn = expiresOn;
        }

        /// <summary>The Teams user's Entra object id.</summary>
        public string UserObjectId { get; }

        /// <summary>The Entra application the user's token was issued to.</summary>
        public string AppId { get; }

        /// <summary>The ACS token, protected.</summary>
        public SecureString Token { get; }

        /// <summary>The token as plain text: only set when -AsPlainText was given.</summary>
        public string? TokenText { get; }

        /// <summary>When it expires (the same time as the Entra token it was exchanged for).</summary>
        public DateTimeOffset ExpiresOn { get; }
    }

    /// <summary>What an ACS token says, decoded locally without calling the service.</summary>
    public sealed class AcsTokenInfo
    {
        internal AcsTokenInfo(AcsIdentity? identity, IReadOnlyList<string> scopes, DateTimeOffset? issuedOn, DateTimeOffset? expiresOn, string? resourceId, string? resourceLocation, DateTimeOffset now)
        {
            Identity = identity;
            Scopes = scopes;
            IssuedOn = issuedOn;
            ExpiresOn = expiresOn;
            ResourceId = resourceId;
            ResourceLocation = resourceLocation;
            IsExpired = expiresOn is { } e && e <= now;
            Lifetime = issuedOn is { } i && expiresOn is { } x ? x - i : null;
        }

        /// <summary>The identity the token was issued to.</summary>
        public AcsIdentity? Identity { get; }

        /// <summary>The scopes it carries.</summary>
        public IReadOnlyList<string> Scopes { get; }

        /// <summary>When it was issued.</summary>
        public DateTimeOffset? IssuedOn { get; }

        /// <summary>When it expires.</summary>
        public DateTimeOffset? ExpiresOn { get; }

        /// <summary>True when it has expired (it may also have been revoked; only the service knows).</summary>
        public bool IsExpired { get; }

        /// <summary>How long it was issued for.</summary>
        public TimeSpan? Lifetime { get; }

        /// <summary>The ACS resource's immutable id.</summary>
        public string? ResourceId { get; }

        /// <summary>The resource's location claim, when present.</summary>
        public string? ResourceLocation { get; }

        /// <summary>The identity's raw id, so decoded tokens piped to -Identity parameters bind as their identity.</summary>
        public override string ToString() => Identity?.Id ?? string.Empty;
    }
}
