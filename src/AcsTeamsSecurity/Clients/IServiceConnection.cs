using System;
using System.Collections.Generic;
using System.Security;
using AcsTeamsSecurity.Auth;
using AcsTeamsSecurity.Clients.Transport;
using AcsTeamsSecurity.Models;

namespace AcsTeamsSecurity.Clients
{
    /// <summary>
    /// What the clients and services need to know of a signed-in context, and nothing more. The session's context
    /// implements it, so the dependency points from Session down to Clients and never back (docs/ARCHITECTURE.md, layers).
    /// </summary>
    internal interface IServiceConnection
    {
        /// <summary>The cloud: endpoints, authority and capabilities.</summary>
        AcsTeamsEnvironment Environment { get; }

        /// <summary>Tokens per service, acquired lazily and renewed.</summary>
        TokenBroker Broker { get; }

        /// <summary>The -Proxy handler shared by every client of the context, if any.</summary>
        ContextProxy? HttpProxy { get; }

        /// <summary>The tenant as given at sign-in (GUID or domain), before a token named it.</summary>
        string? GivenTenant { get; }

        /// <summary>The tenant id, once known.</summary>
        string? TenantId { get; }

        /// <summary>The application (client) id of the sign-in, if any.</summary>
        string? ClientId { get; }

        /// <summary>The signed-in account (UPN), once a token named it.</summary>
        string? Account { get; }

        /// <summary>How the context signed in.</summary>
        AuthMode AuthMode { get; }

        /// <summary>Per-service token state (never the token).</summary>
        IReadOnlyList<TokenState> Tokens { get; }

        /// <summary>The ACS resource endpoint, if the context has one.</summary>
        Uri? AcsEndpoint { get; }

        /// <summary>The ACS connection string (access key), if the context signed in with one.</summary>
        SecureString? AcsConnectionString { get; }

        /// <summary>The ACS Identity api-version.</summary>
        string AcsApiVersion { get; }

        /// <summary>The ARM api-version for Communication Services resources.</summary>
        string ArmApiVersion { get; }

        /// <summary>False once the context was disconnected.</summary>
        bool IsConnected { get; }

        /// <summary>Names the services read, kept for tab completion.</summary>
        INameMemory Names { get; }

        /// <summary>True when the sign-in covers <paramref name="service"/>.</summary>
        bool Covers(AcsTeamsService service);
    }

    /// <summary>Where services record names they read (policy instances, allow-list entries, organizers, subscriptions, ACS resources).</summary>
    internal interface INameMemory
    {
        /// <summary>Replaces the known instance names of <paramref name="policyType"/> with a fresh read.</summary>
        void RememberPolicies(string policyType, IEnumerable<string> identities);

        /// <summary>Replaces the known allow-list entries.</summary>
        void RememberAllowedAcsResources(IEnumerable<string> resources);

        /// <summary>Adds ACS resources read from ARM.</summary>
        void RememberAcsResources(IEnumerable<KnownAcsResource> resources);

        /// <summary>Adds an organizer UPN.</summary>
        void RememberOrganizer(string? userPrincipalName);

        /// <summary>Adds a subscription id.</summary>
        void RememberSubscription(string? subscriptionId);
    }

    /// <summary>An ACS resource as read from ARM: immutable id (lower-case GUID), resource name and ARM resource id.</summary>
    internal sealed class KnownAcsResource
    {
        internal KnownAcsResource(string immutableId, string name, string armId)
        {
            ImmutableId = immutableId;
            Name = name;
            ArmId = armId;
        }

        internal string ImmutableId { get; }

        internal string Name { get; }

        internal string ArmId { get; }
    }
}
