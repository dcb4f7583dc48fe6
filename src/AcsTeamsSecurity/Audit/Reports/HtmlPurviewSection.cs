using System.Collections.Generic;
using System.Linq;
using System.Text;
using AcsTeamsSecurity.Models;

namespace AcsTeamsSecurity.Audit.Reports
{
    /// <summary>
    /// The report's Microsoft Purview section: the Purview plane's checks (ATS.PRV.*) at a glance, one row per finding, so a
    /// reader sees in one place whether DLP and Customer Key protect what external (ACS) users see and send. Shown only
    /// when the audit evaluated the plane; the findings themselves stay in the Findings list with their evidence and fix.
    /// </summary>
    internal static class HtmlPurviewSection
    {
        internal static void Append(StringBuilder html, IReadOnlyList<ExternalUserSecurityFinding> findings)
        {
            var purview = ReportSummary.Sort(findings.Where(f => f.Plane == AuditPlane.Purview).ToList());
            if (purview.Count == 0)
            {
                return;
            }

            var collected = purview.Any(f => f.Status != FindingStatus.NotApplicable || f.Actual != "(not collected)");
            html.Append("<section class=\"card\" aria-labelledby=\"h-purview\">\n<h2 id=\"h-purview\">Microsoft Purview</h2>\n<p class=\"lead\">");
            html.Append(collected
                ? "Data loss prevention for Teams and Customer Key, seen from the external user's side. Read only: the module never changes Purview; each fix is a Security &amp; Compliance or Exchange Online command, or a change in the Purview portal."
                : "Not collected: the snapshot has no Purview plane (schema 1.0, or no Security &amp; Compliance access in its cloud or sign-in).");
            html.Append("</p>\n<table class=\"matrix\">\n<caption>Purview checks</caption>\n<thead><tr><th scope=\"col\">Check</th><th scope=\"col\">Scope</th><th scope=\"col\">Value</th><th scope=\"col\">Status</th></tr></thead>\n<tbody>\n");
            foreach (var f in purview)
            {
                html.Append("<tr data-purview=\"").Append(HtmlReport.Encode(f.RuleId)).Append("\"><th scope=\"row\"><span class=\"mono\">").Append(HtmlReport.Encode(f.RuleId)).Append("</span> ")
                    .Append(HtmlReport.Encode(f.Title)).Append("</th><td>").Append(HtmlReport.Encode(f.Scope)).Append("</td><td>").Append(HtmlReport.Encode(f.Actual))
                    .Append("</td><td class=\"st-").Append(f.Status.ToString().ToLowerInvariant()).Append("\">").Append(HtmlReport.StatusText(f.Status)).Append("</td></tr>\n");
            }

            html.Append("</tbody>\n</table>\n</section>\n");
        }
    }
}
