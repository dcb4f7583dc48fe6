using System.Linq;
using System.Management.Automation;
using System;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Security;
using AcsTeamsSecurity.Commands.Policy;
using AcsTeamsSecurity.Domain;

namespace AcsTeamsSecurity.Cmdlets.Binding
{
    /// <summary>
    /// A policy object piped into a cmdlet carries its type and identity: a cmdlet that changes one policy type
    /// refuses an object of another (an ExternalAccessPolicy named Global is not the meeting policy named Global),
    /// and an object whose identity differs from -Identity, before anything is read or written.
    /// </summary>
    internal static class PipedPolicy
    {
        internal static void RequireType(string cmdlet, ExternalUserPolicyType expected, ExternalUserPolicyType? piped, string identity)
        {
            if (piped is null || piped.Value == expected)
            {
                return;
            }

            throw new AcsTeamsSecurityException(
                ErrorIds.PolicyTypeMismatch,
                ErrorCategory.InvalidArgument,
                $"{cmdlet} changes {expected} instances, but it was given a {piped.Value} ('{identity}'). Nothing was changed. " +
                (expected == ExternalUserPolicyType.TeamsMeetingPolicy
                    ? $"Pipe Get-ExternalUserPolicy -PolicyType {CommandText.Argument(expected.ToString())}, or use Set-ExternalUserPolicy -PolicyType {CommandText.Argument(piped.Value.ToString())} for this policy."
                    : $"Pipe Get-ExternalUserPolicy -PolicyType {CommandText.Argument(expected.ToString())}."))
            {
                Target = identity,
            };
        }

        /// <summary>The type and identity of a piped Get-ExternalUserPolicy object, or nulls for anything else.</summary>
        internal static (ExternalUserPolicyType? Type, string? Identity) Describe(object? value)
        {
            var inner = value is PSObject pso ? pso.BaseObject : value;
            return inner switch
            {
                MeetingPolicySettings m => (m.PolicyType, m.Identity),
                ExternalAccessPolicySettings a => (a.PolicyType, a.Identity),
                _ => (null, null),
            };
        }

        /// <summary>Refuses a piped object of another type or identity than the explicit parameters say.</summary>
        internal static void RequireSame(string cmdlet, ExternalUserPolicyType type, string identity, object? piped)
        {
            var (pipedType, pipedIdentity) = Describe(piped);
            if (pipedType is null)
            {
                return;
            }

            RequireType(cmdlet, type, pipedType, pipedIdentity ?? identity);
            if (pipedIdentity is not null && !string.Equals(Domain.Policy.PolicyIdentity.Normalize(pipedIdentity), identity, StringComparison.OrdinalIgnoreCase))
            {
                throw new AcsTeamsSecurityException(
                    ErrorIds.PolicyTypeMismatch,
                    ErrorCategory.InvalidArgument,
                    $"{cmdlet} was given the {pipedType} '{pipedIdentity}' with -Identity '{identity}'. Nothing was changed. Pipe the instance alone, or name it without piping.")
                {
                    Target = identity,
                };
            }
        }
    }
}

namespace AcsTeamsSecurity.Cmdlets.Binding
{
    /// <summary>PolicyNotFound from a Set- cmdlet, with the closest existing instance name ("did you mean Tag:OpenDoors?").</summary>
    internal static class PolicyNotFoundHint
    {
        internal static AcsTeamsSecurityException Enrich(Cmdlets.AcsTeamsCmdlet cmdlet, Session.AcsTeamsSecurityContext context, ExternalUserPolicyType type, string identity, AcsTeamsSecurityException notFound)
        {
            try
            {
                var service = new Clients.Teams.TeamsPolicyService(context.Clients);
                var names = type == ExternalUserPolicyType.TeamsMeetingPolicy
                    ? cmdlet.Run(ct => service.MeetingPoliciesAsync(ct)).Select(p => p.Identity).ToList()
                    : cmdlet.Run(ct => service.ExternalAccessPoliciesAsync(ct)).Select(p => p.Identity).ToList();
                var hint = DidYouMean.Sentence(identity, names);
                if (hint.Length == 0)
                {
                    return notFound;
                }

                return new AcsTeamsSecurityException(notFound.ErrorId, notFound.Category, notFound.Message.TrimEnd() + hint, notFound)
                {
                    Target = identity,
                };
            }
            catch (AcsTeamsSecurityException)
            {
                return notFound; // the list could not be read: the original error says enough
            }
        }
    }
}
