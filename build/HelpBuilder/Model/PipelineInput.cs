namespace AcsTeamsSecurity.HelpBuilder.Model;

/// <summary>How a parameter binds from the pipeline (the help's "Accept pipeline input").</summary>
[Flags]
internal enum PipelineInput
{
    None = 0,
    ByValue = 1,
    ByPropertyName = 2,
}
