using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using AcsTeamsSecurity.Audit.Reports;
using AcsTeamsSecurity.Audit.Rules;
using AcsTeamsSecurity.Audit.Snapshots;
using AcsTeamsSecurity.Cmdlets;
using AcsTeamsSecurity.Errors;

namespace AcsTeamsSecurity.Cmdlets.Binding
{
    /// <summary>What the audit cmdlets share: resolving file paths the PowerShell way, and collecting a live snapshot.</summary>
    internal static class AuditCmdletSupport
    {
        /// <summary>A provider path for a file to read (must exist).</summary>
        internal static string ExistingFile(PSCmdlet cmdlet, string path)
        {
            try
            {
                var resolved = cmdlet.SessionState.Path.GetResolvedProviderPathFromPSPath(path, out var provider);
                if (provider.ImplementingType != typeof(Microsoft.PowerShell.Commands.FileSystemProvider) || resolved.Count != 1)
                {
                    throw new AcsTeamsSecurityException(ErrorIds.SnapshotNotFound, ErrorCategory.InvalidArgument, $"'{path}' is not one file in the file system.") { Target = path };
                }

                return resolved[0];
            }
            catch (ItemNotFoundException ex)
            {
                throw new AcsTeamsSecurityException(ErrorIds.SnapshotNotFound, ErrorCategory.ObjectNotFound, $"The snapshot '{path}' does not exist.", ex) { Target = path };
            }
        }

        /// <summary>A provider path for a file to write (its folder must exist).</summary>
        internal static string NewFile(PSCmdlet cmdlet, string path)
        {
            var full = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
            var folder = Path.GetDirectoryName(full);
            if (string.IsNullOrEmpty(folder) || !Directory.Exists(folder))
            {
                throw new AcsTeamsSecurityException(ErrorIds.OutputFolderNotFound, ErrorCategory.ObjectNotFound, $"The folder of '{path}' does not exist. Create it first.") { Target = path };
            }

            return full;
        }

        /// <summary>Runs a file write, turning I/O failures into OutputWriteFailed (the target file is left as it was).</summary>
        internal static void WriteFile(string path, Action write)
        {
            try
            {
                write();
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new AcsTeamsSecurityException(ErrorIds.OutputWriteFailed, ErrorCategory.WriteError, $"Could not write '{path}': {ex.Message}", ex) { Target = path };
            }
        }

        /// <summary>
        /// Reads a snapshot for Test- and Compare-: says whether it is signed and by whom (-Verbose), warns when a signature is
        /// present but does not verify, and parses exactly the bytes whose signature was checked.
        /// </summary>
        internal static ConfigurationSnapshot LoadAndReport(ConnectedCmdlet cmdlet, string file)
        {
            var bytes = SnapshotSignature.ReadSnapshot(file);
            var signature = SnapshotSignature.Verify(file, bytes);
            if (signature.Signed && !signature.Valid)
            {
                cmdlet.WriteWarning($"The snapshot '{file}' {signature.Describe()}. Its content may have been changed; Restore-ExternalUserConfiguration refuses it.");
            }
            else
            {
                cmdlet.WriteVerbose($"The snapshot '{file}' {signature.Describe()}.");
            }

            return SnapshotSerializer.Parse(SnapshotSignature.Decode(bytes), file);
        }

        /// <summary>
        /// Reads a snapshot for Restore: a signature that is present must verify; with <paramref name="requireSignature"/> (or
        /// <paramref name="trustedSigners"/>) an unsigned snapshot or an untrusted signer is refused. All of this happens
        /// before any setting is read, and the settings are then parsed from exactly the bytes that were verified.
        /// </summary>
        internal static ConfigurationSnapshot LoadVerified(ConnectedCmdlet cmdlet, string file, bool requireSignature, string[]? trustedSigners)
        {
            var bytes = SnapshotSignature.ReadSnapshot(file);
            var signature = SnapshotSignature.Verify(file, bytes);
            var required = requireSignature || trustedSigners is { Length: > 0 };
            if (signature.Signed && !signature.Valid)
            {
                throw new AcsTeamsSecurityException(ErrorIds.SnapshotSignatureInvalid, ErrorCategory.SecurityError, $"The snapshot '{file}' {signature.Describe()}. Nothing was read from it and nothing was changed. Use an unaltered copy, or export and sign it again.") { Target = file };
            }

            if (required && !signature.Signed)
            {
                throw new AcsTeamsSecurityException(ErrorIds.SnapshotUnsigned, ErrorCategory.SecurityError, $"The snapshot '{file}' is not signed (there is no '{System.IO.Path.GetFileName(signature.SignaturePath)}' next to it) and -RequireSignature was given. Nothing was read from it and nothing was changed. Export it with -SigningCertificate.") { Target = file };
            }

            if (required && SnapshotSignature.Untrusted(signature, trustedSigners) is { } why)
            {
                throw new AcsTeamsSecurityException(ErrorIds.SnapshotSignatureInvalid, ErrorCategory.SecurityError, $"The snapshot '{file}' is not accepted: {why}. Nothing was read from it and nothing was changed.") { Target = file };
            }

            cmdlet.WriteVerbose($"The snapshot '{file}' {signature.Describe()}.");
            return SnapshotSerializer.Parse(SnapshotSignature.Decode(bytes), file);
        }

        /// <summary>Reads the tenant into a snapshot, writing each part that could not be read as an error record.</summary>
        internal static ConfigurationSnapshot CollectLive(ConnectedCmdlet cmdlet, IReadOnlyList<string> subscriptions, bool countUsers)
        {
            var context = cmdlet.ActiveContext;
            var collector = new SnapshotCollector(context.Clients);
            var snapshot = cmdlet.Run(ct => collector.CollectAsync(subscriptions, countUsers, ct));
            foreach (var failure in collector.Failures)
            {
                cmdlet.WriteFailure(new AcsTeamsSecurityException(ErrorIds.CollectionFailed, failure.Category, failure.Message, failure)
                {
                    Target = failure.Target,
                    Service = failure.Service,
                    Status = failure.Status,
                    RequestId = failure.RequestId,
                    RecommendedAction = failure.RecommendedAction,
                });
            }

            return snapshot;
        }

        /// <summary>Subscription ids: GUIDs, checked before any request.</summary>
        internal static IReadOnlyList<string> Subscriptions(string[]? values)
        {
            var list = new List<string>();
            foreach (var value in values ?? Array.Empty<string>())
            {
                if (!Guid.TryParse(value, out var guid))
                {
                    throw new AcsTeamsSecurityException(ErrorIds.SubscriptionIdInvalid, ErrorCategory.InvalidArgument, $"'{value}' is not an Azure subscription id (a GUID).") { Target = value };
                }

                if (!list.Contains(guid.ToString(), StringComparer.OrdinalIgnoreCase))
                {
                    list.Add(guid.ToString());
                }
            }

            return list;
        }
    }
}
