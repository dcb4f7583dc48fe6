using System.Collections;
using System.Diagnostics;
using System.Management.Automation;
using AcsTeamsSecurity.Auth;
using AcsTeamsSecurity.Clients.Teams;
using AcsTeamsSecurity.Completers;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Session;
using Xunit;
using AcsTeamsSecurity.Audit.Rules;
using AcsTeamsSecurity.Clients;

namespace AcsTeamsSecurity.Tests.Completers
{
    /// <summary>
    /// Tab completion: prefix filtering, quoting, the context it uses, and that it never signs in, never waits
    /// longer than its time box and never fails.
    /// </summary>
    public class CompleterTests
    {
        private static readonly string[] Both = { TeamsPolicyService.MeetingPolicyType, TeamsPolicyService.ExternalAccessPolicyType };

        /// <summary>A token source that records every request; it fails, blocks until cancelled, or would "prompt".</summary>
        private sealed class RecordingSource : ITokenSource
        {
            private readonly bool _block;
            private int _calls;

            public RecordingSource(bool block = false) => _block = block;

            public int Calls => Volatile.Read(ref _calls);

            public bool CanRefresh => true;

            public async Task<(string Token, DateTimeOffset ExpiresOn)> AcquireAsync(AcsTeamsService? service, IReadOnlyList<string> scopes, bool bypassCache, CancellationToken cancellationToken)
            {
                Interlocked.Increment(ref _calls);
                if (_block)
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }

                throw new InvalidOperationException("no sign-in in completion tests");
            }
        }

        private static AcsTeamsSecurityContext NewContext(AuthMode mode, ITokenSource source)
        {
            var environment = EnvironmentRegistry.Get("Global");
            return new AcsTeamsSecurityContext(new ConnectionRequest(mode, environment) { TenantId = "contoso.onmicrosoft.com" }, new TokenBroker(source, environment), null, null);
        }

        private static Hashtable Bound(AcsTeamsSecurityContext? context) => new Hashtable { ["Context"] = context };

        private static string[] Texts(IEnumerable<CompletionResult> results) => results.Select(r => r.CompletionText).ToArray();

        [Fact]
        public void PolicyIdentitiesFilterByPrefixAndByBareTagName()
        {
            var source = new RecordingSource();
            var context = NewContext(AuthMode.DeviceCode, source);
            context.Completions.RememberPolicies(TeamsPolicyService.MeetingPolicyType, new[] { "Global", "Tag:OpenDoors", "Tag:Lockdown" });
            context.Completions.RememberPolicies(TeamsPolicyService.ExternalAccessPolicyType, new[] { "Global", "Tag:NoAcs" });
            var completer = new PolicyIdentityCompleter();

            Assert.Equal(new[] { "Global", "Tag:Lockdown", "Tag:NoAcs", "Tag:OpenDoors" }, Texts(completer.CompleteArgument("Get-ExternalUserPolicy", "Identity", string.Empty, null!, Bound(context))));
            Assert.Equal(new[] { "Tag:OpenDoors" }, Texts(completer.CompleteArgument("Get-ExternalUserPolicy", "Identity", "tag:op", null!, Bound(context))));
            Assert.Equal(new[] { "Tag:OpenDoors" }, Texts(completer.CompleteArgument("Get-ExternalUserPolicy", "Identity", "Op", null!, Bound(context))));
            Assert.Equal(0, source.Calls);
        }

        [Fact]
        public void PolicyIdentitiesFollowPolicyTypeAndSetLobbyBypassTakesMeetingPolicies()
        {
            var context = NewContext(AuthMode.Interactive, new RecordingSource());
            context.Completions.RememberPolicies(TeamsPolicyService.MeetingPolicyType, new[] { "Tag:M" });
            context.Completions.RememberPolicies(TeamsPolicyService.ExternalAccessPolicyType, new[] { "Tag:A" });
            var completer = new PolicyIdentityCompleter();
            var bound = Bound(context);
            bound["PolicyType"] = ExternalUserPolicyType.ExternalAccessPolicy;

            Assert.Equal(new[] { "Tag:A" }, Texts(completer.CompleteArgument("Set-ExternalUserPolicy", "Identity", "Tag:", null!, bound)));
            bound["PolicyType"] = new object[] { "teamsmeetingpolicy" };
            Assert.Equal(new[] { "Tag:M" }, Texts(completer.CompleteArgument("Grant-ExternalUserPolicy", "Identity", "", null!, bound)));
            Assert.Equal(new[] { "Tag:M" }, Texts(completer.CompleteArgument("Set-LobbyBypass", "Identity", "", null!, Bound(context))));
            Assert.Equal(Both, PolicyIdentityCompleter.PolicyTypes("Restore-ExternalUserConfiguration", new Hashtable { ["PolicyType"] = "nonsense" }));
        }

        [Theory]
        [InlineData("Tag:Open Doors", "", "'Tag:Open Doors'")]
        [InlineData("Tag:O'Brien", "", "'Tag:O''Brien'")]
        [InlineData("Tag:Plain", "", "Tag:Plain")]
        [InlineData("Tag:Plain", "'Tag:P", "'Tag:Plain'")]
        [InlineData("Tag:$x \"y\"", "\"Tag", "'Tag:$x \"y\"'")]
        [InlineData("Tag:x\u2019; Write-Host PWNED; \u2019", "", "'Tag:x\u2019\u2019; Write-Host PWNED; \u2019\u2019'")]
        [InlineData("Tag:\u2013dash", "", "'Tag:\u2013dash'")]
        [InlineData("Tag:a;b", "", "'Tag:a;b'")]
        [InlineData("megan@contoso.com", "", "megan@contoso.com")]
        [InlineData("@odd", "", "'@odd'")]
        public void QuotesValuesThatNeedIt(string value, string typed, string expected)
        {
            Assert.Equal(expected, CompletionSupport.Quote(value, typed));
        }

        [Fact]
        public void AQuotedPrefixStillMatchesAndKeepsItsQuotes()
        {
            var context = NewContext(AuthMode.DeviceCode, new RecordingSource());
            context.Completions.RememberPolicies(TeamsPolicyService.MeetingPolicyType, new[] { "Tag:Open Doors", "Global" });
            var results = new PolicyIdentityCompleter().CompleteArgument("Get-ExternalUserPolicy", "Identity", "'Tag:Op", null!, Bound(context)).ToList();
            var only = Assert.Single(results);
            Assert.Equal("'Tag:Open Doors'", only.CompletionText);
            Assert.Equal("Tag:Open Doors", only.ListItemText);
        }

        [Fact]
        public void NoContextOrADisconnectedOneGivesNothing()
        {
            var context = NewContext(AuthMode.ClientSecret, new RecordingSource());
            context.Completions.RememberPolicies(TeamsPolicyService.MeetingPolicyType, new[] { "Global" });
            context.Completions.RememberOrganizer("adele@contoso.com");
            Assert.Empty(new PolicyIdentityCompleter().CompleteArgument("Get-ExternalUserPolicy", "Identity", "", null!, Bound(null)));
            Assert.Empty(new OrganizerCompleter().CompleteArgument("Test-ExternalUserAccess", "Organizer", "", null!, new Hashtable { ["Context"] = "not a context" }));
            Assert.Null(CompletionSupport.ResolveContext(new Hashtable { ["Context"] = new PSObject(42) }));
            Assert.Same(context, CompletionSupport.ResolveContext(new Hashtable { ["Context"] = new PSObject(context) }));

            context.Disconnect();
            Assert.Null(CompletionSupport.ResolveContext(Bound(context)));
            Assert.Empty(context.Completions.Organizers); // Disconnect forgets what completion knew
            Assert.Empty(context.Completions.PolicyIdentities());
        }

        [Theory]
        [InlineData(AuthMode.Interactive)]
        [InlineData(AuthMode.DeviceCode)]
        [InlineData(AuthMode.AccessToken)]
        public void DelegatedSignInsNeverAskForATokenWhileCompleting(AuthMode mode)
        {
            var source = new RecordingSource();
            var context = NewContext(mode, source);
            Assert.False(CompletionSupport.MayCallService(context, AcsTeamsService.TeamsAdmin));
            Assert.Empty(new PolicyIdentityCompleter().CompleteArgument("Get-ExternalUserPolicy", "Identity", "", null!, Bound(context)));
            Assert.Empty(new AllowedAcsResourceCompleter().CompleteArgument("Test-ExternalUserAccess", "AcsResourceId", "", null!, Bound(context)));
            Assert.Equal(0, source.Calls);
        }

        [Fact]
        public void AFailingServiceReadGivesOnlyWhatIsCached()
        {
            var source = new RecordingSource();
            var context = NewContext(AuthMode.ClientSecret, source);
            Assert.True(CompletionSupport.MayCallService(context, AcsTeamsService.TeamsAdmin));
            Assert.Empty(new PolicyIdentityCompleter().CompleteArgument("Get-ExternalUserPolicy", "Identity", "", null!, Bound(context)));
            Assert.True(source.Calls > 0); // it tried, silently, and the failure became "nothing"

            context.Completions.RememberAllowedAcsResources(new[] { "1475c6ac-baa0-425c-8df5-77d8766e3c25", "64a11489-1ac1-4d7a-9575-50ba9a248104" });
            Assert.Equal(new[] { "64a11489-1ac1-4d7a-9575-50ba9a248104" }, Texts(new AllowedAcsResourceCompleter().CompleteArgument("Set-AcsFederationConfiguration", "RemoveAllowedAcsResource", "64", null!, Bound(context))));
        }

        [Fact]
        public void AllowListGuidsShowTheResourceNameTheContextHasReadWithoutAskingAnyService()
        {
            const string Known = "1475c6ac-baa0-425c-8df5-77d8766e3c25";
            const string Unknown = "64a11489-1ac1-4d7a-9575-50ba9a248104";
            var source = new RecordingSource();
            var context = NewContext(AuthMode.DeviceCode, source);
            context.Completions.RememberAllowedAcsResources(new[] { Known, Unknown });
            context.Completions.RememberAcsResources(new[] { new KnownAcsResource(Known, "contoso-acs", "/subscriptions/2ab33998-4d29-46d9-bda1-ec5ae3e9d04a/resourceGroups/rg-communication/providers/Microsoft.Communication/communicationServices/contoso-acs") });

            var results = new AllowedAcsResourceCompleter().CompleteArgument("Set-AcsFederationConfiguration", "RemoveAllowedAcsResource", "", null!, Bound(context)).ToList();

            Assert.Equal(new[] { Known, Unknown }, Texts(results));
            Assert.Equal($"{Known} (contoso-acs)", results[0].ListItemText);
            Assert.StartsWith("contoso-acs: ", results[0].ToolTip);
            Assert.Equal(Unknown, results[1].ListItemText);
            Assert.DoesNotContain("contoso-acs", results[1].ToolTip);
            Assert.Equal(new[] { $"'{Known}'" }, Texts(new AllowedAcsResourceCompleter().CompleteArgument("Test-ExternalUserAccess", "AcsResourceId", "'1475", null!, Bound(context))));
            Assert.Equal(0, source.Calls);
        }

        [Fact]
        public void AHangingServiceIsCutOffByTheTimeBox()
        {
            var context = NewContext(AuthMode.Certificate, new RecordingSource(block: true));
            var watch = Stopwatch.StartNew();
            var results = PolicyIdentityCompleter.Complete(context, Both, "", TimeSpan.FromMilliseconds(300));
            watch.Stop();
            Assert.Empty(results);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
            Assert.True(CompletionSupport.Budget <= TimeSpan.FromSeconds(2));
        }

        [Fact]
        public void OrganizersAreAMostRecentFirstListOfUpnsOnly()
        {
            var context = NewContext(AuthMode.DeviceCode, new RecordingSource());
            var cache = context.Completions;
            cache.RememberOrganizer("adele@contoso.com");
            cache.RememberOrganizer("5f1c9e2a-7b3d-4b88-a368-12d909175c05"); // an object id is not offered
            cache.RememberOrganizer("megan@contoso.com");
            cache.RememberOrganizer("ADELE@contoso.com");
            for (var i = 0; i < 40; i++)
            {
                cache.RememberOrganizer($"user{i}@contoso.com");
            }

            Assert.Equal(CompletionCache.MaxRecent, cache.Organizers.Count);
            Assert.Equal("user39@contoso.com", cache.Organizers[0]);
            cache.RememberOrganizer("megan@contoso.com");
            Assert.Equal(new[] { "megan@contoso.com" }, Texts(new OrganizerCompleter().CompleteArgument("Get-MeetingExternalAccess", "Organizer", "me", null!, Bound(context))));
        }

        [Fact]
        public void SubscriptionsAreRememberedAsGuids()
        {
            var context = NewContext(AuthMode.ClientSecret, new RecordingSource());
            context.Completions.RememberSubscription("not-a-guid");
            context.Completions.RememberSubscription("2C1D6E0A-0B1B-4C5A-9A77-7F5A3A1B2C3D");
            Assert.Equal(new[] { "2c1d6e0a-0b1b-4c5a-9a77-7f5a3a1b2c3d" }, Texts(new SubscriptionIdCompleter().CompleteArgument("Export-ExternalUserConfiguration", "SubscriptionId", "2c", null!, Bound(context))));
        }

        [Fact]
        public void RuleIdsComeFromTheCatalogWithTheirTitles()
        {
            var results = new RuleIdCompleter().CompleteArgument("Test-ExternalUserSecurity", "RuleId", "ats.mtg.1", null!, new Hashtable()).ToList();
            Assert.Contains(results, r => r.CompletionText == "ATS.MTG.1" && r.ToolTip.StartsWith("ATS.MTG.1: ", StringComparison.Ordinal));
            Assert.All(results, r => Assert.StartsWith("ATS.MTG.1", r.CompletionText, StringComparison.Ordinal));
            Assert.Equal(AcsTeamsSecurity.Audit.Rules.RuleCatalog.All.Count, new RuleIdCompleter().CompleteArgument("Get-ExternalUserSecurityRule", "Id", "", null!, new Hashtable()).Count());
        }

        [Fact]
        public void TheRightParametersHaveTheRightCompleters()
        {
            var expected = new (string Command, string Parameter, Type Completer)[]
            {
                ("Get-ExternalUserPolicy", "Identity", typeof(PolicyIdentityCompleter)),
                ("Set-ExternalUserPolicy", "Identity", typeof(PolicyIdentityCompleter)),
                ("Set-LobbyBypass", "Identity", typeof(PolicyIdentityCompleter)),
                ("Grant-ExternalUserPolicy", "Identity", typeof(PolicyIdentityCompleter)),
                ("Restore-ExternalUserConfiguration", "Identity", typeof(PolicyIdentityCompleter)),
                ("Set-AcsFederationConfiguration", "RemoveAllowedAcsResource", typeof(AllowedAcsResourceCompleter)),
                ("Test-ExternalUserAccess", "AcsResourceId", typeof(AllowedAcsResourceCompleter)),
                ("Test-ExternalUserAccess", "Organizer", typeof(OrganizerCompleter)),
                ("Get-MeetingExternalAccess", "Organizer", typeof(OrganizerCompleter)),
                ("Set-MeetingExternalAccess", "Organizer", typeof(OrganizerCompleter)),
                ("Set-LobbyBypass", "Organizer", typeof(OrganizerCompleter)),
                ("Grant-ExternalUserPolicy", "User", typeof(OrganizerCompleter)),
                ("Get-ExternalUserSecurityRule", "Id", typeof(RuleIdCompleter)),
                ("Test-ExternalUserSecurity", "RuleId", typeof(RuleIdCompleter)),
                ("Test-ExternalUserSecurity", "SubscriptionId", typeof(SubscriptionIdCompleter)),
                ("Export-ExternalUserConfiguration", "SubscriptionId", typeof(SubscriptionIdCompleter)),
                ("Connect-AcsTeamsSecurity", "Environment", typeof(EnvironmentNameCompleter)),
                ("Connect-AcsTeamsSecurity", "AcsApiVersion", typeof(AcsApiVersionCompleter)),
            };
            var cmdlets = typeof(PolicyIdentityCompleter).Assembly.GetExportedTypes()
                .Select(t => (Type: t, Attr: (CmdletAttribute?)Attribute.GetCustomAttribute(t, typeof(CmdletAttribute))))
                .Where(c => c.Attr is not null)
                .ToDictionary(c => c.Attr!.VerbName + "-" + c.Attr.NounName, c => c.Type);
            foreach (var (command, parameter, completer) in expected)
            {
                var property = cmdlets[command].GetProperty(parameter);
                Assert.True(property is not null, $"{command} -{parameter}");
                var attribute = (ArgumentCompleterAttribute?)Attribute.GetCustomAttribute(property!, typeof(ArgumentCompleterAttribute));
                Assert.True(attribute?.Type == completer, $"{command} -{parameter} should complete with {completer.Name}");
            }

            // Every -Environment (and -BasedOn) completes environment names; every completer is one of ours.
            foreach (var (command, type) in cmdlets)
            {
                foreach (var property in type.GetProperties().Where(p => p.Name is "Environment" or "BasedOn" && Attribute.IsDefined(p, typeof(ParameterAttribute))))
                {
                    var attribute = (ArgumentCompleterAttribute?)Attribute.GetCustomAttribute(property, typeof(ArgumentCompleterAttribute));
                    Assert.True(attribute?.Type == typeof(EnvironmentNameCompleter), $"{command} -{property.Name}");
                }
            }
        }

        [Fact]
        public void EveryScopeLikeParameterCompletesFromAClosedSet()
        {
            var cmdlets = typeof(PolicyIdentityCompleter).Assembly.GetExportedTypes().Where(t => Attribute.IsDefined(t, typeof(CmdletAttribute)));
            foreach (var property in cmdlets.SelectMany(t => t.GetProperties()).Where(p => Attribute.IsDefined(p, typeof(ParameterAttribute)) && (p.Name.EndsWith("Scope", StringComparison.Ordinal) || p.Name is "Service" or "PolicyType" or "Plane" or "Severity" or "Status")))
            {
                var element = property.PropertyType.IsArray ? property.PropertyType.GetElementType()! : property.PropertyType;
                element = Nullable.GetUnderlyingType(element) ?? element;
                Assert.True(element.IsEnum || Attribute.IsDefined(property, typeof(ValidateSetAttribute)), $"{property.DeclaringType!.Name}.{property.Name} should be an enum or have a ValidateSet");
            }
        }
    }
}
