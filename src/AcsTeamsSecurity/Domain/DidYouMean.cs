using System;
using System.Collections.Generic;
using System.Linq;

namespace AcsTeamsSecurity.Domain
{
    /// <summary>"Did you mean ...?" for names that match nothing: the closest candidate by edit distance, when close enough.</summary>
    internal static class DidYouMean
    {
        /// <summary>The closest candidate to <paramref name="input"/>, or null when none is close.</summary>
        internal static string? Closest(string input, IEnumerable<string> candidates)
        {
            if (string.IsNullOrWhiteSpace(input))
            {
                return null;
            }

            var bare = Bare(input);
            string? best = null;
            var bestDistance = int.MaxValue;
            foreach (var candidate in candidates.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                var other = Bare(candidate);
                var distance = other.IndexOf(bare, StringComparison.OrdinalIgnoreCase) >= 0 || bare.IndexOf(other, StringComparison.OrdinalIgnoreCase) >= 0
                    ? Math.Abs(other.Length - bare.Length) / 2
                    : Distance(bare, other);
                if (distance < bestDistance)
                {
                    best = candidate;
                    bestDistance = distance;
                }
            }

            return best is not null && bestDistance <= Math.Max(2, bare.Length / 3) ? best : null;
        }

        /// <summary>" Did you mean 'X'?" or an empty string.</summary>
        internal static string Sentence(string input, IEnumerable<string> candidates) =>
            Closest(input, candidates) is { } match ? $" Did you mean '{match}'?" : string.Empty;

        private static string Bare(string value) =>
            value.StartsWith("Tag:", StringComparison.OrdinalIgnoreCase) ? value.Substring(4) : value;

        /// <summary>Levenshtein distance, case-insensitive.</summary>
        internal static int Distance(string a, string b)
        {
            a = a.ToUpperInvariant();
            b = b.ToUpperInvariant();
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (var j = 0; j <= b.Length; j++)
            {
                previous[j] = j;
            }

            for (var i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (var j = 1; j <= b.Length; j++)
                {
                    var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                }

                (previous, current) = (current, previous);
            }

            return previous[b.Length];
        }
    }
}
