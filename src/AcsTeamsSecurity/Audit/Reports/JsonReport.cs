using System;
using System.IO;
using System.Text;
using System.Text.Json;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Audit.Snapshots;

namespace AcsTeamsSecurity.Audit.Reports
{
    /// <summary>
    /// The report as JSON, schema version 1.0: metadata, source, filters, generation time, a summary and the findings.
    /// Property names are camelCase, enums are their names, dates are ISO 8601 with offset, unknown values are null.
    /// </summary>
    internal static class JsonReport
    {
        internal const string SchemaVersion = "1.0";

        internal static string Render(AuditReport report)
        {
            var summary = ReportSummary.From(report.Findings);
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
            {
                json.WriteStartObject();
                json.WriteString("schemaVersion", SchemaVersion);
                WriteMetadata(json, report.Metadata);
                json.WriteString("source", report.Source);
                json.WriteString("filters", report.Filters);
                json.WriteString("generatedAt", report.GeneratedAt);
                WriteSummary(json, summary);

                json.WriteStartArray("findings");
                foreach (var finding in ReportSummary.Sort(report.Findings))
                {
                    WriteFinding(json, finding);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
        }

        private static void WriteMetadata(Utf8JsonWriter json, SnapshotMetadata metadata)
        {
            json.WriteStartObject("metadata");
            json.WriteString("tenantId", metadata.TenantId);
            WriteStringOrNull(json, "tenantDomain", metadata.TenantDomain);
            json.WriteString("environment", metadata.Environment);
            if (metadata.CreatedAt == default)
            {
                json.WriteNull("snapshotCreatedAt");
            }
            else
            {
                json.WriteString("snapshotCreatedAt", metadata.CreatedAt);
            }

            json.WriteString("moduleVersion", metadata.ModuleVersion);
            WriteStringOrNull(json, "account", metadata.Account);
            json.WriteStartArray("subscriptions");
            foreach (var subscription in metadata.Subscriptions)
            {
                json.WriteStringValue(subscription);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        private static void WriteSummary(Utf8JsonWriter json, ReportSummary summary)
        {
            json.WriteStartObject("summary");
            json.WriteNumber("total", summary.Total);
            json.WriteStartObject("byStatus");
            foreach (var status in ReportSummary.StatusOrder)
            {
                json.WriteNumber(status.ToString(), summary.Count(status));
            }

            json.WriteEndObject();
            json.WriteStartObject("bySeverity");
            foreach (var severity in ReportSummary.SeverityOrder)
            {
                json.WriteStartObject(severity.ToString());
                foreach (var status in ReportSummary.StatusOrder)
                {
                    json.WriteNumber(status.ToString(), summary.Count(severity, status));
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        private static void WriteFinding(Utf8JsonWriter json, ExternalUserSecurityFinding finding)
        {
            json.WriteStartObject();
            json.WriteString("ruleId", finding.RuleId);
            json.WriteString("title", finding.Title);
            json.WriteString("severity", finding.Severity.ToString());
            json.WriteString("status", finding.Status.ToString());
            json.WriteString("plane", finding.Plane.ToString());
            json.WriteString("scope", finding.Scope);
            json.WriteString("setting", finding.Setting);
            json.WriteString("actual", finding.Actual);
            json.WriteString("expected", finding.Expected);
            if (finding.AffectedUsers is int users)
            {
                json.WriteNumber("affectedUsers", users);
            }
            else
            {
                json.WriteNull("affectedUsers");
            }

            json.WriteString("evidence", finding.Evidence);
            json.WriteString("remediation", finding.Remediation);
            json.WriteStartArray("mappings");
            foreach (var mapping in finding.Mappings)
            {
                json.WriteStartObject();
                json.WriteString("framework", mapping.Framework);
                json.WriteString("id", mapping.Id);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteString("tenantId", finding.TenantId);
            json.WriteString("source", finding.Source);
            json.WriteEndObject();
        }

        private static void WriteStringOrNull(Utf8JsonWriter json, string name, string? value)
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
