using System;
using System.Collections.Generic;
using System.Linq;
using AcsTeamsSecurity.Clients;

namespace AcsTeamsSecurity.Session
{
    /// <summary>
    /// What tab completion may offer for one context without asking any service: names that earlier cmdlet
    /// calls of this context read or resolved. Memory only, never a secret (policy instance names, ACS resource
    /// ids of the allow-list, organizer UPNs, subscription ids), and dropped on Disconnect.
    /// </summary>
    internal sealed class CompletionCache : AcsTeamsSecurity.Clients.INameMemory
    {
        /// <summary>How many organizers and subscriptions are remembered (most recent first).</summary>
        internal const int MaxRecent = 25;

        private readonly object _gate = new object();
        private readonly Dictionary<string, List<string>> _policies = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        private readonly List<string> _organizers = new List<string>();
        private readonly List<string> _subscriptions = new List<string>();
        private List<string>? _allowedAcsResources;
        private readonly List<KnownAcsResource> _acsResources = new List<KnownAcsResource>();

        /// <summary>Replaces the known instance names of <paramref name="policyType"/> with a fresh read.</summary>
        public void RememberPolicies(string policyType, IEnumerable<string> identities)
        {
            var names = identities.Where(i => !string.IsNullOrEmpty(i)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            lock (_gate)
            {
                _policies[policyType] = names;
            }
        }

        /// <summary>True once instance names of <paramref name="policyType"/> were read.</summary>
        internal bool HasPolicies(string policyType)
        {
            lock (_gate)
            {
                return _policies.ContainsKey(policyType);
            }
        }

        /// <summary>Known instance names of the given policy types (all types when none is given), sorted.</summary>
        internal IReadOnlyList<string> PolicyIdentities(IReadOnlyCollection<string>? policyTypes = null)
        {
            lock (_gate)
            {
                return _policies
                    .Where(p => policyTypes is null || policyTypes.Count == 0 || policyTypes.Contains(p.Key, StringComparer.OrdinalIgnoreCase))
                    .SelectMany(p => p.Value)
                    .Distinct(StringComparer.OrdinalIgnoreCase)
                    .OrderBy(n => string.Equals(n, "Global", StringComparison.OrdinalIgnoreCase) ? 0 : 1)
                    .ThenBy(n => n, StringComparer.OrdinalIgnoreCase)
                    .ToList();
            }
        }

        /// <summary>Replaces the known ACS allow-list with a fresh read.</summary>
        public void RememberAllowedAcsResources(IEnumerable<string> resources)
        {
            var list = resources.Where(r => !string.IsNullOrEmpty(r)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            lock (_gate)
            {
                _allowedAcsResources = list;
            }
        }

        /// <summary>The ACS allow-list as last read, or null when it was never read.</summary>
        internal IReadOnlyList<string>? AllowedAcsResources
        {
            get
            {
                lock (_gate)
                {
                    return _allowedAcsResources?.ToList();
                }
            }
        }

        /// <summary>
        /// Remembers ACS resources read from ARM (immutable id, name, ARM id), replacing earlier entries with the same ARM id,
        /// so names can be shown beside allow-list GUIDs and typed instead of them. Resources without an immutable id are skipped.
        /// </summary>
        public void RememberAcsResources(IEnumerable<KnownAcsResource> resources)
        {
            lock (_gate)
            {
                foreach (var resource in resources)
                {
                    if (!Guid.TryParse(resource.ImmutableId, out var guid) || string.IsNullOrEmpty(resource.Name) || string.IsNullOrEmpty(resource.ArmId))
                    {
                        continue;
                    }

                    _acsResources.RemoveAll(r => string.Equals(r.ArmId, resource.ArmId, StringComparison.OrdinalIgnoreCase));
                    _acsResources.Insert(0, new KnownAcsResource(guid.ToString(), resource.Name, resource.ArmId));
                }
            }
        }

        /// <summary>The ACS resources this context has read from ARM, most recent first.</summary>
        internal IReadOnlyList<KnownAcsResource> AcsResources
        {
            get
            {
                lock (_gate)
                {
                    return _acsResources.ToList();
                }
            }
        }

        /// <summary>The name of the ACS resource with this immutable id, when the context has read it from ARM (one name per id).</summary>
        internal string? AcsResourceName(string? immutableId)
        {
            if (!Guid.TryParse(immutableId, out var guid))
            {
                return null;
            }

            var id = guid.ToString();
            lock (_gate)
            {
                return _acsResources.FirstOrDefault(r => string.Equals(r.ImmutableId, id, StringComparison.OrdinalIgnoreCase))?.Name;
            }
        }

        /// <summary>Moves <paramref name="userPrincipalName"/> to the front of the recent organizers.</summary>
        public void RememberOrganizer(string? userPrincipalName)
        {
            if (userPrincipalName is null || userPrincipalName.IndexOf('@') <= 0)
            {
                return; // object ids mean nothing to a reader; only UPNs are offered
            }

            Remember(_organizers, userPrincipalName);
        }

        /// <summary>Recent organizers, most recent first.</summary>
        internal IReadOnlyList<string> Organizers => Snapshot(_organizers);

        /// <summary>Moves <paramref name="subscriptionId"/> to the front of the recent subscriptions.</summary>
        public void RememberSubscription(string? subscriptionId)
        {
            if (subscriptionId is not null && Guid.TryParse(subscriptionId, out var guid))
            {
                Remember(_subscriptions, guid.ToString());
            }
        }

        /// <summary>Recent subscription ids, most recent first.</summary>
        internal IReadOnlyList<string> Subscriptions => Snapshot(_subscriptions);

        /// <summary>Forgets everything (Disconnect).</summary>
        internal void Clear()
        {
            lock (_gate)
            {
                _policies.Clear();
                _organizers.Clear();
                _subscriptions.Clear();
                _allowedAcsResources = null;
                _acsResources.Clear();
            }
        }

        private void Remember(List<string> list, string value)
        {
            lock (_gate)
            {
                list.RemoveAll(v => string.Equals(v, value, StringComparison.OrdinalIgnoreCase));
                list.Insert(0, value);
                if (list.Count > MaxRecent)
                {
                    list.RemoveRange(MaxRecent, list.Count - MaxRecent);
                }
            }
        }

        private IReadOnlyList<string> Snapshot(List<string> list)
        {
            lock (_gate)
            {
                return list.ToList();
            }
        }
    }
}
