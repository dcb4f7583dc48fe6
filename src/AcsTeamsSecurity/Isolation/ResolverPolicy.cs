using System;
using System.Collections.Generic;
using System.Reflection;

namespace AcsTeamsSecurity.Isolation
{
    /// <summary>What the resolver does with one assembly request.</summary>
    internal enum ResolverDecision
    {
        /// <summary>Not ours to answer: let the runtime (or another resolver) handle it.</summary>
        Decline,

        /// <summary>Load the copy shipped in <c>dependencies/</c> into the module's private load context.</summary>
        LoadShippedCopy,

        /// <summary>The host already provides this assembly at an equal or higher version: use the host's copy.</summary>
        DeferToHost,
    }

    /// <summary>
    /// The resolver's decisions, kept free of I/O and of AssemblyLoadContext so they can be unit tested.
    /// </summary>
    internal static class ResolverPolicy
    {
        /// <summary>
        /// Decision for the default load context's <c>Resolving</c> event (PowerShell 7) or
        /// <c>AppDomain.AssemblyResolve</c> (Windows PowerShell): answer only for assemblies we ship,
        /// and only when our copy satisfies the requested version.
        /// </summary>
        internal static ResolverDecision ForDefaultContextMiss(AssemblyName requested, IReadOnlyDictionary<string, Version> shipped)
        {
            if (requested?.Name is null || !shipped.TryGetValue(requested.Name, out var ours))
            {
                return ResolverDecision.Decline;
            }

            return requested.Version is null || ours >= requested.Version
                ? ResolverDecision.LoadShippedCopy
                : ResolverDecision.Decline;
        }

        /// <summary>
        /// Decision inside the private load context: load our copy of anything we ship, unless the host
        /// platform (the runtime's trusted platform assemblies) already has it at an equal or higher version.
        /// Framework assemblies such as System.Text.Json are shipped for older hosts only.
        /// </summary>
        internal static ResolverDecision ForPrivateContextLoad(
            AssemblyName requested,
            IReadOnlyDictionary<string, Version> shipped,
            IReadOnlyDictionary<string, Version> hostPlatform)
        {
            if (requested?.Name is null || !shipped.TryGetValue(requested.Name, out var ours))
            {
                return ResolverDecision.Decline;
            }

            if (hostPlatform.TryGetValue(requested.Name, out var host) && host >= ours)
            {
                return ResolverDecision.DeferToHost;
            }

            return ResolverDecision.LoadShippedCopy;
        }

        /// <summary>Reads the runtime's trusted platform assembly list (file paths separated by the path separator).</summary>
        internal static Dictionary<string, string> ParseTrustedPlatformAssemblies(string? tpaList, char separator)
        {
            var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (string.IsNullOrEmpty(tpaList))
            {
                return result;
            }

            foreach (var path in tpaList!.Split(new[] { separator }, StringSplitOptions.RemoveEmptyEntries))
            {
                var name = System.IO.Path.GetFileNameWithoutExtension(path);
                if (!result.ContainsKey(name))
                {
                    result[name] = path;
                }
            }

            return result;
        }
    }
}
