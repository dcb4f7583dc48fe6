using System.Linq;
using System.Management.Automation;
using AcsTeamsSecurity.Auth;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.Session;
using AcsTeamsSecurity.Resources;

namespace AcsTeamsSecurity.Cmdlets
{
    /// <summary>
    /// Base of every cmdlet that talks to a tenant: adds -Context and resolves it (the given one, else
    /// the session's current one). Without either, the cmdlet stops with NotConnected.
    /// </summary>
    public abstract class ConnectedCmdlet : AcsTeamsCmdlet
    {
        /// <summary>The connection to use; defaults to the one made by the last Connect-AcsTeamsSecurity.</summary>
        [Parameter]
        [ValidateNotNull]
        public AcsTeamsSecurityContext? Context { get; set; }

        /// <summary>The context this invocation uses.</summary>
        internal AcsTeamsSecurityContext ActiveContext
        {
            get
            {
                var context = Context ?? ContextStore.Current;
                if (context is null && ContextStore.FailedSignIn is { } failed)
                {
                    ThrowFailure(ErrorFactory.NotConnected(Strings.NotConnected_YouAreNotConnectedThe, failed).With(recommendedAction: Strings.NotConnected_Action));
                }

                if (context is null)
                {
                    ThrowFailure(ErrorFactory.NotConnected(Strings.NotConnected_YouAreNotConnected).With(recommendedAction: Strings.NotConnected_Action));
                }

                if (!context!.IsConnected)
                {
                    ThrowFailure(ErrorFactory.ContextDisconnected(Strings.ContextDisconnected_ThisContextWasDisconnectedAnd));
                }

                var needed = GetType().GetCustomAttributes(typeof(RequiredPermissionAttribute), false).Cast<RequiredPermissionAttribute>().Select(a => a.Service).Distinct().ToList();
                if (ChecksServiceCoverage && needed.Count > 0 && !needed.Any(context.Covers))
                {
                    // For example a Teams policy cmdlet on a context signed in with an ACS connection string alone:
                    // say so before any request, naming the sign-in that would enable it.
                    var name = MyInvocation?.MyCommand?.Name ?? GetType().Name;
                    ThrowFailure(NoEntraTokenSource.NotConnected(string.Join(" and ", needed), name));
                }

                return context;
            }
        }

        /// <summary>
        /// False for cmdlets that report each service's coverage themselves (Test-AcsTeamsSecurityConnection); the
        /// others stop with ServiceNotConnected when the context covers none of the services they need.
        /// </summary>
        internal virtual bool ChecksServiceCoverage => true;
    }
}
