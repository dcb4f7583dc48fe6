using AcsTeamsSecurity.Domain.Policy;
using AcsTeamsSecurity.Models;
using Xunit;

namespace AcsTeamsSecurity.Tests.Domain
{
    /// <summary>Planning a policy change without any service: the diff, its direction, stale copies, and the confirmation text.</summary>
    public class PolicyPlanTests
    {
        private const string Meeting = "TeamsMeetingPolicy";
        private static readonly string Nl = Environment.NewLine;

        private static MeetingPolicySettings Policy(string identity = "Global") => new()
        {
            Identity = identity,
            AllowAnonymousUsersToJoinMeeting = true,
            AutoAdmittedUsers = AutoAdmittedUsers.EveryoneInCompany,
            MeetingChatEnabledType = MeetingChatEnabledType.Enabled,
            AllowTranscription = true,
            BlockedAnonymousJoinClientTypes = new[] { AnonymousJoinClientType.ACS, AnonymousJoinClientType.Teams },
        };

        private static Dictionary<string, object?> Desired(params (string Setting, object? Value)[] settings) =>
            settings.ToDictionary(s => s.Setting, s => s.Value);

        [Fact]
        public void OnlySettingsThatDifferBecomeChangesInTheOrderAskedFor()
        {
            var plan = PolicyPlan.Plan(Meeting, "Global", Policy(), Desired(
                ("AllowTranscription", false),
                ("AutoAdmittedUsers", AutoAdmittedUsers.EveryoneInCompany),
                ("MeetingChatEnabledType", MeetingChatEnabledType.Disabled)));

            Assert.Equal(new[] { "AllowTranscription", "MeetingChatEnabledType" }, plan.Changes.Select(c => c.Setting));
            Assert.Equal(true, plan.Changes[0].Before);
            Assert.Equal(false, plan.Changes[0].After);
            Assert.All(plan.Changes, c => Assert.Equal(ChangeDirection.Tightening, c.Direction));
            Assert.False(plan.Loosens);
            Assert.False(plan.IsEmpty);
            Assert.Null(plan.Conflict);
        }

        [Fact]
        public void SettingsAlreadyAsAskedGiveAnEmptyPlan()
        {
            // Lists compare as multisets (order does not matter); enum names case-insensitively.
            var plan = PolicyPlan.Plan(Meeting, "Global", Policy(), Desired(
                ("BlockedAnonymousJoinClientTypes", new[] { AnonymousJoinClientType.Teams, AnonymousJoinClientType.ACS }),
                ("AutoAdmittedUsers", "everyoneincompany"),
                ("AllowAnonymousUsersToJoinMeeting", true)));

            Assert.True(plan.IsEmpty);
            Assert.False(plan.Loosens);
        }

        [Fact]
        public void OneLooseningSettingMakesTheWholeChangeLoosen()
        {
            var plan = PolicyPlan.Plan(Meeting, "Global", Policy(), Desired(
                ("AutoAdmittedUsers", AutoAdmittedUsers.Everyone),
                ("AllowTranscription", false)));

            Assert.True(plan.Loosens);
            Assert.Equal(ChangeDirection.Loosening, plan.Changes[0].Direction);
            Assert.Equal(ChangeDirection.Tightening, plan.Changes[1].Direction);
            Assert.Equal(
                "LOOSEN TeamsMeetingPolicy Global (applies to every user without another assignment):" + Nl +
                "  AutoAdmittedUsers: EveryoneInCompany -> Everyone  (loosens security)" + Nl +
                "  AllowTranscription: True -> False",
                plan.Describe());
        }

        [Fact]
        public void RemovingABlockedClientTypeLoosens()
        {
            var plan = PolicyPlan.Plan(Meeting, "Global", Policy(), Desired(("BlockedAnonymousJoinClientTypes", new[] { AnonymousJoinClientType.Teams })));

            Assert.True(plan.Loosens);
            Assert.Equal("  BlockedAnonymousJoinClientTypes: [ACS, Teams] -> [Teams]  (loosens security)", plan.Changes.Single().Line);
        }

        [Fact]
        public void TheConfirmationNamesTheUsersAffectedAndTheNotes()
        {
            var plan = PolicyPlan.Plan(Meeting, "Tag:OpenDoors", Policy("Tag:OpenDoors"), Desired(("AllowAnonymousUsersToJoinMeeting", false)));

            Assert.Equal(
                "Change TeamsMeetingPolicy Tag:OpenDoors (applies to 12 user(s): the users it is assigned to, directly or through groups):" + Nl +
                "  AllowAnonymousUsersToJoinMeeting: True -> False" + Nl +
                "  ACS resource 1475c6ac-baa0-425c-8df5-77d8766e3c25 is contoso-acs",
                plan.Describe(12, new[] { "ACS resource 1475c6ac-baa0-425c-8df5-77d8766e3c25 is contoso-acs" }));
        }

        [Fact]
        public void ATenantWideChangeAppliesToTheWholeTenant()
        {
            var current = new AcsFederationConfiguration { EnableAcsUsers = false };
            var plan = PolicyPlan.Plan("TeamsAcsFederationConfiguration", "Global", current, Desired(("EnableAcsUsers", true)), appliesTo: PolicyPlan.WholeTenant);

            Assert.Equal(
                "LOOSEN TeamsAcsFederationConfiguration Global (applies to the whole tenant):" + Nl + "  EnableAcsUsers: False -> True  (loosens security)",
                plan.Describe());
        }

        [Fact]
        public void ASettingTheServiceDidNotReportIsShownAsNotSet()
        {
            var plan = PolicyPlan.Plan(Meeting, "Global", new MeetingPolicySettings { Identity = "Global" }, Desired(("LobbyChat", FeatureState.Disabled)));

            Assert.Equal("  LobbyChat: (not set) -> Disabled  (loosens security)", plan.Changes.Single().Line);
        }

        [Fact]
        public void AStaleCopyIsAConflictNamingTheFirstSettingThatMoved()
        {
            var read = Policy();
            var now = Policy();
            now.MeetingChatEnabledType = MeetingChatEnabledType.EnabledExceptAnonymous;

            var plan = PolicyPlan.Plan(Meeting, "Global", now, Desired(("AllowTranscription", false)), read);

            Assert.NotNull(plan.Conflict);
            Assert.Equal("MeetingChatEnabledType", plan.Conflict!.Setting);
            Assert.Equal(MeetingChatEnabledType.Enabled, plan.Conflict.Then);
            Assert.Equal(MeetingChatEnabledType.EnabledExceptAnonymous, plan.Conflict.Now);
        }

        [Fact]
        public void AnUnchangedCopyOrOneOfAnotherKindIsNoConflict()
        {
            var renamed = Policy("Tag:Other"); // the identity is compared by the caller, not as a setting
            Assert.Null(PolicyPlan.Plan(Meeting, "Global", Policy(), Desired(("AllowTranscription", false)), Policy()).Conflict);
            Assert.Null(PolicyPlan.Plan(Meeting, "Global", Policy(), Desired(("AllowTranscription", false)), renamed).Conflict);
            Assert.Null(PolicyPlan.Plan(Meeting, "Global", Policy(), Desired(("AllowTranscription", false)), new ExternalAccessPolicySettings { Identity = "Global" }).Conflict);
        }

        [Fact]
        public void SettingsTheReadBackDoesNotShowAreNotApplied()
        {
            var plan = PolicyPlan.Plan(Meeting, "Global", Policy(), Desired(("AllowTranscription", false), ("MeetingChatEnabledType", MeetingChatEnabledType.Disabled)));
            var written = Policy();
            written.AllowTranscription = false;

            var missed = plan.NotAppliedIn(written);

            Assert.Equal(("MeetingChatEnabledType", (object?)MeetingChatEnabledType.Disabled, (object?)MeetingChatEnabledType.Enabled), missed.Single());
            written.MeetingChatEnabledType = MeetingChatEnabledType.Disabled;
            Assert.Empty(plan.NotAppliedIn(written));
            Assert.Equal("AllowTranscription True -> False, MeetingChatEnabledType Enabled -> Disabled", plan.Summary());
        }

        [Fact]
        public void ThereIsNoPlanWithoutTheCurrentInstance() =>
            Assert.Throws<ArgumentNullException>(() => PolicyPlan.Plan(Meeting, "Global", null!, Desired()));
    }
}
