using System.Management.Automation.Runspaces;

namespace AcsTeamsSecurity.Pwsh74
{
    /// <summary>The console host of PowerShell 7.4, started the way pwsh starts it.</summary>
    internal static class Program
    {
        private static int Main(string[] args) =>
            Microsoft.PowerShell.ConsoleShell.Start(InitialSessionState.CreateDefault2(), null, null, args);
    }
}
