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
using AcsTeamsSecurity.Resources;

namespace AcsTeamsSecurity.Cmdlets.Binding
{
    /// <summary>What the audit cmdlets share: resolving file paths the PowerShell way, and collecting a live snapshot.</summary>
    internal static class AuditCmdletSupport
    {
        /// <summary>What Export returns for one snapshot written (alone or as one tenant of a fleet).</summary>
        internal static Models.ExternalUserConfigurationSummary Summary(ConfigurationSnapshot snapshot, string path, System.Security.Cryptography.X509Certificates.X509Certificate2? certificate, string signaturePath) =>
            new Models.ExternalUserConfigurationSummary
            {
                Path = path,
                TenantId = snapshot.Metadata.TenantId,
                Environment = snapshot.Metadata.Environment,
                CreatedAt = snapshot.Metadata.CreatedAt,
                SchemaVersion = snapshot.SchemaVersion,
                MeetingPolicies = snapshot.MeetingPolicies.Count,
                ExternalAccessPolicies = snapshot.ExternalAccessPolicies.Count,
                AllowedAcsResources = snapshot.Tenant.AllowedAcsResources.Count,
                AcsResources = snapshot.AcsResources?.Count,
                CollectionErrors = snapshot.CollectionErrors.Count,
                SignaturePath = certificate is null ? null : signaturePath,
                SignedBy = certificate is null ? null : $"{certificate.Subject} ({certificate.Thumbprint})",
            };

        /// <summary>A provider path for a file to read (must exist).</summary>
        internal static string ExistingFile(PSCmdlet cmdlet, string path)
        {
            try
            {
                var resolved = cmdlet.SessionState.Path.GetResolvedProviderPathFromPSPath(path, out var provider);
                if (provider.ImplementingType != typeof(Microsoft.PowerShell.Commands.FileSystemProvider) || resolved.Count != 1)
                {
                    throw ErrorFactory.SnapshotNotFound(Strings.SnapshotNotFound_IsNotOneFile, path).With(target: path);
                }

                return resolved[0];
            }
            catch (ItemNotFoundException ex)
            {
                throw ErrorFactory.SnapshotNotFound(ex, Strings.SnapshotNotFound_TheSnapshotDoesNot, path).With(target: path);
            }
        }

        /// <summary>A provider path for a file to write (its folder must exist).</summary>
        internal static string NewFile(PSCmdlet cmdlet, string path)
        {
            var full = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
            var folder = Path.GetDirectoryName(full);
            if (string.IsNullOrEmpty(folder) || !Directory.Exists(folder))
            {
                throw ErrorFactory.OutputFolderNotFound(Strings.OutputFolderNotFound_TheFolderOfDoes, path).With(target: path);
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
                throw ErrorFactory.OutputWriteFailed(ex, Strings.OutputWriteFailed_CouldNotWrite, path, ex.Message).With(target: path);
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
                cmdlet.WriteWarning(Strings.Format(Strings.Warning_TheSnapshotItsContent, file, signature.Describe()));
            }
            else
            {
                cmdlet.WriteVerbose(Strings.Format(Strings.Verbose_TheSnapshot, file, signature.Describe()));
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
                throw ErrorFactory.SnapshotSignatureInvalid(Strings.SnapshotSignatureInvalid_TheSnapshotNothingWas, file, signature.Describe(), Strings.Text_SnapshotNothingReadOrChanged).With(target: file);
            }

            if (required && !signature.Signed)
            {
                throw ErrorFactory.SnapshotUnsigned(Strings.SnapshotUnsigned_TheSnapshotIsNot, file, System.IO.Path.GetFileName(signature.SignaturePath), Strings.Text_SnapshotNothingReadOrChanged).With(target: file);
            }

            if (required && SnapshotSignature.Untrusted(signature, trustedSigners) is { } why)
            {
                throw ErrorFactory.SnapshotSignatureInvalid(Strings.SnapshotSignatureInvalid_TheSnapshotIsNot, file, why, Strings.Text_SnapshotNothingReadOrChanged).With(target: file);
            }

            cmdlet.WriteVerbose(Strings.Format(Strings.Verbose_TheSnapshot, file, signature.Describe()));
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
                cmdlet.WriteFailure(ErrorFactory.CollectionFailed(failure));
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
                    throw ErrorFactory.SubscriptionIdInvalid(Strings.SubscriptionIdInvalid_IsNotAnAzure, value).With(target: value);
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
