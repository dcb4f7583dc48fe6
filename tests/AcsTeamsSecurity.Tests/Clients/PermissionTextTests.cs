using System;
using System.Collections.Generic;
using AcsTeamsSecurity.Clients.Transport;
using AcsTeamsSecurity.Cmdlets;
using AcsTeamsSecurity.Commands.Acs;
using AcsTeamsSecurity.Commands.Policy;
using AcsTeamsSecurity.Diagnostics;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using Xunit;

namespace AcsTeamsSecurity.Tests.Clients
{
    /// <summary>Issue 15: a 403 names what the running cmdlet declares with [RequiredPermission], and nothing else does.</summary>
    public class PermissionTextTests
    {
        private static ServiceResponse Forbidden() =>
            new ServiceResponse(403, "{\"error\":{\"code\":\"Forbidden\",\"message\":\"no\"}}", "req-1", new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase));

        [Fact]
        public void A403NamesThePermissionsOfTheRunningCmdletForThatService()
        {
            using (RunningCommand.Use(s => RequiredPermissionText.For(typeof(SetLobbyBypassCommand), s)))
            {
                var teams = ServiceErrorMapper.FromResponse(AcsTeamsService.TeamsAdmin, Forbidden(), "changing Tag:OpenDoors", null, 4);
                Assert.Equal(ErrorIds.PermissionDenied, teams.ErrorId);
                Assert.Contains("This needs the directory role Teams Administrator or Teams Communications Administrator or Global Administrator", teams.Message, StringComparison.Ordinal);
                Assert.DoesNotContain("Global Reader", teams.Message, StringComparison.Ordinal);

                // Two Graph declarations: both are needed, and both are named.
                var graph = ServiceErrorMapper.FromResponse(AcsTeamsService.Graph, Forbidden(), "changing a meeting", null, 4);
                Assert.Contains("OnlineMeetings.ReadWrite.All", graph.Message, StringComparison.Ordinal);
                Assert.Contains("; and also the Graph application permission User.Read.All", graph.Message, StringComparison.Ordinal);
            }

            using (RunningCommand.Use(s => RequiredPermissionText.For(typeof(NewAcsIdentityCommand), s)))
            {
                var acs = ServiceErrorMapper.FromResponse(AcsTeamsService.Acs, Forbidden(), "creating an ACS identity", null, 4);
                Assert.Contains("the Azure role Contributor or Owner or Communication and Email Service Owner", acs.Message, StringComparison.Ordinal);
            }
        }

        [Fact]
        public void WithoutACmdletOrADeclarationThereIsNoPermissionSentenceButTheClientNoteStays()
        {
            var bare = ServiceErrorMapper.FromResponse(AcsTeamsService.Graph, Forbidden(), "reading things", "A note from the client.", 4);
            Assert.Equal("Graph refused reading things: no [Forbidden]. A note from the client.", bare.Message);

            using (RunningCommand.Use(s => RequiredPermissionText.For(typeof(NewAcsIdentityCommand), s)))
            {
                // New-AcsIdentity declares nothing on Graph.
                Assert.DoesNotContain("This needs", ServiceErrorMapper.FromResponse(AcsTeamsService.Graph, Forbidden(), "reading things", null, 4).Message, StringComparison.Ordinal);
            }
        }

        [Fact]
        public void TheRunningCmdletIsRestoredWhenItsWorkEnds()
        {
            Assert.Null(RunningCommand.PermissionsFor(AcsTeamsService.TeamsAdmin));
            using (RunningCommand.Use(s => RequiredPermissionText.For(typeof(SetLobbyBypassCommand), s)))
            {
                using (RunningCommand.Use(s => RequiredPermissionText.For(typeof(GetExternalUserPolicyCommand), s)))
                {
                    Assert.Contains("Global Reader", RunningCommand.PermissionsFor(AcsTeamsService.TeamsAdmin), StringComparison.Ordinal);
                }

                Assert.DoesNotContain("Global Reader", RunningCommand.PermissionsFor(AcsTeamsService.TeamsAdmin), StringComparison.Ordinal);
            }

            Assert.Null(RunningCommand.PermissionsFor(AcsTeamsService.TeamsAdmin));
        }
    }
}
