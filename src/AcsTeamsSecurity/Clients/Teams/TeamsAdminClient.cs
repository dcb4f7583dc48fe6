using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;

namespace AcsTeamsSecurity.Clients.Teams
{
    /// <summary>
    /// The Teams tenant admin API (the "config" API behind the MicrosoftTeams policy cmdlets, api-facts §5.1).
    /// Reads use the documented paths and accept a single object or a one-element array. Writes are NOT publicly
    /// documented: they are modelled here, in this one place, as PATCH of the changed properties on the same
    /// resource path with If-Match on the ETag of the instance just read (INFERRED; see docs/ARCHITECTURE.md).
    /// </summary>
    internal sealed class TeamsAdminClient
    {
        internal const string ReadRoles = "the Teams Administrator, Teams Communications Administrator, Global Reader or Global Administrator role";
        internal const string WriteRoles = "the Teams Administrator or Global Administrator role (Teams Communications Administrator for meeting policies and ACS federation)";

        private readonly ServiceHttpClient _http;

        internal TeamsAdminClient(ServiceHttpClient http) => _http = http;

        /// <summary>All instances of a configuration type.</summary>
        internal async Task<IReadOnlyList<JsonObject>> ListAsync(string type, CancellationToken cancellationToken)
        {
            var activity = $"reading {type} instances";
            var response = await _http.SendForSuccessAsync(RequestMethod.Get, Path(type, null), null, activity, ReadRoles, cancellationToken).ConfigureAwait(false);
            return ReadInstances(response, activity);
        }

        /// <summary>One instance and its version (ETag), or PolicyNotFound.</summary>
        internal async Task<(JsonObject Instance, string? ETag)> GetAsync(string type, string identity, CancellationToken cancellationToken)
        {
            var activity = $"reading {type} {identity}";
            var response = await _http.SendAsync(RequestMethod.Get, Path(type, identity), null, activity, cancellationToken).ConfigureAwait(false);
            if (response.Status == 404)
            {
                throw NotFound(type, identity, response);
            }

            if (!response.IsSuccess)
            {
                throw ServiceErrorMapper.FromResponse(AcsTeamsService.TeamsAdmin, response, activity, ReadRoles, _http.MaxRetries);
            }

            var instances = ReadInstances(response, activity);
            if (instances.Count != 1)
            {
                throw ServiceErrorMapper.InvalidBody(AcsTeamsService.TeamsAdmin, response, activity);
            }

            response.Headers.TryGetValue("ETag", out var etag);
            return (instances[0], etag);
        }

        /// <summary>Changes the given properties of one instance (INFERRED write contract), guarded by If-Match.</summary>
        internal async Task<JsonObject> PatchAsync(string type, string identity, JsonObject changes, string? etag, CancellationToken cancellationToken)
        {
            var activity = $"changing {type} {identity}";
            var headers = etag is null ? null : new Dictionary<string, string> { ["If-Match"] = etag };
            var response = await _http.SendAsync(new RequestMethod("PATCH"), Path(type, identity), changes.ToJsonString(), activity, cancellationToken, headers).ConfigureAwait(false);
            if (response.Status == 412)
            {
                throw new AcsTeamsSecurityException(
                    ErrorIds.PolicyChangedConcurrently,
                    ErrorCategory.ResourceBusy,
                    $"{type} {identity} was changed by someone else while this change was being made; nothing was written. Read it again and retry.")
                {
                    Target = identity,
                    Service = nameof(AcsTeamsService.TeamsAdmin),
                    Status = 412,
                    RequestId = response.RequestId,
                };
            }

            if (response.Status == 404)
            {
                throw NotFound(type, identity, response);
            }

            if (!response.IsSuccess)
            {
                throw ServiceErrorMapper.FromResponse(AcsTeamsService.TeamsAdmin, response, activity, WriteRoles, _http.MaxRetries);
            }

            var instances = ReadInstances(response, activity);
            return instances.Count == 1 ? instances[0] : throw ServiceErrorMapper.InvalidBody(AcsTeamsService.TeamsAdmin, response, activity);
        }

        private static string Path(string type, string? identity) =>
            identity is null
                ? $"Skype.Policy/configurations/{type}"
                : $"Skype.Policy/configurations/{type}/configuration/{Uri.EscapeDataString(identity)}";

        private static IReadOnlyList<JsonObject> ReadInstances(ServiceResponse response, string activity)
        {
            JsonNode? node;
            try
            {
                node = JsonNode.Parse(response.Body);
            }
            catch (System.Text.Json.JsonException ex)
            {
                throw ServiceErrorMapper.InvalidBody(AcsTeamsService.TeamsAdmin, response, activity, ex);
            }

            var list = new List<JsonObject>();
            switch (node)
            {
                case JsonObject single:
                    list.Add(single);
                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        if (item is JsonObject o)
                        {
                            list.Add(o);
                        }
                        else
                        {
                            throw ServiceErrorMapper.InvalidBody(AcsTeamsService.TeamsAdmin, response, activity);
                        }
                    }

                    break;
                default:
                    throw ServiceErrorMapper.InvalidBody(AcsTeamsService.TeamsAdmin, response, activity);
            }

            return list;
        }

        private static AcsTeamsSecurityException NotFound(string type, string identity, ServiceResponse response) =>
            new AcsTeamsSecurityException(ErrorIds.PolicyNotFound, ErrorCategory.ObjectNotFound, $"There is no {type} instance '{identity}'. Get-ExternalUserPolicy lists the instances.")
            {
                Target = identity,
                Service = nameof(AcsTeamsService.TeamsAdmin),
                Status = 404,
                RequestId = response.RequestId,
            };
    }
}
