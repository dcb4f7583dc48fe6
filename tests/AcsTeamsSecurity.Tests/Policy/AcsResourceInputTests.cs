using System.Management.Automation;
using AcsTeamsSecurity.Commands.Policy;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Session;
using Xunit;
using AcsTeamsSecurity.Cmdlets.Binding;
using AcsTeamsSecurity.Clients;

namespace AcsTeamsSecurity.Tests.Policy
{
    /// <summary>ACS resources given as an immutable id, an ARM id or a name, and the errors that say how to find the GUID.</summary>
    public class AcsResourceInputTests
    {
        private const string Sub = "f387b07f-556c-4893-a15c-667ccbd12b66";
        private const string Other = "6d1a4f0e-93c2-4b7e-8f35-2c9e04d7b1a8";
        private const string Acs = "546517c0-680b-467c-b2e4-4e5bfe493b8f";
        private const string AcsEu = "23d99b17-0bad-4efb-996f-9eb27433050b";
        private static readonly string AcsArmId = ArmId(Sub, "rg-communication", "northwind-acs");

        private static string ArmId(string sub, string group, string name) =>
            $"/subscriptions/{sub}/resourceGroups/{group}/providers/Microsoft.Communication/communicationServices/{name}";

        private static AcsResourceSettings Settings(string sub, string group, string name, string? immutable) =>
            new AcsResourceSettings { Id = ArmId(sub, group, name), Name = name, SubscriptionId = sub, ResourceGroup = group, ImmutableResourceId = immutable };

        private sealed class FakeArm
        {
            public List<string> Gets { get; } = new();
            public List<string> Lists { get; } = new();
            public Dictionary<string, AcsResourceSettings> Resources { get; } = new(StringComparer.OrdinalIgnoreCase);
            public AcsTeamsSecurityException? Failure { get; set; }

            public Task<AcsResourceSettings> Get(string id, CancellationToken ct)
            {
                Gets.Add(id);
                if (Failure is not null)
                {
                    throw Failure;
                }

                return Resources.TryGetValue(id, out var r)
                    ? Task.FromResult(r)
                    : throw new AcsTeamsSecurityException(ErrorIds.ResourceNotFound, ErrorCategory.ObjectNotFound, "ResourceNotFound") { Status = 404 };
            }

            public Task<IReadOnlyList<AcsResourceSettings>> List(string sub, CancellationToken ct)
            {
                Lists.Add(sub);
                if (Failure is not null)
                {
                    throw Failure;
                }

                return Task.FromResult<IReadOnlyList<AcsResourceSettings>>(Resources.Values.Where(r => r.SubscriptionId == sub).ToList());
            }
        }

        private static (AcsResourceInput Input, FakeArm Arm, CompletionCache Cache) New(bool arm = true)
        {
            var fake = new FakeArm();
            var cache = new CompletionCache();
            return (arm ? new AcsResourceInput(cache, fake.Get, fake.List) : new AcsResourceInput(cache, null, null), fake, cache);
        }

        private static AcsTeamsSecurityException Fails(Func<Task> action) =>
            Assert.IsType<AcsTeamsSecurityException>(Assert.ThrowsAnyAsync<Exception>(action).GetAwaiter().GetResult());

        [Fact]
        public async Task AGuidIsTakenAsIsWithoutAnyRequestAndGetsItsNameWhenKnown()
        {
            var (input, arm, cache) = New();
            var plain = await input.ResolveAsync("AcsResourceId", new[] { Acs.ToUpperInvariant() }, null, CancellationToken.None);
            Assert.Equal(Acs, Assert.Single(plain).ImmutableId);
            Assert.Null(plain[0].Name);

            cache.RememberAcsResources(new[] { new KnownAcsResource(Acs, "northwind-acs", AcsArmId) });
            var named = await input.ResolveAsync("AcsResourceId", new[] { Acs }, null, CancellationToken.None);
            Assert.Equal("northwind-acs", named[0].Name);
            Assert.Equal($"northwind-acs ({Acs})", named[0].Display);
            Assert.Empty(arm.Gets);
            Assert.Empty(arm.Lists);
        }

        [Fact]
        public async Task AnArmIdIsReadWithOneGetInAnyCaseAndRemembered()
        {
            var (input, arm, cache) = New();
            arm.Resources[AcsArmId] = Settings(Sub, "rg-communication", "northwind-acs", Acs);
            var given = AcsArmId.ToUpperInvariant().Replace("NORTHWIND-ACS", "northwind-acs") + "/";

            var r = Assert.Single(await input.ResolveAsync("AddAllowedAcsResource", new[] { given }, null, CancellationToken.None));

            Assert.Equal(Acs, r.ImmutableId);
            Assert.Equal("northwind-acs", r.Name);
            Assert.Single(arm.Gets);
            Assert.Equal("northwind-acs", cache.AcsResourceName(Acs));
        }

        [Fact]
        public async Task ANameResolvesAmongKnownResourcesOrByListingTheSubscription()
        {
            var (input, arm, cache) = New();
            arm.Resources[AcsArmId] = Settings(Sub, "rg-communication", "northwind-acs", Acs);
            arm.Resources[ArmId(Sub, "rg-eu", "northwind-acs-eu")] = Settings(Sub, "rg-eu", "northwind-acs-eu", AcsEu);

            var listed = await input.ResolveAsync("AllowedAcsResources", new[] { "Northwind-ACS", "northwind-acs-eu" }, Sub.ToUpperInvariant(), CancellationToken.None);
            Assert.Equal(new[] { Acs, AcsEu }, listed.Select(r => r.ImmutableId));
            Assert.Equal(new[] { Sub }, arm.Lists); // listed once for both names
            Assert.Contains(Sub, cache.Subscriptions);

            var known = await input.ResolveAsync("AcsResourceId", new[] { "northwind-acs-eu" }, null, CancellationToken.None);
            Assert.Equal(AcsEu, known[0].ImmutableId);
            Assert.Single(arm.Lists);
        }

        [Fact]
        public void AnUnknownNameSaysHowToFindTheGuid()
        {
            var (input, _, cache) = New();
            var none = Fails(() => input.ResolveAsync("AddAllowedAcsResource", new[] { "fabrikam-acs" }, null, CancellationToken.None));
            Assert.Equal(ErrorIds.AcsResourceNotFound, none.ErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, none.Category);
            Assert.Contains("immutableResourceId", none.Message);
            Assert.Contains("az communication show --name fabrikam-acs", none.Message);
            Assert.Contains("-SubscriptionId", none.Message);

            cache.RememberAcsResources(new[] { new KnownAcsResource(Acs, "northwind-acs", AcsArmId) });
            Assert.Equal(ErrorIds.AcsResourceNotFound, Fails(() => input.ResolveAsync("AddAllowedAcsResource", new[] { "fabrikam-acs" }, null, CancellationToken.None)).ErrorId);
        }

        [Fact]
        public void AnArmIdArmDoesNotHaveIsNotFound()
        {
            var (input, _, _) = New();
            var e = Fails(() => input.ResolveAsync("AcsResourceId", new[] { ArmId(Sub, "rg-x", "gone") }, null, CancellationToken.None));
            Assert.Equal(ErrorIds.AcsResourceNotFound, e.ErrorId);
            Assert.Contains("az communication show --name gone", e.Message);
        }

        [Fact]
        public void ANameOfTwoResourcesIsAmbiguousAndListsThem()
        {
            var (input, _, cache) = New();
            cache.RememberAcsResources(new[]
            {
                new KnownAcsResource(Acs, "shared-acs", ArmId(Sub, "rg-one", "shared-acs")),
                new KnownAcsResource(AcsEu, "shared-acs", ArmId(Other, "rg-two", "shared-acs")),
            });

            var e = Fails(() => input.ResolveAsync("AddAllowedAcsResource", new[] { "SHARED-acs" }, null, CancellationToken.None));

            Assert.Equal(ErrorIds.AcsResourceNameAmbiguous, e.ErrorId);
            Assert.Contains(Acs, e.Message);
            Assert.Contains(AcsEu, e.Message);
            Assert.Contains("rg-two", e.Message);
        }

        [Fact]
        public void WithoutArmAccessNamesAndArmIdsAreUnresolvedWithTheWayToTheGuid()
        {
            var (input, _, _) = New(arm: false);
            var byId = Fails(() => input.ResolveAsync("AcsResourceId", new[] { AcsArmId }, null, CancellationToken.None));
            Assert.Equal(ErrorIds.AcsResourceUnresolved, byId.ErrorId);
            Assert.Equal(ErrorCategory.PermissionDenied, byId.Category);
            Assert.Contains("immutableResourceId", byId.Message);
            Assert.Equal(ErrorIds.AcsResourceUnresolved, Fails(() => input.ResolveAsync("AcsResourceId", new[] { "northwind-acs" }, Sub, CancellationToken.None)).ErrorId);

            var (denied, arm, _) = New();
            arm.Failure = new AcsTeamsSecurityException(ErrorIds.PermissionDenied, ErrorCategory.PermissionDenied, "AuthorizationFailed") { Status = 403 };
            var forbidden = Fails(() => denied.ResolveAsync("AcsResourceId", new[] { AcsArmId }, null, CancellationToken.None));
            Assert.Equal(ErrorIds.AcsResourceUnresolved, forbidden.ErrorId);
            Assert.Equal(403, forbidden.Status);
            Assert.Contains("AuthorizationFailed", forbidden.Message);
        }

        [Theory]
        [InlineData("-leading-hyphen")]
        [InlineData("has space")]
        [InlineData("/subscriptions/not-a-guid/resourceGroups/rg/providers/Microsoft.Communication/communicationServices/x")]
        [InlineData("/subscriptions/f387b07f-556c-4893-a15c-667ccbd12b66/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/x")]
        [InlineData("/subscriptions/f387b07f-556c-4893-a15c-667ccbd12b66/resourceGroups/../providers/Microsoft.Communication/communicationServices/x")]
        [InlineData("1475c6ac")]
        [InlineData("1475c6ac-baa0-425c-8df5-77d8766e3c2")]
        public void AValueOfNoKnownFormIsInvalidBeforeAnyRequest(string value)
        {
            var (input, arm, _) = New();
            var e = Fails(() => input.ResolveAsync("AddAllowedAcsResource", new[] { value }, Sub, CancellationToken.None));
            Assert.Equal(ErrorIds.AcsResourceIdInvalid, e.ErrorId);
            Assert.Empty(arm.Lists);
            Assert.Empty(arm.Gets);
        }
    }
}
