using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using AcsTeamsSecurity.Clients.Arm;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Security;
using AcsTeamsSecurity.Session;
using AcsTeamsSecurity.Clients;

namespace AcsTeamsSecurity.Cmdlets.Binding
{
    /// <summary>One ACS resource as the caller named it, with the immutable id it stands for and its name when known.</summary>
    internal sealed class ResolvedAcsResource
    {
        internal ResolvedAcsResource(string input, string immutableId, string? name)
        {
            Input = input;
            ImmutableId = immutableId;
            Name = name;
        }

        /// <summary>What the caller typed.</summary>
        internal string Input { get; }

        /// <summary>The resource's immutable id (lower-case GUID), what Teams' allow-list and the access test take.</summary>
        internal string ImmutableId { get; }

        /// <summary>The resource name, when the input was a name or an ARM id or the context has read the resource.</summary>
        internal string? Name { get; }

        /// <summary>"northwind-acs (546517c0-…)" or the bare GUID when no name is known.</summary>
        internal string Display => Name is null ? ImmutableId : $"{Name} ({ImmutableId})";
    }

    /// <summary>
    /// Turns what a caller types for an ACS resource into its immutable id: the GUID itself; an ARM resource id, read with
    /// one ARM GET (docs/CONTRACTS.md, <c>arm-get-communication</c>); or a bare resource name, looked up among the ACS
    /// resources the context has read from ARM, or, with -SubscriptionId, by listing that subscription. What cannot be
    /// resolved is an error that says how to find the GUID by hand.
    /// </summary>
    internal sealed class AcsResourceInput
    {
        private static readonly Regex ArmIdPattern = new Regex(
            @"^/subscriptions/(?<subscription>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/resourceGroups/(?<group>[-\w.()]{0,89}[-\w()])/providers/Microsoft\.Communication/communicationServices/(?<name>[A-Za-z0-9-]{1,63})/?$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        // ACS resource names: 1-63 letters, digits and hyphens, starting and ending with a letter or digit.
        private static readonly Regex NamePattern = new Regex(@"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$", RegexOptions.CultureInvariant);

        // Only hex digits and hyphens, eight or more: a GUID with a typo or cut short, not a name.
        private static readonly Regex BrokenGuidPattern = new Regex(@"^[0-9a-fA-F-]{8,}$", RegexOptions.CultureInvariant);

        private readonly CompletionCache _cache;
        private readonly Func<string, CancellationToken, Task<AcsResourceSettings>>? _get;
        private readonly Func<string, CancellationToken, Task<IReadOnlyList<AcsResourceSettings>>>? _list;

        /// <summary>
        /// <paramref name="get"/> and <paramref name="list"/> are ARM reads; null when the context cannot reach ARM (an ACS
        /// access-key context, or an environment without ARM), and then only GUIDs and names already known resolve.
        /// </summary>
        internal AcsResourceInput(CompletionCache cache, Func<string, CancellationToken, Task<AcsResourceSettings>>? get, Func<string, CancellationToken, Task<IReadOnlyList<AcsResourceSettings>>>? list)
        {
            _cache = cache;
            _get = get;
            _list = list;
        }

        /// <summary>The resolver for a context: its completion cache and, when it covers ARM, its ARM client.</summary>
        internal static AcsResourceInput For(AcsTeamsSecurityContext context)
        {
            if (!context.Covers(AcsTeamsService.Arm) || context.Environment.ScopeFor(AcsTeamsService.Arm) is null)
            {
                return new AcsResourceInput(context.Completions, null, null);
            }

            return new AcsResourceInput(
                context.Completions,
                (id, ct) => context.Clients.Arm().GetCommunicationServiceAsync(id, ct),
                (subscription, ct) => context.Clients.Arm().ListCommunicationServicesAsync(subscription, ct));
        }

        /// <summary>
        /// Checks the form of every value before anything is sent: a GUID, an ARM id of a communicationServices resource, or
        /// a resource name. Anything else is <see cref="ErrorIds.AcsResourceIdInvalid"/>.
        /// </summary>
        internal static void Validate(string parameter, IEnumerable<string> values)
        {
            foreach (var value in values)
            {
                var text = value?.Trim() ?? string.Empty;
                if (Guid.TryParse(text, out _) || ArmIdPattern.IsMatch(text) || (NamePattern.IsMatch(text) && !BrokenGuidPattern.IsMatch(text)))
                {
                    continue;
                }

                var hint = text.StartsWith("/", StringComparison.Ordinal)
                    ? " An ARM id looks like /subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Communication/communicationServices/<name>."
                    : BrokenGuidPattern.IsMatch(text) ? " It looks like an immutable id, but is not a whole GUID (8-4-4-4-12 hex digits)." : string.Empty;
                throw new AcsTeamsSecurityException(
                    ErrorIds.AcsResourceIdInvalid,
                    ErrorCategory.InvalidArgument,
                    $"-{parameter} '{value}' is not an ACS resource: give its immutable id (a GUID), its ARM resource id or its resource name.{hint} Nothing was changed.")
                {
                    Target = value,
                };
            }
        }

        /// <summary>Resolves every value (duplicates by immutable id are dropped, the first one kept).</summary>
        internal async Task<IReadOnlyList<ResolvedAcsResource>> ResolveAsync(string parameter, IEnumerable<string> values, string? subscriptionId, CancellationToken cancellationToken)
        {
            var given = values.ToList();
            Validate(parameter, given);
            var subscription = subscriptionId is null ? null : ArmClient.ValidateSubscriptionId(subscriptionId);
            IReadOnlyList<AcsResourceSettings>? listed = null;
            var resolved = new List<ResolvedAcsResource>();
            foreach (var raw in given)
            {
                var value = raw.Trim();
                ResolvedAcsResource resource;
                if (Guid.TryParse(value, out var guid))
                {
                    resource = new ResolvedAcsResource(raw, guid.ToString(), _cache.AcsResourceName(guid.ToString()));
                }
                else if (ArmIdPattern.Match(value) is { Success: true } match)
                {
                    resource = await FromArmIdAsync(parameter, raw, value.TrimEnd('/'), match.Groups["name"].Value, cancellationToken).ConfigureAwait(false);
                }
                else if (subscription is not null)
                {
                    listed ??= await ListAsync(parameter, raw, subscription, cancellationToken).ConfigureAwait(false);
                    resource = ByName(parameter, raw, value, listed.Select(ToKnown).Where(k => k is not null).Select(k => k!).ToList(), $"subscription {subscription}");
                }
                else
                {
                    resource = ByName(parameter, raw, value, _cache.AcsResources, null);
                }

                if (!resolved.Any(r => string.Equals(r.ImmutableId, resource.ImmutableId, StringComparison.OrdinalIgnoreCase)))
                {
                    resolved.Add(resource);
                }
            }

            return resolved;
        }

        /// <summary>How to find an ACS resource's immutable id without this module's help; every resolution error ends with it.</summary>
        internal static string HowToFindTheGuid(string? name) =>
            "Give the immutable id (a GUID) instead: in the Azure portal, the resource's Overview > JSON View shows it as \"immutableResourceId\"; " +
            (name is null
                ? "with the Azure CLI, az communication show --name <name> --resource-group <resource-group> --query immutableResourceId. "
                : $"with the Azure CLI, az communication show --name {CommandText.Argument(name)} --resource-group <resource-group> --query immutableResourceId. ") +
            "Or give the ARM resource id (/subscriptions/…/providers/Microsoft.Communication/communicationServices/<name>), or the name with -SubscriptionId.";

        private async Task<ResolvedAcsResource> FromArmIdAsync(string parameter, string raw, string armId, string name, CancellationToken cancellationToken)
        {
            if (_get is null)
            {
                throw Unresolved(parameter, raw, name, $"this context has no access to Azure Resource Manager (an ACS access-key sign-in or an environment without ARM), so the ARM id cannot be read.", ErrorCategory.PermissionDenied, null);
            }

            AcsResourceSettings settings;
            try
            {
                settings = await _get(armId, cancellationToken).ConfigureAwait(false);
            }
            catch (AcsTeamsSecurityException ex)
            {
                if (ex.Status == 404)
                {
                    throw NotFound(parameter, raw, name, $"ARM has no Communication Services resource {armId}.", ex);
                }

                throw Unresolved(parameter, raw, name, $"reading it from Azure Resource Manager failed: {ex.Message}", ex.Category, ex);
            }

            var known = ToKnown(settings) ?? throw Unresolved(parameter, raw, name, "Azure Resource Manager returned the resource without an immutableResourceId.", ErrorCategory.InvalidResult, null);
            _cache.RememberAcsResources(new[] { known });
            return new ResolvedAcsResource(raw, known.ImmutableId, known.Name);
        }

        private async Task<IReadOnlyList<AcsResourceSettings>> ListAsync(string parameter, string raw, string subscription, CancellationToken cancellationToken)
        {
            if (_list is null)
            {
                throw Unresolved(parameter, raw, raw, $"this context has no access to Azure Resource Manager (an ACS access-key sign-in or an environment without ARM), so subscription {subscription} cannot be listed.", ErrorCategory.PermissionDenied, null);
            }

            IReadOnlyList<AcsResourceSettings> resources;
            try
            {
                resources = await _list(subscription, cancellationToken).ConfigureAwait(false);
            }
            catch (AcsTeamsSecurityException ex)
            {
                throw Unresolved(parameter, raw, raw, $"listing the ACS resources of subscription {subscription} failed: {ex.Message}", ex.Category, ex);
            }

            _cache.RememberSubscription(subscription);
            _cache.RememberAcsResources(resources.Select(ToKnown).Where(k => k is not null).Select(k => k!));
            return resources;
        }

        private static ResolvedAcsResource ByName(string parameter, string raw, string name, IReadOnlyList<KnownAcsResource> candidates, string? where)
        {
            var matches = candidates.Where(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))
                .GroupBy(c => c.ImmutableId, StringComparer.OrdinalIgnoreCase)
                .Select(g => g.First())
                .ToList();
            if (matches.Count == 1)
            {
                return new ResolvedAcsResource(raw, matches[0].ImmutableId, matches[0].Name);
            }

            if (matches.Count > 1)
            {
                var list = string.Join("; ", matches.Select(m => $"{m.ArmId} ({m.ImmutableId})"));
                throw new AcsTeamsSecurityException(
                    ErrorIds.AcsResourceNameAmbiguous,
                    ErrorCategory.InvalidArgument,
                    $"-{parameter} '{raw}' names {matches.Count} ACS resources: {list}. Give the immutable id or the ARM id of the one you mean. Nothing was changed.")
                {
                    Target = raw,
                };
            }

            var scope = where is not null
                ? $"{where} has no ACS resource named '{name}' that this account can read."
                : candidates.Count == 0
                    ? $"this context has read no ACS resources from Azure Resource Manager yet, so the name '{name}' cannot be looked up " +
                      "(give -SubscriptionId to list a subscription, or run Test-ExternalUserSecurity -SubscriptionId first)."
                    : $"none of the {candidates.Count} ACS resource(s) this context has read from Azure Resource Manager is named '{name}' (give -SubscriptionId to list another subscription).";
            throw NotFound(parameter, raw, name, scope, null);
        }

        private static KnownAcsResource? ToKnown(AcsResourceSettings settings) =>
            Guid.TryParse(settings.ImmutableResourceId, out var guid) ? new KnownAcsResource(guid.ToString(), settings.Name, settings.Id) : null;

        private static AcsTeamsSecurityException NotFound(string parameter, string raw, string name, string why, Exception? inner) =>
            new AcsTeamsSecurityException(ErrorIds.AcsResourceNotFound, ErrorCategory.ObjectNotFound, $"-{parameter} '{raw}': {Capitalize(why)} {HowToFindTheGuid(name)} Nothing was changed.", inner)
            {
                Target = raw,
                Service = inner is null ? null : nameof(AcsTeamsService.Arm),
            };

        private static AcsTeamsSecurityException Unresolved(string parameter, string raw, string name, string why, ErrorCategory category, AcsTeamsSecurityException? inner) =>
            new AcsTeamsSecurityException(ErrorIds.AcsResourceUnresolved, category, $"-{parameter} '{raw}' could not be resolved to an immutable id: {why} {HowToFindTheGuid(name)} Nothing was changed.", inner)
            {
                Target = raw,
                Service = nameof(AcsTeamsService.Arm),
                Status = inner?.Status,
                RequestId = inner?.RequestId,
            };

        private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);
    }
}
