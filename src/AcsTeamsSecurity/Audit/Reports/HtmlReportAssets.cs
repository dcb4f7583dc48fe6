namespace AcsTeamsSecurity.Audit.Reports
{
    /// <summary>
    /// The inline style sheet, script and logo of the HTML report. The style sheet and script are embedded resource
    /// files (Audit/Reports/report.css, report.js), loaded once; the page's Content-Security-Policy allows exactly
    /// these blocks by hash, and nothing else.
    /// </summary>
    internal static class HtmlReportAssets
    {
        /// <summary>A small shield, inline SVG (no image is ever fetched).</summary>
        internal const string Logo =
            "<svg class=\"logo\" viewBox=\"0 0 32 32\" width=\"40\" height=\"40\" aria-hidden=\"true\" focusable=\"false\">"
            + "<path d=\"M16 2 4 6.5v8.2c0 7.4 5.1 13.3 12 15.3 6.9-2 12-7.9 12-15.3V6.5z\" fill=\"#fff\" fill-opacity=\".16\" stroke=\"#fff\" stroke-width=\"1.6\"/>"
            + "<path d=\"m10.5 16.2 3.7 3.7 7.4-7.6\" fill=\"none\" stroke=\"#fff\" stroke-width=\"2.4\" stroke-linecap=\"round\" stroke-linejoin=\"round\"/></svg>\n";

        /// <summary>The style sheet (Audit/Reports/report.css): system fonts only, print rules, colours paired with text and shapes.</summary>
        internal static readonly string Style = Load("report.css");

        /// <summary>Client-side filtering by status and severity (Audit/Reports/report.js); the page is complete without it.</summary>
        internal static readonly string Script = Load("report.js");

        /// <summary>
        /// An embedded asset as text, read once per process. Line ends are normalized to LF so the page (and the hash
        /// its Content-Security-Policy allows) is the same whichever line ends the source checkout used.
        /// </summary>
        private static string Load(string file)
        {
            var name = "AcsTeamsSecurity.Audit.Reports." + file;
            using var stream = typeof(HtmlReportAssets).Assembly.GetManifestResourceStream(name)
                ?? throw new System.InvalidOperationException($"The module is incomplete: the embedded resource {name} is missing.");
            using var reader = new System.IO.StreamReader(stream, new System.Text.UTF8Encoding(false));
            return "\n" + reader.ReadToEnd().Replace("\r\n", "\n");
        }
    }
}
