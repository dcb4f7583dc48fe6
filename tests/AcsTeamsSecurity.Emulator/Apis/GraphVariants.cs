namespace AcsTeamsSecurity.Emulator.Apis;

/// <summary>
/// Evidenced variants of Graph shapes the emulator can serve (docs/EMULATOR.md, "Graph variants"), switched through
/// <c>POST /_emulator/graph</c> and back to the defaults on <c>/_emulator/reset</c>.
/// </summary>
internal sealed class GraphVariants
{
    /// <summary>The documented single-entity shape of <c>GET /admin/teams/userConfigurations/{id}</c> (DOC): <c>{"value": {…}}</c>.</summary>
    public const string Wrapped = "wrapped";

    /// <summary>The entity at the top level: what this module read before the documented shape was known (kept as a variant).</summary>
    public const string Plain = "plain";

    private volatile string _userConfigurationShape = Wrapped;
    private volatile string _cloud = "Global";

    public string UserConfigurationShape
    {
        get => _userConfigurationShape;
        set => _userConfigurationShape = value;
    }

    /// <summary>The cloud the emulator plays for Graph availability: Global (default), GCC, GCCHigh, DoD or China.</summary>
    public string Cloud
    {
        get => _cloud;
        set => _cloud = value;
    }

    /// <summary>Teams user configurations are marked available for the global service only (DOC availability table); GCC uses it.</summary>
    public bool UserConfigurationsAvailable => Cloud is "Global" or "GCC";

    public void Reset()
    {
        _userConfigurationShape = Wrapped;
        _cloud = "Global";
    }
}
