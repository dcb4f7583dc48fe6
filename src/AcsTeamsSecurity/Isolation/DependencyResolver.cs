using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading;

namespace AcsTeamsSecurity.Isolation
{
    /// <summary>
    /// Registers and removes the assembly resolver for <c>dependencies/</c>. On PowerShell 7 the
    /// default context's <c>Resolving</c> event hands requests for our third-party assemblies to the
    /// private <see cref="DependencyLoadContext"/>; on Windows PowerShell (no load contexts) it falls
    /// back to <c>AppDomain.AssemblyResolve</c>, which cannot isolate but still finds our copies.
    /// </summary>
    internal static class DependencyResolver
    {
        private static readonly object Gate = new object();
        private static Lazy<DependencyCatalog>? _catalog;
        private static DependencyLoadContext? _context;
        private static bool _registered;

        /// <summary>True when the runtime has AssemblyLoadContext (PowerShell 7 on .NET).</summary>
        internal static bool IsolationSupported { get; } =
            !System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

        /// <summary>The folder that holds third-party assemblies, beside the module DLL.</summary>
        internal static string DependencyDirectory =>
            Path.Combine(Path.GetDirectoryName(typeof(DependencyResolver).Assembly.Location) ?? ".", "dependencies");

        /// <summary>Name of the load context our third-party assemblies live in, or null before any is loaded.</summary>
        internal static string? LoadContextName => _context?.ToString();

        internal static void Register()
        {
            lock (Gate)
            {
                if (_registered)
                {
                    return;
                }

                var directory = DependencyDirectory;
                _catalog = new Lazy<DependencyCatalog>(() => new DependencyCatalog(directory, ReadHostPlatform()), LazyThreadSafetyMode.ExecutionAndPublication);
                if (IsolationSupported)
                {
                    RegisterCore();
                }
                else
                {
                    AppDomain.CurrentDomain.AssemblyResolve += OnAppDomainResolve;
                }

                _registered = true;
            }
        }

        internal static void Unregister()
        {
            lock (Gate)
            {
                if (!_registered)
                {
                    return;
                }

                if (IsolationSupported)
                {
                    UnregisterCore();
                }
                else
                {
                    AppDomain.CurrentDomain.AssemblyResolve -= OnAppDomainResolve;
                }

                _registered = false;
            }
        }

        // Kept in separate methods so the AssemblyLoadContext type is touched only on runtimes that have it.
        private static void RegisterCore() => AssemblyLoadContext.Default.Resolving += OnDefaultContextResolving;

        private static void UnregisterCore() => AssemblyLoadContext.Default.Resolving -= OnDefaultContextResolving;

        private static Assembly? OnDefaultContextResolving(AssemblyLoadContext context, AssemblyName name)
        {
            var catalog = _catalog!.Value;
            if (ResolverPolicy.ForDefaultContextMiss(name, catalog.ShippedVersions) != ResolverDecision.LoadShippedCopy)
            {
                return null;
            }

            var alc = EnsureContext(catalog);
            return alc.LoadFromAssemblyName(name);
        }

        private static DependencyLoadContext EnsureContext(DependencyCatalog catalog)
        {
            if (_context is null)
            {
                lock (Gate)
                {
                    _context ??= new DependencyLoadContext(catalog);
                }
            }

            return _context;
        }

        private static Assembly? OnAppDomainResolve(object? sender, ResolveEventArgs args)
        {
            var name = new AssemblyName(args.Name);
            var catalog = _catalog!.Value;
            return ResolverPolicy.ForDefaultContextMiss(name, catalog.ShippedVersions) == ResolverDecision.LoadShippedCopy
                ? Assembly.LoadFrom(catalog.PathOf(name.Name!))
                : null;
        }

        private static Dictionary<string, string> ReadHostPlatform() =>
            ResolverPolicy.ParseTrustedPlatformAssemblies(AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string, Path.PathSeparator);
    }
}
