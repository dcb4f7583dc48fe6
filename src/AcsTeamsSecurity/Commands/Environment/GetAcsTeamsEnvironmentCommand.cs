using System.Linq;
using System.Management.Automation;
using AcsTeamsSecurity.Cmdlets;
using AcsTeamsSecurity.Completers;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Session;
using AcsTeamsSecurity.Resources;

namespace AcsTeamsSecurity.Commands.Environment
{
    /// <summary>
    /// <para type="synopsis">Lists the clouds the module knows: built-in and custom, with endpoints and token resources.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "AcsTeamsEnvironment")]
    [OutputType(typeof(AcsTeamsEnvironment))]
    public sealed class GetAcsTeamsEnvironmentCommand : AcsTeamsCmdlet
    {
        /// <summary>Names to show; wildcards allowed. All by default.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecordCore()
        {
            var all = EnvironmentRegistry.All;
            if (Name is null)
            {
                WriteObject(all, enumerateCollection: true);
                return;
            }

            foreach (var name in Name)
            {
                var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
                var matches = all.Where(e => pattern.IsMatch(e.Name)).ToList();
                if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(name))
                {
                    WriteFailure(EnvironmentRegistry.NotFound(name));
                    continue;
                }

                WriteObject(matches, enumerateCollection: true);
            }
        }
    }
}
