using System.Management.Automation;
using AcsTeamsSecurity.Isolation;

namespace AcsTeamsSecurity
{
    /// <summary>Registers the dependency resolver when the module is imported and removes it when it is removed.</summary>
    public sealed class ModuleLifetime : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        /// <summary>Called by PowerShell on Import-Module.</summary>
        public void OnImport() => DependencyResolver.Register();

        /// <summary>Called by PowerShell on Remove-Module.</summary>
        public void OnRemove(PSModuleInfo psModuleInfo) => DependencyResolver.Unregister();
    }
}
