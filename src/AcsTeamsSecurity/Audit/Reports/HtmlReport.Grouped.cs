using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using AcsTeamsSecurity.Models;

namespace AcsTeamsSecurity.Audit.Reports
{
    /// <summary>
    /// Reports at scale: a tenant with thousands of policy instances gives tens of thousands of findings that say the
    /// same thing for different scopes. When at least <see cref="GroupAt"/> findings of one status share rule, setting,
    /// actual value, expected value and evidence, they become one article (<c>data-count</c> says how many findings it
    /// stands for) listing every scope: each failure, error and warning keeps its own row with its affected users and
    /// remediation command; passed and not-applicable scopes are a list of names. Smaller runs keep one article per
    /// finding, exactly as before.
    /// </summary>
    internal static partial class HtmlReport
    {
        /// <summary>How many equal findings make a group.</summary>
        internal const int GroupAt = 10;

        private static void AppendFindingsOrGroups(StringBuilder html, IReadOnlyList<ExternalUserSecurityFinding> items, ref int index)
        {
            foreach (var group in items.GroupBy(f => (f.RuleId, f.Setting, f.Actual, f.Expected, f.Evidence)))
            {
                var list = group.ToList();
                if (list.Count < GroupAt)
                {
                    foreach (var finding in list)
                    {
                        AppendFinding(html, finding, ++index);
                    }

                    continue;
                }

                AppendGroup(html, list, ++index);
            }
        }

        private static void AppendGroup(StringBuilder html, IReadOnlyList<ExternalUserSecurityFinding> group, int index)
        {
            var f = group[0];
            var id = "f" + index.ToString(CultureInfo.InvariantCulture);
            var count = group.Count.ToString(CultureInfo.InvariantCulture);
            html.Append("<article class=\"finding grouped ").Append(StatusClass(f.Status)).Append("\" id=\"").Append(id).Append("\" data-status=\"").Append(f.Status)
                .Append("\" data-severity=\"").Append(f.Severity).Append("\" data-count=\"").Append(count).Append("\" aria-labelledby=\"").Append(id).Append("-t\">\n");
            html.Append("<div class=\"finding-head\">\n<p class=\"badges\"><span class=\"badge status ").Append(StatusClass(f.Status)).Append("\">")
                .Append(StatusSymbol(f.Status)).Append(StatusText(f.Status)).Append("</span> <span class=\"badge sev ").Append(SeverityClass(f.Severity))
                .Append("\"><span class=\"vh\">Severity: </span>").Append(f.Severity).Append("</span> <span class=\"rule-id\">").Append(Encode(f.RuleId)).Append("</span></p>\n")
                .Append("<h4 id=\"").Append(id).Append("-t\">").Append(Encode(f.Title)).Append(" <span class=\"n\">(").Append(group.Count.ToString("N0", CultureInfo.InvariantCulture))
                .Append(" scopes)</span></h4>\n</div>\n");

            html.Append("<table class=\"details\">\n<tbody>\n");
            Row(html, "Scopes", group.Count.ToString("N0", CultureInfo.InvariantCulture) + " with the same result, listed below");
            Row(html, "Plane", PlaneText(f.Plane));
            Row(html, "Setting", "<span class=\"mono\">" + Encode(f.Setting) + "</span>");
            Row(html, "Actual", "<span class=\"value actual\">" + Encode(f.Actual) + "</span>");
            Row(html, "Expected", "<span class=\"value expected\">" + Encode(f.Expected) + "</span>");
            var counted = group.Where(x => x.AffectedUsers.HasValue).ToList();
            Row(html, "Affected users", counted.Count == 0 ? AffectedUsers(f) : counted.Sum(x => (long)x.AffectedUsers!.Value).ToString("N0", CultureInfo.InvariantCulture) + " in all");
            Row(html, "Evidence", Encode(f.Evidence));
            Row(html, "Mappings", Mappings(f.Mappings));
            html.Append("</tbody>\n</table>\n");

            if (IsFolded(f.Status))
            {
                html.Append("<p class=\"scope-list\">");
                for (var i = 0; i < group.Count; i++)
                {
                    html.Append(i == 0 ? string.Empty : ", ").Append("<span class=\"scope\">").Append(Encode(group[i].Scope)).Append("</span>");
                }

                html.Append("</p>\n</article>\n");
                return;
            }

            // Every failure, error and warning keeps its scope, users and command.
            html.Append("<table class=\"scopes\">\n<thead><tr><th scope=\"col\">Scope</th><th scope=\"col\">Users</th><th scope=\"col\">Remediation</th></tr></thead>\n<tbody>\n");
            foreach (var x in group)
            {
                html.Append("<tr data-scope=\"\"><td class=\"scope\">").Append(Encode(x.Scope)).Append("</td><td>")
                    .Append(x.AffectedUsers is int users ? users.ToString("N0", CultureInfo.InvariantCulture) : "\u2013").Append("</td><td>")
                    .Append(string.IsNullOrWhiteSpace(x.Remediation) ? "No command; see the evidence." : "<code>" + Encode(x.Remediation) + "</code>").Append("</td></tr>\n");
            }

            html.Append("</tbody>\n</table>\n</article>\n");
        }
    }
}
