using System;
using System.Collections.Generic;
using System.Reflection;
using System.Runtime.Loader;

namespace AcsTeamsSecurity.Isolation
{
    /// <summary>
    /// The module's private load context (PowerShell 7 only). Third-party assemblies shipped in
    /// <c>dependencies/</c> load here, so another module's Azure.Core or MSAL in the default context
    /// cannot clash with ours, and ours cannot break theirs.
    /// </summary>
    internal sealed class DependencyLoadContext : AssemblyLoadContext
    {
        private readonly DependencyCatalog _catalog;

        internal DependencyLoadContext(DependencyCatalog catalog)
        {
            _catalog = catalog;
        }

        /// <summary>Name shown by diagnostics and tests.</summary>
        internal const string ContextName = "AcsTeamsSecurity.Dependencies";

        /// <inheritdoc />
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            switch (ResolverPolicy.ForPrivateContextLoad(assemblyName, _catalog.ShippedVersions, _catalog.HostPlatformVersions))
            {
                case ResolverDecision.LoadShippedCopy:
                    return LoadFromAssemblyPath(_catalog.PathOf(assemblyName.Name!));
                default:
                    // Null falls back to the default context: the host's framework copy, or our own module assembly.
                    return null;
            }
        }

        /// <inheritdoc />
        public override string ToString() => ContextName;
    }

    /// <summary>What is shipped in <c>dependencies/</c> and what the host platform provides, read once on first need.</summary>
    internal sealed class DependencyCatalog
    {
        private readonly Dictionary<string, string> _paths;

        /// <param name="directory">The <c>dependencies/</c> folder.</param>
        /// <param name="hostPlatformPaths">The host's trusted platform assemblies by simple name; only the names we ship are read.</param>
        internal DependencyCatalog(string directory, IReadOnlyDictionary<string, string> hostPlatformPaths)
        {
            Directory = directory;
            _paths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var versions = new Dictionary<string, Version>(StringComparer.OrdinalIgnoreCase);
            if (System.IO.Directory.Exists(directory))
            {
                foreach (var file in System.IO.Directory.GetFiles(directory, "*.dll"))
                {
                    try
                    {
                        var name = AssemblyName.GetAssemblyName(file);
                        if (name.Name is not null)
                        {
                            _paths[name.Name] = file;
                            versions[name.Name] = name.Version ?? new Version(0, 0);
                        }
                    }
                    catch (BadImageFormatException)
                    {
                        // Not a managed assembly: never ours to resolve.
                    }
                }
            }

            ShippedVersions = versions;
            var host = new Dictionary<string, Version>(StringComparer.OrdinalIgnoreCase);
            foreach (var name in versions.Keys)
            {
                if (hostPlatformPaths.TryGetValue(name, out var hostPath) && TryReadVersion(hostPath, out var hostVersion))
                {
                    host[name] = hostVersion;
                }
            }

            HostPlatformVersions = host;
        }

        private static bool TryReadVersion(string path, out Version version)
        {
            try
            {
                version = AssemblyName.GetAssemblyName(path).Version ?? new Version(0, 0);
                return true;
            }
            catch (Exception ex) when (ex is BadImageFormatException || ex is System.IO.IOException || ex is UnauthorizedAccessException)
            {
                version = new Version(0, 0);
                return false;
            }
        }

        internal string Directory { get; }

        internal IReadOnlyDictionary<string, Version> ShippedVersions { get; }

        internal IReadOnlyDictionary<string, Version> HostPlatformVersions { get; }

        internal string PathOf(string name) => _paths[name];
    }
}
