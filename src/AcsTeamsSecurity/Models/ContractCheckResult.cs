using System;
using System.Collections.Generic;

namespace AcsTeamsSecurity.Models
{
    /// <summary>How one contract's answer compared with what the module was built from.</summary>
    public enum ContractOutcome
    {
        /// <summary>The answer has the strongest evidenced shape, every property the module relies on, and only enum values it knows.</summary>
        Matches,

        /// <summary>As Matches, but with another evidenced shape (named in Variant), which the module also accepts.</summary>
        MatchesVariant,

        /// <summary>The answer differs from every evidenced variant: Differences says how (the module must learn it).</summary>
        Differs,

        /// <summary>The contract was not checked: the context cannot reach it (Detail says why), or -WhatIf.</summary>
        Skipped,

        /// <summary>The request failed (permission, throttling, unreachable): ErrorId and Detail say why; nothing was compared.</summary>
        Failed,
    }

    /// <summary>One row of Test-AcsTeamsSecurityContract: a contract of docs/CONTRACTS.md and what the service answered.</summary>
    public sealed class ContractCheckResult
    {
        internal ContractCheckResult(string contractId, string anchor, string service, string method, string path)
        {
            ContractId = contractId;
            Anchor = anchor;
            Service = service;
            Method = method;
            Path = path;
        }

        /// <summary>The catalogue id (the anchor, plus the configuration type where one row is checked for several).</summary>
        public string ContractId { get; }

        /// <summary>The row's anchor in docs/CONTRACTS.md (docs/CONTRACTS.md#anchor).</summary>
        public string Anchor { get; }

        /// <summary>Graph, TeamsAdmin or Arm.</summary>
        public string Service { get; }

        /// <summary>The HTTP method.</summary>
        public string Method { get; }

        /// <summary>The path template as the contract table writes it.</summary>
        public string Path { get; }

        /// <summary>Matches, MatchesVariant, Differs, Skipped or Failed.</summary>
        public ContractOutcome Outcome { get; internal set; }

        /// <summary>The evidenced variant the answer matched (object, array, valueWrapped, plain, empty…).</summary>
        public string? Variant { get; internal set; }

        /// <summary>The HTTP status of the answer.</summary>
        public int? Status { get; internal set; }

        /// <summary>The body shape seen: object, array, valueArray, valueObject, empty, notJson or scalar.</summary>
        public string? Shape { get; internal set; }

        /// <summary>How many instances the answer carried.</summary>
        public int ItemCount { get; internal set; }

        /// <summary>What differed: missing property names, unknown enum values, an unexpected shape or a redirect.</summary>
        public IReadOnlyList<string> Differences { get; internal set; } = Array.Empty<string>();

        /// <summary>Property names the module relies on that the answer lacked.</summary>
        public IReadOnlyList<string> MissingProperties { get; internal set; } = Array.Empty<string>();

        /// <summary>Enum values the module does not know, as Property=Value.</summary>
        public IReadOnlyList<string> UnknownEnumValues { get; internal set; } = Array.Empty<string>();

        /// <summary>Every property name the answer's instances carried (nested ones dotted).</summary>
        public IReadOnlyList<string> PropertyNames { get; internal set; } = Array.Empty<string>();

        /// <summary>The response header names (values are not kept).</summary>
        public IReadOnlyList<string> HeaderNames { get; internal set; } = Array.Empty<string>();

        /// <summary>The answer carried an ETag.</summary>
        public bool ETagPresent { get; internal set; }

        /// <summary>The answer carried the Teams admin warning header (X-Ms-ConfigApi-PowerShell-WarningMessage).</summary>
        public bool WarningHeaderPresent { get; internal set; }

        /// <summary>The answer carried Retry-After.</summary>
        public bool RetryAfterPresent { get; internal set; }

        /// <summary>The answer carried a request id header.</summary>
        public bool RequestIdPresent { get; internal set; }

        /// <summary>The round trip, bucketed: &lt;100ms, &lt;500ms, &lt;2s, &lt;10s, &gt;=10s.</summary>
        public string? Latency { get; internal set; }

        /// <summary>The stable error id of a failed request.</summary>
        public string? ErrorId { get; internal set; }

        /// <summary>Why the contract was skipped or failed, or what the no-op write sent.</summary>
        public string? Detail { get; internal set; }

        /// <summary>The outcome as one word or two: Matches, MatchesVariant array, Differs…</summary>
        public string Result => Outcome == ContractOutcome.MatchesVariant ? $"MatchesVariant {Variant}" : Outcome.ToString();

        /// <summary>Differences, or else the detail, as one line (for the table view).</summary>
        public string Summary => Differences.Count > 0 ? string.Join("; ", Differences) : Detail ?? string.Empty;
    }
}
