namespace AcsTeamsSecurity.Audit.Reports
{
    /// <summary>The file formats an audit report can be written in; chosen from the file extension.</summary>
    internal enum ReportFormat
    {
        /// <summary>One self-contained HTML page (.html, .htm).</summary>
        Html,

        /// <summary>Machine-readable JSON, schema version 1.0 (.json).</summary>
        Json,

        /// <summary>One row per finding, RFC 4180, safe to open in a spreadsheet (.csv).</summary>
        Csv,
    }
}
