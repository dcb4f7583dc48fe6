using System.Management.Automation;
using AcsTeamsSecurity.Cmdlets;
using AcsTeamsSecurity.Completers;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Session;
using AcsTeamsSecurity.Resources;

namespace AcsTeamsSecurity.Commands.Environment
{
    /// <summary>
    /// <para type="synopsis">Removes a custom environment. Contexts already connected to it keep working.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "AcsTeamsEnvironment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemoveAcsTeamsEnvironmentCommand : AcsTeamsCmdlet
    {
        /// <summary>The custom environment to remove.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = string.Empty;

        /// <inheritdoc />
        protected override void ProcessRecordCore()
        {
            if (EnvironmentRegistry.IsBuiltInName(Name))
            {
                EnvironmentRegistry.Remove(Name); // throws EnvironmentBuiltIn
            }

            if (!EnvironmentRegistry.TryGet(Name, out _))
            {
                WriteFailure(ErrorFactory.EnvironmentNotFound(Strings.EnvironmentNotFound_ThereIsNoCustom, Name).With(target: Name));
                return;
            }

            if (ShouldProcess(Name, Strings.Action_RemoveEnvironment))
            {
                EnvironmentRegistry.Remove(Name);
            }
        }
    }
}
