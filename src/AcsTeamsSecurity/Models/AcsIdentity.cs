using System;

namespace AcsTeamsSecurity.Models
{
    /// <summary>What kind of communication identity a raw id names.</summary>
    public enum AcsIdentityKind
    {
        /// <summary>An ACS user (<c>8:acs:</c>, <c>8:gcch-acs:</c>, <c>8:dod-acs:</c>, <c>8:spool:</c>).</summary>
        AcsUser,

        /// <summary>A Teams user (<c>8:orgid:</c>, <c>8:gcch:</c>, <c>8:dod:</c>).</summary>
        TeamsUser,

        /// <summary>An anonymous Teams user (<c>8:teamsvisitor:</c>).</summary>
        TeamsVisitor,

        /// <summary>A phone number (<c>4:</c>).</summary>
        PhoneNumber,

        /// <summary>A bot or Teams app (<c>28:</c> and its cloud variants).</summary>
        Bot,

        /// <summary>Anything else: kept as given.</summary>
        Unknown,
    }

    /// <summary>The cloud a raw id belongs to, from its prefix.</summary>
    public enum AcsIdentityCloud
    {
        /// <summary>The public (commercial) cloud.</summary>
        Public,

        /// <summary>US Government (GCC High).</summary>
        Gcch,

        /// <summary>US Department of Defense.</summary>
        Dod,
    }

    /// <summary>
    /// A communication identity by its raw id, for example
    /// <c>8:acs:2dee53b4-368b-45b4-ab52-8493fb117652_00000005-14a2-493b-8a72-5a3a0d000081</c>, which is the ACS
    /// resource's immutable id, an underscore and a service-generated id. Parsing follows the prefixes of
    /// Azure.Communication.Common's <c>CommunicationIdentifier</c>.
    /// </summary>
    public sealed class AcsIdentity : IEquatable<AcsIdentity>
    {
        private static readonly (string Prefix, AcsIdentityKind Kind, AcsIdentityCloud Cloud)[] Prefixes =
        {
            // Longer prefixes first: "8:dod-acs:" before "8:dod:", "28:orgid:" before "28:".
            ("8:gcch-acs:", AcsIdentityKind.AcsUser, AcsIdentityCloud.Gcch),
            ("8:dod-acs:", AcsIdentityKind.AcsUser, AcsIdentityCloud.Dod),
            ("8:acs:", AcsIdentityKind.AcsUser, AcsIdentityCloud.Public),
            ("8:spool:", AcsIdentityKind.AcsUser, AcsIdentityCloud.Public),
            ("8:teamsvisitor:", AcsIdentityKind.TeamsVisitor, AcsIdentityCloud.Public),
            ("8:orgid:", AcsIdentityKind.TeamsUser, AcsIdentityCloud.Public),
            ("8:gcch:", AcsIdentityKind.TeamsUser, AcsIdentityCloud.Gcch),
            ("8:dod:", AcsIdentityKind.TeamsUser, AcsIdentityCloud.Dod),
            ("28:gcch-global:", AcsIdentityKind.Bot, AcsIdentityCloud.Gcch),
            ("28:dod-global:", AcsIdentityKind.Bot, AcsIdentityCloud.Dod),
            ("28:gcch:", AcsIdentityKind.Bot, AcsIdentityCloud.Gcch),
            ("28:dod:", AcsIdentityKind.Bot, AcsIdentityCloud.Dod),
            ("28:orgid:", AcsIdentityKind.Bot, AcsIdentityCloud.Public),
            ("28:", AcsIdentityKind.Bot, AcsIdentityCloud.Public),
            ("4:", AcsIdentityKind.PhoneNumber, AcsIdentityCloud.Public),
        };

        private AcsIdentity(string id, AcsIdentityKind kind, AcsIdentityCloud cloud, string prefix, Guid? resourceId)
        {
            Id = id;
            Kind = kind;
            Cloud = cloud;
            Prefix = prefix;
            ResourceId = resourceId;
        }

        /// <summary>The raw id, exactly as the service uses it.</summary>
        public string Id { get; }

        /// <summary>What the id names.</summary>
        public AcsIdentityKind Kind { get; }

        /// <summary>The cloud, from the prefix.</summary>
        public AcsIdentityCloud Cloud { get; }

        /// <summary>The prefix (for example <c>8:acs:</c>), or empty for unknown ids.</summary>
        public string Prefix { get; }

        /// <summary>For ACS users: the immutable id of the ACS resource the identity belongs to.</summary>
        public Guid? ResourceId { get; }

        /// <summary>True for ACS users, the only identities the ACS identity API manages.</summary>
        public bool IsAcsUser => Kind == AcsIdentityKind.AcsUser;

        /// <summary>Parses a raw id; returns false for null, empty, whitespace or over-long input.</summary>
        public static bool TryParse(string? value, out AcsIdentity identity)
        {
            identity = null!;
            if (string.IsNullOrWhiteSpace(value) || value!.Length > 512 || value.Trim().Length != value.Length)
            {
                return false;
            }

            foreach (var (prefix, kind, cloud) in Prefixes)
            {
                if (!value.StartsWith(prefix, StringComparison.Ordinal))
                {
                    continue;
                }

                var rest = value.Substring(prefix.Length);
                if (rest.Length == 0)
                {
                    return false;
                }

                Guid? resource = null;
                if (kind == AcsIdentityKind.AcsUser)
                {
                    var underscore = rest.IndexOf('_');
                    if (underscore <= 0 || underscore == rest.Length - 1 || !Guid.TryParse(rest.Substring(0, underscore), out var guid) || !IsServiceId(rest.Substring(underscore + 1)))
                    {
                        return false;
                    }

                    resource = guid;
                }

                identity = new AcsIdentity(value, kind, cloud, prefix, resource);
                return true;
            }

            identity = new AcsIdentity(value, AcsIdentityKind.Unknown, AcsIdentityCloud.Public, string.Empty, null);
            return true;
        }

        /// <summary>
        /// The service-generated part of an ACS user id. Every example is GUID-shaped; its exact structure is not
        /// documented, so this accepts letters, digits and hyphens (no quotes, spaces or separators that could
        /// smuggle anything into a path or filter).
        /// </summary>
        private static bool IsServiceId(string value)
        {
            if (value.Length == 0 || value.Length > 128)
            {
                return false;
            }

            foreach (var c in value)
            {
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The id for an ACS token's <c>skypeid</c> claim, which is the raw id without the <c>8:</c> prefix.</summary>
        internal static bool TryFromSkypeId(string? skypeId, out AcsIdentity identity)
        {
            identity = null!;
            return !string.IsNullOrEmpty(skypeId) && TryParse("8:" + skypeId, out identity);
        }

        /// <inheritdoc />
        public bool Equals(AcsIdentity? other) => other is not null && string.Equals(Id, other.Id, StringComparison.Ordinal);

        /// <inheritdoc />
        public override bool Equals(object? obj) => Equals(obj as AcsIdentity);

        /// <inheritdoc />
        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Id);

        /// <inheritdoc />
        public override string ToString() => Id;
    }
}
