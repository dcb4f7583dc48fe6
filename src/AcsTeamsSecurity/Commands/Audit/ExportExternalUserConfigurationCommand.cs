using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Security.Cryptography.X509Certificates;
using AcsTeamsSecurity.Audit.Reports;
using AcsTeamsSecurity.Audit.Rules;
using AcsTeamsSecurity.Audit.Snapshots;
using AcsTeamsSecurity.Cmdlets;
using AcsTeamsSecurity.Errors;
using AcsTeamsSecurity.IO;
using AcsTeamsSecurity.Models;
using AcsTeamsSecurity.Session;
using AcsTeamsSecurity.Cmdlets.Binding;
using AcsTeamsSecurity.Resources;

namespace AcsTeamsSecurity.Commands.Audit
{
    /// <summary>
    /// <para type="synopsis">Saves every setting that governs Teams external (ACS) users to a versioned JSON snapshot.</para>
    /// </summary>
    [Cmdlet(VerbsData.Export, "ExternalUserConfiguration", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(ExternalUserConfigurationSummary))]
    [RequiredPermission(AcsTeamsService.TeamsAdmin, Roles = new[] { "Teams Administrator", "Teams Communications Administrator", "Global Reader", "Global Administrator" })]
    [RequiredPermission(AcsTeamsService.Graph, Application = new[] { "TeamsUserConfiguration.Read.All" }, Delegated = new[] { "TeamsUserConfiguration.Read.All" })]
    [RequiredPermission(AcsTeamsService.Arm, Roles = new[] { "Reader" })]
    public sealed class ExportExternalUserConfigurationCommand : ConnectedCmdlet
    {
        /// <summary>The snapshot file to write (overwritten unless -NoClobber).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>Azure subscriptions whose ACS resources are exported (with their diagnostic settings).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.SubscriptionIdCompleter))]
        public string[]? SubscriptionId { get; set; }

        /// <summary>Skip counting the users of each policy instance (faster on very large tenants; needs no Graph permission).</summary>
        [Parameter]
        public SwitchParameter NoUserCount { get; set; }

        /// <summary>Sign the snapshot with this certificate (RSA or ECDSA, with its private key): writes &lt;Path&gt;.sig next to it.</summary>
        [Parameter]
        [ValidateNotNull]
        public X509Certificate2? SigningCertificate { get; set; }

        /// <summary>Do not overwrite an existing file.</summary>
        [Parameter]
        public SwitchParameter NoClobber { get; set; }

        /// <summary>
        /// The connections to export. With several (or with -ThrottleLimit) -Path is a folder and each tenant is written
        /// to &lt;Path&gt;/&lt;tenant id&gt;.json, in parallel. Default: the current connection.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public new AcsTeamsSecurityContext[]? Context
        {
            get => _contexts;
            set
            {
                _contexts = value;
                base.Context = value is { Length: 1 } ? value[0] : null;
            }
        }

        /// <summary>Fleet exports: how many tenants are read at the same time (default 8).</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = FleetCmdletSupport.DefaultThrottleLimit;

        private AcsTeamsSecurityContext[]? _contexts;

        /// <inheritdoc />
        protected override void ProcessRecordCore()
        {
            var subscriptions = AuditCmdletSupport.Subscriptions(SubscriptionId);
            var folder = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            if (_contexts is { Length: > 1 } || MyInvocation.BoundParameters.ContainsKey(nameof(ThrottleLimit)))
            {
                // A fleet: one snapshot per tenant in the folder.
                if (!Directory.Exists(folder))
                {
                    throw ErrorFactory.OutputFolderNotFound(Strings.OutputFolderNotFound_FleetPathNotAFolder, Path).With(target: Path);
                }

                if (SigningCertificate is not null)
                {
                    SnapshotSignature.CheckSigner(SigningCertificate);
                }

                FleetCmdletSupport.Export(this, FleetCmdletSupport.Contexts(this, _contexts), folder, subscriptions, !NoUserCount, SigningCertificate, NoClobber, ThrottleLimit);
                return;
            }

            var path = AuditCmdletSupport.NewFile(this, Path);
            if (SigningCertificate is not null)
            {
                SnapshotSignature.CheckSigner(SigningCertificate); // a certificate that cannot sign fails before the tenant is read
            }
            if (NoClobber && File.Exists(path))
            {
                // Checked again at the moment the file is moved into place (a file may appear while the tenant is read).
                throw ErrorFactory.OutputFileExists(Strings.OutputFileExists_ExistsAndNoClobberWas, path).With(target: path);
            }

            if (subscriptions.Count == 0)
            {
                // Said up front (also under -WhatIf): an audit of this snapshot cannot judge the ACS resources.
                var rules = RuleCatalog.All.Select(r => r.Definition).Where(d => d.Plane == AuditPlane.AcsResource).Select(d => $"{d.Id} ({d.Severity})").ToList();
                if (rules.Count > 0)
                {
                    WriteWarning(Strings.Format(Strings.Warning_WithoutSubscriptionIdTheSnapshot, string.Join(", ", rules)));
                }
            }

            if (!ShouldProcess(path, Strings.Action_WriteASnapshotOf))
            {
                return;
            }

            var snapshot = AuditCmdletSupport.CollectLive(this, subscriptions, countUsers: !NoUserCount);
            var signaturePath = SnapshotSignature.PathFor(path);
            AuditCmdletSupport.WriteFile(path, () =>
            {
                var bytes = SnapshotSerializer.Write(snapshot, path, NoClobber);
                if (SigningCertificate is not null)
                {
                    AtomicFileWriter.Write(signaturePath, SnapshotSignature.Sign(bytes, SigningCertificate, DateTimeOffset.UtcNow), noClobber: false);
                }
                else if (File.Exists(signaturePath))
                {
                    // The signature of the file this one replaced: it no longer matches, so it goes with it.
                    File.Delete(signaturePath);
                    WriteVerboseLine($"Removed {signaturePath}: it signed the snapshot this export replaced.");
                }
            });
            if (SigningCertificate is not null)
            {
                WriteVerboseLine($"Signed {path} with {SigningCertificate.Subject} (thumbprint {SigningCertificate.Thumbprint}): {signaturePath}.");
            }

            WriteVerboseLine($"Wrote {path}: {snapshot.MeetingPolicies.Count} meeting and {snapshot.ExternalAccessPolicies.Count} external access policy instance(s), {snapshot.AcsResources?.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no"} ACS resource(s).");
            WriteObject(AuditCmdletSupport.Summary(snapshot, path, SigningCertificate, signaturePath));
        }
    }
}
