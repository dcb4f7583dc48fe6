using AcsTeamsSecurity.Domain.Meetings;
using AcsTeamsSecurity.Models;
using Xunit;

namespace AcsTeamsSecurity.Tests.Domain
{
    /// <summary>Planning one online meeting's change without Graph.</summary>
    public class MeetingPlanTests
    {
        private static MeetingExternalAccess Meeting() => new()
        {
            Organizer = "adele@contoso.example",
            Subject = "Quarterly review",
            StartDateTime = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero),
            LobbyBypassScope = LobbyBypassScope.Organization,
            IsDialInBypassEnabled = false,
            AllowedPresenters = OnlineMeetingPresenters.Organizer,
            AllowAttendeeToEnableCamera = true,
        };

        [Fact]
        public void ChangesAreTheSettingsThatDifferAndLobbyBypassForEveryoneLoosens()
        {
            var plan = MeetingPlan.Plan(Meeting(), new Dictionary<string, object?>
            {
                ["LobbyBypassScope"] = LobbyBypassScope.Everyone,
                ["IsDialInBypassEnabled"] = false,
            });

            Assert.True(plan.Loosens);
            Assert.Equal(
                "LOOSEN meeting 'Quarterly review' of adele@contoso.example (2026-03-02 09:00:00Z):" + Environment.NewLine +
                "  LobbyBypassScope: Organization -> Everyone  (loosens security)",
                plan.Describe("adele@contoso.example"));
        }

        [Fact]
        public void TighteningIsAPlainChange()
        {
            var plan = MeetingPlan.Plan(Meeting(), new Dictionary<string, object?> { ["AllowAttendeeToEnableCamera"] = false });

            Assert.False(plan.Loosens);
            Assert.StartsWith("Change meeting 'Quarterly review'", plan.Describe("adele@contoso.example"), StringComparison.Ordinal);
            Assert.Equal(ChangeDirection.Tightening, plan.Changes.Single().Direction);
        }

        [Fact]
        public void AMeetingThatAlreadyHasTheValuesGivesAnEmptyPlan()
        {
            var plan = MeetingPlan.Plan(Meeting(), new Dictionary<string, object?>
            {
                ["AllowedPresenters"] = OnlineMeetingPresenters.Organizer,
                ["LobbyBypassScope"] = LobbyBypassScope.Organization,
            });

            Assert.True(plan.IsEmpty);
        }

        [Fact]
        public void TheLooseningQuestionCountsTheMeetings() =>
            Assert.StartsWith("3 meeting(s) will let more people in or do more", MeetingPlan.LooseningQuestion(3), StringComparison.Ordinal);
    }
}
