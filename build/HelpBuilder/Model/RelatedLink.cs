namespace AcsTeamsSecurity.HelpBuilder.Model;

/// <summary>A RELATED LINKS entry. <see cref="Uri"/> is empty for a plain-text line.</summary>
internal sealed record RelatedLink(string Text, string Uri, int Line);
