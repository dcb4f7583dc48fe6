using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Domain.Access;
using AcsTeamsSecurity.Domain.Policy;
using Xunit;

namespace AcsTeamsSecurity.Tests.Policy
{
    public class ExternalAccessEvaluatorTests
    {
        private const string Resource = "1475c6ac-baa0-425c-8df5-77d8766e3c25";

        private static MeetingPolicySettings Global() => new()
        {
            Identity = "Global",
            AllowAnonymousUsersToJoinMeeting = true,
            AllowAnonymousUsersToStartMeeting = false,
            AllowAnonymousUsersToDialOut = false,
            AutoAdmittedUsers = AutoAdmittedUsers.EveryoneInCompany,
            MeetingChatEnabledType = MeetingChatEnabledType.Enabled,
            DesignatedPresenterRoleMode = DesignatedPresenterRoleMode.EveryoneUserOverride,
        };

        private static AcsFederationConfiguration Tenant(bool enableAcs = false, bool disableAnonymous = false, bool require = false, AcsUserLabel label = AcsUserLabel.Unverified, params string[] allowed) => new()
        {
            EnableAcsUsers = enableAcs,
            AllowedAcsResources = allowed,
            DisableAnonymousJoin = disableAnonymous,
            RequireAcsFederationForMeeting = require,
            LabelForAllowedAcsUsers = label,
        };

        private static ExternalUserAccessResult Run(AcsFederationConfiguration tenant, MeetingPolicySettings meeting, bool acsAccess = true, string? resource = Resource, PolicyAssignmentType type = PolicyAssignmentType.Global) =>
            ExternalAccessEvaluator.Evaluate(
                "alice@contoso.com",
                "a1",
                tenant,
                new EffectivePolicy<MeetingPolicySettings>(meeting, meeting.Identity, type, type == PolicyAssignmentType.Group ? "g1" : null),
                new EffectivePolicy<ExternalAccessPolicySettings>(new ExternalAccessPolicySettings { Identity = "Global", EnableAcsFederationAccess = acsAccess }, "Global", PolicyAssignmentType.Global),
                resource);

        [Fact]
        public void DefaultTenantLetsAcsUsersJoinAnonymouslyIntoTheLobby()
        {
            var r = Run(Tenant(), Global());
            Assert.True(r.CanJoin);
            Assert.Equal("Anonymous", r.JoinPath);
            Assert.True(r.WaitsInLobby);
            Assert.False(r.CanStartMeeting);
            Assert.True(r.CanChat);
            Assert.True(r.CanPresent);
            Assert.Equal("Unverified", r.Label);
            Assert.Empty(r.BlockedBy);
        }

        // The lobby matrix (api-facts §4.4), row "Anonymous participants": only Everyone bypasses.
        [Theory]
        [InlineData(AutoAdmittedUsers.Everyone, false)]
        [InlineData(AutoAdmittedUsers.EveryoneInSameAndFederatedCompany, true)]
        [InlineData(AutoAdmittedUsers.EveryoneInCompany, true)]
        [InlineData(AutoAdmittedUsers.EveryoneInCompanyExcludingGuests, true)]
        [InlineData(AutoAdmittedUsers.InvitedUsers, true)]
        [InlineData(AutoAdmittedUsers.OrganizerOnly, true)]
        public void LobbyFollowsTheDocumentedMatrix(AutoAdmittedUsers value, bool waits)
        {
            var m = Global();
            m.AutoAdmittedUsers = value;
            var r = Run(Tenant(), m);
            Assert.Equal(waits, r.WaitsInLobby);
            Assert.Equal(waits ? "Lobby" : "Bypass", r.Decisions.Single(d => d.Question == "Lobby").Answer);
        }

        [Theory]
        [InlineData(AutoAdmittedUsers.Everyone, true, true)]
        [InlineData(AutoAdmittedUsers.EveryoneInCompany, true, false)]
        [InlineData(AutoAdmittedUsers.Everyone, false, false)]
        public void StartingNeedsEveryoneAndThePolicy(AutoAdmittedUsers lobby, bool allowStart, bool expected)
        {
            var m = Global();
            m.AutoAdmittedUsers = lobby;
            m.AllowAnonymousUsersToStartMeeting = allowStart;
            Assert.Equal(expected, Run(Tenant(), m).CanStartMeeting);
        }

        [Theory]
        [InlineData(new[] { AnonymousJoinClientType.ACS }, false)]
        [InlineData(new[] { AnonymousJoinClientType.Teams }, true)]
        [InlineData(new[] { AnonymousJoinClientType.ACS, AnonymousJoinClientType.Teams }, false)]
        [InlineData(new AnonymousJoinClientType[0], true)]
        public void BlockedClientTypesDecideAnonymousJoin(AnonymousJoinClientType[] blocked, bool canJoin)
        {
            var m = Global();
            m.BlockedAnonymousJoinClientTypes = blocked;
            var r = Run(Tenant(), m, resource: null);
            Assert.Equal(canJoin, r.CanJoin);
            if (!canJoin)
            {
                Assert.Contains(r.BlockedBy, d => d.Setting == "TeamsMeetingPolicy.BlockedAnonymousJoinClientTypes" && d.FixCommand!.Contains("-BlockedAnonymousJoinClientTypes Teams", StringComparison.Ordinal));
            }
        }

        [Fact]
        public void TenantAnonymousSwitchAndPolicyBothMustAllow()
        {
            var r = Run(Tenant(disableAnonymous: true), Global(), resource: null);
            Assert.False(r.CanJoin);
            Assert.Equal("TeamsMeetingConfiguration.DisableAnonymousJoin", r.BlockedBy.Single().Setting);
            Assert.Equal(PolicyAssignmentType.Tenant, r.BlockedBy.Single().AssignmentType);

            var m = Global();
            m.AllowAnonymousUsersToJoinMeeting = false;
            r = Run(Tenant(disableAnonymous: true), m, resource: null);
            Assert.Equal(2, r.BlockedBy.Count);
        }

        [Fact]
        public void AnAllowedResourceJoinsThroughFederationEvenWhenAnonymousJoinIsOff()
        {
            var m = Global();
            m.AllowAnonymousUsersToJoinMeeting = false;
            m.BlockedAnonymousJoinClientTypes = new[] { AnonymousJoinClientType.ACS };
            var r = Run(Tenant(enableAcs: true, disableAnonymous: true, label: AcsUserLabel.External, allowed: Resource), m);
            Assert.True(r.CanJoin);
            Assert.Equal("AcsFederation", r.JoinPath);
            Assert.Equal("External", r.Label);
        }

        [Fact]
        public void AResourceOutsideTheAllowListDependsOnAnonymousJoin()
        {
            var other = "64a11489-1ac1-4d7a-9575-50ba9a248104";
            var r = Run(Tenant(enableAcs: true, allowed: Resource), Global(), resource: other);
            Assert.True(r.CanJoin);
            Assert.Equal("Anonymous", r.JoinPath);
            Assert.Equal("Unverified", r.Label);
            Assert.Equal("No", r.Decisions.Single(d => d.Question == "Federation").Answer);

            r = Run(Tenant(enableAcs: true, require: true, allowed: Resource), Global(), resource: other);
            Assert.False(r.CanJoin);
            Assert.Contains(r.BlockedBy, d => d.Setting == "TeamsAcsFederationConfiguration.RequireAcsFederationForMeeting" && d.FixCommand!.Contains(other, StringComparison.Ordinal));
        }

        [Fact]
        public void FederationOffMeansTheAllowListDoesNotCount()
        {
            var r = Run(Tenant(enableAcs: false, disableAnonymous: true, allowed: Resource), Global());
            Assert.False(r.CanJoin);
            var federation = r.Decisions.Single(d => d.Question == "Federation");
            Assert.Equal("TeamsAcsFederationConfiguration.EnableAcsUsers", federation.Setting);
        }

        [Fact]
        public void OrganizerExternalAccessPolicyCanBlockAcsUsers()
        {
            var r = Run(Tenant(enableAcs: true, allowed: Resource), Global(), acsAccess: false);
            Assert.False(r.CanJoin);
            var block = r.BlockedBy.Single();
            Assert.Equal("ExternalAccessPolicy.EnableAcsFederationAccess", block.Setting);
            Assert.StartsWith("Set-ExternalUserPolicy -PolicyType ExternalAccessPolicy", block.FixCommand, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData(MeetingChatEnabledType.Enabled, true)]
        [InlineData(MeetingChatEnabledType.EnabledExceptAnonymous, false)]
        [InlineData(MeetingChatEnabledType.Disabled, false)]
        public void ChatForAnonymousUsers(MeetingChatEnabledType chat, bool expected)
        {
            var m = Global();
            m.MeetingChatEnabledType = chat;
            Assert.Equal(expected, Run(Tenant(), m).CanChat);
        }

        [Theory]
        [InlineData(PolicyAssignmentType.Direct, "TeamsMeetingPolicy Tag:Open (direct)")]
        [InlineData(PolicyAssignmentType.Group, "TeamsMeetingPolicy Tag:Open (group g1)")]
        [InlineData(PolicyAssignmentType.Global, "TeamsMeetingPolicy Global (organization-wide default)")]
        public void EachAnswerNamesItsSource(PolicyAssignmentType type, string source)
        {
            var m = Global();
            m.Identity = type == PolicyAssignmentType.Global ? "Global" : "Tag:Open";
            var r = Run(Tenant(), m, type: type);
            var lobby = r.Decisions.Single(d => d.Question == "Lobby");
            Assert.Equal(source, lobby.Source);
            Assert.Equal(type, lobby.AssignmentType);
            Assert.Equal(source, r.MeetingPolicy);
        }
    }

    public class ChangeImpactTests
    {
        [Theory]
        [InlineData("AutoAdmittedUsers", "EveryoneInCompany", "Everyone", ChangeDirection.Loosening)]
        [InlineData("AutoAdmittedUsers", "Everyone", "InvitedUsers", ChangeDirection.Tightening)]
        [InlineData("AllowAnonymousUsersToStartMeeting", false, true, ChangeDirection.Loosening)]
        [InlineData("DisableAnonymousJoin", true, false, ChangeDirection.Loosening)]
        [InlineData("RequireAcsFederationForMeeting", false, true, ChangeDirection.Tightening)]
        [InlineData("EnableAcsUsers", false, true, ChangeDirection.Loosening)]
        [InlineData("MeetingChatEnabledType", "Enabled", "EnabledExceptAnonymous", ChangeDirection.Tightening)]
        [InlineData("LabelForAllowedAcsUsers", "Unverified", "External", ChangeDirection.Neutral)]
        [InlineData("AnonymousUserAuthenticationMethod", "OneTimePasscode", "None", ChangeDirection.Loosening)]
        [InlineData("AutoAdmittedUsers", "Everyone", "Everyone", ChangeDirection.Unchanged)]
        public void ScalarChanges(string setting, object before, object after, ChangeDirection expected)
        {
            Assert.Equal(expected, ChangeImpact.Classify(setting, before, after));
        }

        [Fact]
        public void ListChanges()
        {
            Assert.Equal(ChangeDirection.Loosening, ChangeImpact.Classify("AllowedAcsResources", new[] { "a" }, new[] { "a", "b" }));
            Assert.Equal(ChangeDirection.Tightening, ChangeImpact.Classify("AllowedAcsResources", new[] { "a", "b" }, new[] { "a" }));
            Assert.Equal(ChangeDirection.Loosening, ChangeImpact.Classify("BlockedAnonymousJoinClientTypes", new[] { "ACS" }, Array.Empty<string>()));
            Assert.Equal(ChangeDirection.Tightening, ChangeImpact.Classify("BlockedAnonymousJoinClientTypes", Array.Empty<string>(), new[] { "ACS" }));
            Assert.Equal(ChangeDirection.Unchanged, ChangeImpact.Classify("AllowedAcsResources", new[] { "A" }, new[] { "a" }));
        }
    }
}
