using System;
using System.IO;
using System.Management.Automation;
using System.Text;
using AcsTeamsSecurity.Errors;

namespace AcsTeamsSecurity.Audit.Reports
{
    /// <summary>
    /// Saves an <see cref="AuditReport"/> as HTML, JSON or CSV, the format chosen by the file extension. The file is
    /// written by <see cref="IO.AtomicFileWriter"/>, so a failed write never leaves half a report (and never destroys the
    /// previous one).
    /// </summary>
    internal static class ReportWriter
    {
        private static readonly UTF8Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        /// <summary>Writes the report to <paramref name="path"/> (UTF-8 without BOM) with <see cref="IO.AtomicFileWriter"/>, replacing any existing file unless <paramref name="noClobber"/>.</summary>
        /// <exception cref="AcsTeamsSecurityException">ReportFormatUnsupported when the extension is not .html, .htm, .json or .csv; OutputFileExists with <paramref name="noClobber"/>.</exception>
        internal static void Write(AuditReport report, string path, bool noClobber = false)
        {
            if (report is null)
            {
                throw new ArgumentNullException(nameof(report));
            }

            var format = FormatFromPath(path);
            var content = Render(report, format);
            IO.AtomicFileWriter.Write(path, Utf8NoBom.GetBytes(content), noClobber);
        }

        /// <summary>The report as text in the given format.</summary>
        internal static string Render(AuditReport report, ReportFormat format)
        {
            if (report is null)
            {
                throw new ArgumentNullException(nameof(report));
            }

            return format switch
            {
                ReportFormat.Html => HtmlReport.Render(report),
                ReportFormat.Json => JsonReport.Render(report),
                ReportFormat.Csv => CsvReport.Render(report),
                _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown report format."),
            };
        }

        /// <summary>The format a path's extension asks for (case-insensitive).</summary>
        /// <exception cref="AcsTeamsSecurityException">ReportFormatUnsupported for any other extension.</exception>
        internal static ReportFormat FormatFromPath(string path)
        {
            var extension = string.IsNullOrEmpty(path) ? string.Empty : Path.GetExtension(path);
            if (string.Equals(extension, ".html", StringComparison.OrdinalIgnoreCase) || string.Equals(extension, ".htm", StringComparison.OrdinalIgnoreCase))
            {
                return ReportFormat.Html;
            }

            if (string.Equals(extension, ".json", StringComparison.OrdinalIgnoreCase))
            {
                return ReportFormat.Json;
            }

            if (string.Equals(extension, ".csv", StringComparison.OrdinalIgnoreCase))
            {
                return ReportFormat.Csv;
            }

            var shown = extension.Length == 0 ? "no extension" : $"the extension '{extension}'";
            throw new AcsTeamsSecurityException(
                ErrorIds.ReportFormatUnsupported,
                ErrorCategory.InvalidArgument,
                $"The report path '{path}' has {shown}; the report format is chosen from the extension: .html (or .htm), .json or .csv.")
            {
                Target = path,
                RecommendedAction = "End the report path in .html, .json or .csv.",
            };
        }
    }
}
