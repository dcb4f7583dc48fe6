using System;
using System.Globalization;
using System.Resources;

[assembly: NeutralResourcesLanguage("en-US", UltimateResourceFallbackLocation.MainAssembly)]

namespace AcsTeamsSecurity.Resources
{
    /// <summary>
    /// The module's user-facing messages, from <c>Resources/Strings.resx</c> (embedded in this assembly as the neutral
    /// en-US resource; no satellite assemblies). The properties, one per key, are generated into
    /// <c>Strings.Designer.cs</c> by <c>build/Update-Strings.ps1</c>; values are composite format strings, filled in with
    /// <see cref="Format"/> under <see cref="CultureInfo.CurrentCulture"/>.
    /// </summary>
    internal static partial class Strings
    {
        private static readonly ResourceManager Manager = new ResourceManager("AcsTeamsSecurity.Resources.Strings", typeof(Strings).Assembly);

        /// <summary>Fills <paramref name="format"/>'s placeholders with <paramref name="args"/> in the current culture.</summary>
        internal static string Format(string format, params object?[] args) =>
            string.Format(CultureInfo.CurrentCulture, format, args);

        /// <summary>The resource named <paramref name="name"/>; a missing one is a build defect, reported by name.</summary>
        internal static string Get(string name) =>
            Manager.GetString(name, CultureInfo.CurrentUICulture) ?? throw new InvalidOperationException("The module's resource string '" + name + "' is missing.");
    }
}
