using AcsTeamsSecurity.Models;
using Xunit;
using Xunit.Abstractions;

namespace AcsTeamsSecurity.Tests.Fuzz
{
    [Collection(FuzzHarness.Collection)]
    public class AcsIdentityFuzzTests
    {
        private const int Seed = 0x1D_0002;

        internal static readonly string[] AcsPrefixes = { "8:acs:", "8:gcch-acs:", "8:dod-acs:", "8:spool:" };

        internal static readonly string[] OtherPrefixes = { "8:teamsvisitor:", "8:orgid:", "8:gcch:", "8:dod:", "28:gcch-global:", "28:dod-global:", "28:gcch:", "28:dod:", "28:orgid:", "28:", "4:" };

        private static readonly string[] LookAlikes = { "8:ACS:", "8:acs", "8::acs:", " 8:acs:", "8:acs: ", "8:acs-gcch:", "8:", "9:acs:", "8:acs:8:acs:", "８:acs:", "8:аcs:" };

        private readonly ITestOutputHelper _output;

        public AcsIdentityFuzzTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void TryParseNeverThrowsAndAcsUsersCarryAGuidAndRoundTrip()
        {
            FuzzHarness.Run(_output, "AcsIdentity.TryParse", Seed, FuzzHarness.Inputs, Generate, Check, minAccepted: 10_000);
        }

        internal static string ValidAcsId(FuzzGen g) => g.Pick(AcsPrefixes) + g.Guid() + "_" + ServiceId(g);

        private static string ServiceId(FuzzGen g) => g.Next(4) switch
        {
            0 => g.FromAlphabet("abcdefABCDEF0123456789-", g.Next(1, 129)),
            1 => "00000005-14a2-493b-8a72-5a3a0d000081",
            _ => g.Guid(),
        };

        internal static FuzzInput<bool> Generate(FuzzGen g)
        {
            switch (g.Next(10))
            {
                case 0:
                    return new FuzzInput<bool>("random", g.RandomString(600), false);
                case 1:
                case 2:
                case 3:
                    {
                        var sample = g.Next(3) == 0 ? g.Pick(OtherPrefixes) + g.FromAlphabet("abc0123456789-_:+", g.Next(1, 40)) : ValidAcsId(g);
                        var tokens = new[] { "_", "-", ":", "8:", "acs:", "{", "}", "(", ")", "0x", " ", "'", "%27", "/", "..", g.Guid(), "\0" };
                        return new FuzzInput<bool>("mutation", g.Mutate(sample, tokens), false);
                    }

                default:
                    return new FuzzInput<bool>("grammar", Grammar(g), false);
            }
        }

        /// <summary>Every known prefix (and look-alikes) followed by GUID-ish parts in every format, separators and junk.</summary>
        private static string Grammar(FuzzGen g)
        {
            var prefix = g.Next(10) switch
            {
                0 => g.Pick(LookAlikes),
                1 or 2 or 3 => g.Pick(OtherPrefixes),
                _ => g.Pick(AcsPrefixes),
            };
            var guid = new Guid(g.Bytes(16));
            var resource = g.Next(12) switch
            {
                0 => guid.ToString("B"),
                1 => guid.ToString("P"),
                2 => guid.ToString("X"),
                3 => guid.ToString("N"),
                4 => guid.ToString("D").Substring(0, g.Next(36)),
                5 => g.RandomString(40),
                6 => " " + guid.ToString("D"),
                7 => string.Empty,
                _ => g.Next(2) == 0 ? guid.ToString("D").ToUpperInvariant() : guid.ToString("D"),
            };
            var separator = g.Next(10) switch
            {
                0 => string.Empty,
                1 => "__",
                2 => "-",
                3 => ":",
                _ => "_",
            };
            var service = g.Next(10) switch
            {
                0 => string.Empty,
                1 => new string('a', g.Next(120, 140)),
                2 => ServiceId(g) + g.Char(),
                3 => g.Char() + ServiceId(g),
                4 => ServiceId(g) + "_" + ServiceId(g),
                5 => g.RandomString(30),
                _ => ServiceId(g),
            };
            var text = prefix + resource + separator + service;
            return g.Next(20) switch
            {
                0 => text + new string('x', g.Next(400, 600)),
                1 => text + g.Pick(new[] { " ", "\t", "\n", "\u00A0", "\u3000", "\0" }),
                2 => g.Pick(new[] { " ", "\t", "\n", "\u00A0", "\u3000", "\0" }) + text,
                _ => text,
            };
        }

        internal static FuzzOutcome Check(FuzzInput<bool> input)
        {
            var text = input.Text;
            AcsIdentity identity = null!;
            var parsed = false;
            FuzzHarness.NoThrow(() => parsed = AcsIdentity.TryParse(text, out identity));

            // The skypeid form (no 8: prefix) must not throw either.
            FuzzHarness.NoThrow(() => AcsIdentity.TryFromSkypeId(text, out _));
            if (!parsed)
            {
                return FuzzOutcome.Rejected;
            }

            Assert.NotNull(identity);
            Assert.Equal(text, identity.Id);
            Assert.True(text!.Length <= 512);
            Assert.Equal(text.Trim(), text);
            Assert.StartsWith(identity.Prefix, text, StringComparison.Ordinal);
            if (identity.IsAcsUser)
            {
                Assert.Contains(identity.Prefix, AcsPrefixes);
                Assert.NotNull(identity.ResourceId);
                var rest = text.Substring(identity.Prefix.Length);
                var underscore = rest.IndexOf('_', StringComparison.Ordinal);
                Assert.True(underscore > 0);
                Assert.True(Guid.TryParse(rest.AsSpan(0, underscore), out var resource));
                Assert.Equal(resource, identity.ResourceId);
                Assert.Matches("^[A-Za-z0-9-]{1,128}$", rest[(underscore + 1)..]);
            }
            else
            {
                Assert.Null(identity.ResourceId);
            }

            // Round trip: the id parses again to the same identity.
            Assert.True(AcsIdentity.TryParse(identity.Id, out var again));
            Assert.Equal(identity, again);
            Assert.Equal(identity.Kind, again.Kind);
            Assert.Equal(identity.Cloud, again.Cloud);
            Assert.Equal(identity.ResourceId, again.ResourceId);
            Assert.Equal(identity.Id, identity.ToString());
            return FuzzOutcome.Accepted;
        }
    }
}
