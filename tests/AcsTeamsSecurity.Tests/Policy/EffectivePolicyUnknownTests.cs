using System.Text.Json.Nodes;
using AcsTeamsSecurity.Clients.Teams;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Domain.Access;
using AcsTeamsSecurity.Domain.Policy;
using Xunit;

namespace AcsTeamsSecurity.Tests.Policy
{
    /// <summary>Graph user configurations wrapped and plain, and the answer when effective policies are unknown (issue 12).</summary>
    public class EffectivePolicyUnknownTests
    {
        private const string Resource = "1475c6ac-baa0-425c-8df5-77d8766e3c25";

        private static AcsFederationConfiguration Tenant(bool enableAcs, bool disableAnonymous = false, bool require = false, params string[] allowed) => new()
        {
            EnableAcsUsers = enableAcs,
            AllowedAcsResources = allowed,
            DisableAnonymousJoin = disableAnonymous,
            RequireAcsFederationForMeeting = require,
            LabelForAllowedAcsUsers = AcsUserLabel.External,
        };

        [Theory]
        [InlineData("{\"value\":{\"id\":\"u1\",\"effectivePolicyAssignments\":[]}}")]
        [InlineData("{\"id\":\"u1\",\"effectivePolicyAssignments\":[]}")]
        public void UserConfigurationEntityAcceptsWrappedAndPlain(string json)
        {
            var entity = TeamsPolicyService.UserConfigurationEntity(JsonNode.Parse(json));
            Assert.NotNull(entity);
            Assert.Equal("u1", entity!["id"]!.GetValue<string>());
            Assert.IsType<JsonArray>(entity["effectivePolicyAssignments"]);
        }

        [Theory]
        [InlineData("[]")]
        [InlineData("\"x\"")]
        [InlineData("null")]
        public void UserConfigurationEntityRejectsOtherShapes(string json) =>
            Assert.Null(TeamsPolicyService.UserConfigurationEntity(JsonNode.Parse(json)));

        [Fact]
        public void WrappedListIsNotMistakenForAnEntity()
        {
            // A collection answer has "value" as an array: the entity is then the object itself, which has no assignments.
            var entity = TeamsPolicyService.UserConfigurationEntity(JsonNode.Parse("{\"value\":[{\"id\":\"u1\"}]}"));
            Assert.Null(entity!["effectivePolicyAssignments"]);
        }

        [Fact]
        public void UnknownPoliciesNeverClaimAnAnswerFromGlobal()
        {
            var r = ExternalAccessEvaluator.EvaluateUnknown("alice@contoso.com", "a1", Tenant(true, allowed: Resource), Resource, "no answer");
            Assert.Equal("Unknown", r.Source);
            Assert.Null(r.CanJoin);
            Assert.Null(r.WaitsInLobby);
            Assert.Null(r.CanStartMeeting);
            Assert.Null(r.CanChat);
            Assert.Null(r.CanPresent);
            Assert.Null(r.CanDialOut);
            Assert.Equal("Unknown", r.JoinPath);
            Assert.Equal("Unknown", r.MeetingPolicy);
            Assert.DoesNotContain(r.Decisions, d => d.AssignmentType == PolicyAssignmentType.Global);
            Assert.Contains(r.Decisions, d => d.Question == "CanJoin" && d.Answer == "Unknown" && d.AssignmentType == PolicyAssignmentType.Unknown && d.Reason.Contains("no answer"));
            Assert.Empty(r.BlockedBy);

            // Tenant-wide answers stay: federation and the label.
            Assert.Contains(r.Decisions, d => d.Question == "Federation" && d.Answer == "Yes");
            Assert.Equal("External", r.Label);
        }

        [Theory]
        [InlineData(true, false, "TeamsMeetingConfiguration.DisableAnonymousJoin")]
        [InlineData(false, true, "TeamsAcsFederationConfiguration.RequireAcsFederationForMeeting")]
        public void TenantClosingBothPathsIsAKnownNo(bool disableAnonymous, bool require, string setting)
        {
            // Not federated (resource not allowed) and the anonymous path closed by the tenant: no organizer policy opens it.
            var r = ExternalAccessEvaluator.EvaluateUnknown("alice@contoso.com", "a1", Tenant(true, disableAnonymous, require), Resource, "x");
            Assert.False(r.CanJoin);
            Assert.False(r.CanChat);
            Assert.Equal("None", r.JoinPath);
            Assert.Contains(r.BlockedBy, d => d.Setting == setting && d.AssignmentType == PolicyAssignmentType.Tenant);
            Assert.Equal("Unverified", r.Label);
        }

        [Fact]
        public void FederatedResourceStillDependsOnTheOrganizer()
        {
            // Federated, even with anonymous join off: the organizer's EnableAcsFederationAccess decides, and it is unknown.
            var r = ExternalAccessEvaluator.EvaluateUnknown("alice@contoso.com", "a1", Tenant(true, disableAnonymous: true, allowed: Resource), Resource, "x");
            Assert.Null(r.CanJoin);
            Assert.Contains(r.Decisions, d => d.Question == "CanJoin" && d.Setting == "ExternalAccessPolicy.EnableAcsFederationAccess");
        }
    }
}
