using System.IO;
using System.Text;
using System.Text.Json;
using AcsTeamsSecurity.Audit.Reports;
using AcsTeamsSecurity.Audit.Rules;
using AcsTeamsSecurity.Audit.Snapshots;
using AcsTeamsSecurity.Models;

namespace AcsTeamsSecurity.Audit.Fleet
{
    /// <summary>
    /// The fleet report as JSON (kind <see cref="Kind"/>, schema 1.0): the rules that ran, a summary, and one object per
    /// tenant, worst first, with its counts, its rules matrix row (rule id to worst status and failures) and the findings
    /// that need attention. A later run reads it back for the trend (<see cref="PreviousFleetRun"/>).
    /// </summary>
    internal static class FleetJsonReport
    {
        internal const string Kind = "AcsTeamsSecurity.FleetReport";

        internal const string SchemaVersion = "1.0";

        internal static string Render(FleetReport report)
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
            {
                json.WriteStartObject();
                json.WriteString("kind", Kind);
                json.WriteString("schemaVersion", SchemaVersion);
                json.WriteString("generatedAt", report.GeneratedAt);
                json.WriteString("moduleVersion", report.ModuleVersion);
                json.WriteString("source", report.Source);
                json.WriteString("filters", report.Filters);
                if (report.Previous is { } previous)
                {
                    json.WriteStartObject("previous");
                    json.WriteString("path", previous.Path);
                    if (previous.GeneratedAt is { } at)
                    {
                        json.WriteString("generatedAt", at);
                    }
                    else
                    {
                        json.WriteNull("generatedAt");
                    }

                    json.WriteEndObject();
                }
                else
                {
                    json.WriteNull("previous");
                }

                json.WriteStartObject("summary");
                json.WriteNumber("tenants", report.Tenants.Count);
                json.WriteNumber("audited", report.Audited);
                json.WriteNumber("failedTenants", report.FailedTenants);
                json.WriteEndObject();

                json.WriteStartArray("rules");
                foreach (var rule in report.Rules)
                {
                    json.WriteStartObject();
                    json.WriteString("id", rule.Id);
                    json.WriteString("title", rule.Title);
                    json.WriteString("severity", rule.Severity.ToString());
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartArray("tenants");
                foreach (var tenant in report.Tenants)
                {
                    WriteTenant(json, tenant);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
        }

        private static void WriteTenant(Utf8JsonWriter json, FleetTenantAudit tenant)
        {
            var r = tenant.Row;
            json.WriteStartObject();
            json.WriteNumber("rank", r.Rank);
            json.WriteString("tenantId", r.TenantId);
            Nullable(json, "tenantDomain", r.TenantDomain);
            json.WriteString("status", r.Status.ToString());
            json.WriteNumber("score", r.Score);
            json.WriteNumber("failed", r.Failed);
            json.WriteNumber("failedCriticalOrHigh", r.FailedCriticalOrHigh);
            json.WriteNumber("errors", r.Errors);
            json.WriteNumber("warnings", r.Warnings);
            json.WriteNumber("passed", r.Passed);
            json.WriteNumber("notApplicable", r.NotApplicable);
            if (r.FailedChange is { } change)
            {
                json.WriteNumber("failedChange", change);
            }
            else
            {
                json.WriteNull("failedChange");
            }

            Nullable(json, "error", r.Error);
            Nullable(json, "errorId", r.ErrorId);
            json.WriteString("source", r.Source);
            if (r.CollectedAt is { } at)
            {
                json.WriteString("collectedAt", at);
            }
            else
            {
                json.WriteNull("collectedAt");
            }

            json.WriteStartObject("rules");
            foreach (var cell in tenant.Cells)
            {
                json.WriteStartObject(cell.Key);
                json.WriteString("status", cell.Value.Worst.ToString());
                json.WriteNumber("failed", cell.Value.Failed);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteStartArray("findings");
            foreach (var f in tenant.Attention)
            {
                json.WriteStartObject();
                json.WriteString("ruleId", f.RuleId);
                json.WriteString("severity", f.Severity.ToString());
                json.WriteString("status", f.Status.ToString());
                json.WriteString("scope", f.Scope);
                json.WriteString("setting", f.Setting);
                json.WriteString("actual", f.Actual);
                json.WriteString("expected", f.Expected);
                json.WriteString("remediation", f.Remediation);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        private static void Nullable(Utf8JsonWriter json, string name, string? value)
        {
            if (value is null)
            {
                json.WriteNull(name);
            }
            else
            {
                json.WriteString(name, value);
            }
        }
    }
}
