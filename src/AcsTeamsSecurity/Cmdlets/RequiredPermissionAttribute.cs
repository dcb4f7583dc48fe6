using System;
using AcsTeamsSecurity.Models;

namespace AcsTeamsSecurity.Cmdlets
{
    /// <summary>
    /// Declares what a cmdlet needs on one service: application permissions (app-only sign-in),
    /// delegated scopes (user sign-in) and directory or Azure roles. Within one attribute any one value is
    /// enough; several attributes for the same service are all needed. Error messages for 403 answers and
    /// the help's "Required permissions" section come from the same declaration (a test compares them).
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class RequiredPermissionAttribute : Attribute
    {
        /// <summary>Declares a requirement on <paramref name="service"/>.</summary>
        public RequiredPermissionAttribute(AcsTeamsService service) => Service = service;

        /// <summary>The service the requirement is on.</summary>
        public AcsTeamsService Service { get; }

        /// <summary>Application permissions (roles claim), any one of which is enough.</summary>
        public string[] Application { get; set; } = Array.Empty<string>();

        /// <summary>Delegated scopes (scp claim), any one of which is enough.</summary>
        public string[] Delegated { get; set; } = Array.Empty<string>();

        /// <summary>Entra directory roles or Azure RBAC roles, any one of which is enough.</summary>
        public string[] Roles { get; set; } = Array.Empty<string>();

        /// <summary>One phrase for error messages: "the Graph application permission X or Y; or the delegated scope Z".</summary>
        public string Describe()
        {
            var or = Resources.Strings.RequiredPermission_Or;
            var parts = new System.Collections.Generic.List<string>();
            if (Application.Length > 0)
            {
                parts.Add(Resources.Strings.Format(Resources.Strings.RequiredPermission_Application, Service, string.Join(or, Application)));
            }

            if (Delegated.Length > 0)
            {
                parts.Add(Resources.Strings.Format(Resources.Strings.RequiredPermission_Delegated, string.Join(or, Delegated)));
            }

            if (Roles.Length > 0)
            {
                var kind = Service == AcsTeamsService.Arm || Service == AcsTeamsService.Acs
                    ? Resources.Strings.RequiredPermission_AzureRole
                    : Resources.Strings.RequiredPermission_DirectoryRole;
                parts.Add(Resources.Strings.Format(kind, string.Join(or, Roles)));
            }

            return string.Join(Resources.Strings.RequiredPermission_OrElse, parts);
        }
    }
}
