using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AcsTeamsSecurity.Errors;

namespace AcsTeamsSecurity.Audit.Snapshots
{
    /// <summary>What a snapshot's signature says: whether there is one, who signed, and whether it verifies.</summary>
    internal sealed class SnapshotSignatureStatus
    {
        internal SnapshotSignatureStatus(string signaturePath, bool signed, bool valid, string? thumbprint, string? subject, DateTimeOffset? signedAt, string? problem, byte[]? certificate = null)
        {
            Certificate = certificate;
            SignaturePath = signaturePath;
            Signed = signed;
            Valid = valid;
            Thumbprint = thumbprint;
            Subject = subject;
            SignedAt = signedAt;
            Problem = problem;
        }

        internal string SignaturePath { get; }

        /// <summary>The signer's certificate (DER) of a valid signature.</summary>
        internal byte[]? Certificate { get; }

        /// <summary>A signature file exists next to the snapshot.</summary>
        internal bool Signed { get; }

        /// <summary>The signature verifies over the snapshot's exact bytes with the certificate it names.</summary>
        internal bool Valid { get; }

        internal string? Thumbprint { get; }

        internal string? Subject { get; }

        internal DateTimeOffset? SignedAt { get; }

        /// <summary>Why the signature is missing or does not verify (null when valid).</summary>
        internal string? Problem { get; }

        /// <summary>One line for -Verbose, warnings and errors.</summary>
        internal string Describe() =>
            !Signed ? "is not signed (no " + Path.GetFileName(SignaturePath) + ")"
            : Valid ? $"is signed by {Subject} (thumbprint {Thumbprint}) on {SignedAt:u}; the signature matches the file (whether that signer is trusted is checked by Restore-ExternalUserConfiguration -RequireSignature or -TrustedSigner)"
            : $"has a signature that does not verify: {Problem}";
    }

    /// <summary>
    /// Signed snapshots. The signature is a detached file, <c>&lt;snapshot&gt;.sig</c>: a small JSON document with the
    /// signer's certificate (DER), the signing time and an RSA (PKCS#1 v1.5) or ECDSA (P1363) SHA-256 signature over
    /// <c>UTF-8("acsteamssecurity-snapshot-signature/1\n" + signedAt + "\n" + hex(SHA-256(certificate)) + "\n")</c> followed
    /// by the snapshot file's exact bytes.
    /// Signing the exact bytes needs no canonical JSON form (nothing to get wrong between writer and verifier) and leaves the
    /// snapshot schema unchanged, so unsigned and signed snapshots are the same file; the cost is a second file to keep next
    /// to the first. Verification never trusts anything in the snapshot itself.
    /// </summary>
    internal static class SnapshotSignature
    {
        internal const string Format = "acsteamssecurity-snapshot-signature/1";
        internal const string Extension = ".sig";

        /// <summary>The signature file of a snapshot.</summary>
        internal static string PathFor(string snapshotPath) => snapshotPath + Extension;

        /// <summary>Checks that <paramref name="certificate"/> can sign snapshots (a private RSA or ECDSA key).</summary>
        internal static void CheckSigner(X509Certificate2 certificate)
        {
            string? why = null;
            if (!certificate.HasPrivateKey)
            {
                why = "it has no private key (load it from a PFX or the certificate store with its key)";
            }
            else if (certificate.GetRSAPublicKey() is null && certificate.GetECDsaPublicKey() is null)
            {
                why = "its key is neither RSA nor ECDSA";
            }

            if (why is not null)
            {
                throw new AcsTeamsSecurityException(ErrorIds.SigningCertificateInvalid, ErrorCategory.InvalidArgument, $"The certificate {certificate.Subject} (thumbprint {certificate.Thumbprint}) cannot sign snapshots: {why}.") { Target = certificate.Thumbprint };
            }
        }

        /// <summary>The signature file's bytes for <paramref name="content"/>.</summary>
        internal static byte[] Sign(byte[] content, X509Certificate2 certificate, DateTimeOffset signedAt)
        {
            CheckSigner(certificate);
            var at = signedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            var data = SignedData(at, certificate.RawData, content);
            string algorithm;
            byte[] signature;
            using (var rsa = certificate.GetRSAPrivateKey())
            {
                if (rsa is not null)
                {
                    algorithm = "RS256";
                    signature = rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                }
                else
                {
                    using var ecdsa = certificate.GetECDsaPrivateKey() ?? throw new AcsTeamsSecurityException(ErrorIds.SigningCertificateInvalid, ErrorCategory.InvalidArgument, $"The private key of {certificate.Subject} cannot be used.");
                    algorithm = "ES256";
                    signature = ecdsa.SignData(data, HashAlgorithmName.SHA256);
                }
            }

            var document = new JsonObject
            {
                ["format"] = Format,
                ["algorithm"] = algorithm,
                ["signedAt"] = at,
                ["thumbprint"] = certificate.Thumbprint,
                ["subject"] = certificate.Subject,
                ["certificate"] = Convert.ToBase64String(certificate.RawData),
                ["signature"] = Convert.ToBase64String(signature),
            };
            return new UTF8Encoding(false).GetBytes(document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }

        /// <summary>Reads the signature file of <paramref name="snapshotPath"/> (if any) and verifies it over <paramref name="content"/>.</summary>
        internal static SnapshotSignatureStatus Verify(string snapshotPath, byte[] content)
        {
            var path = PathFor(snapshotPath);
            if (!File.Exists(path))
            {
                return new SnapshotSignatureStatus(path, signed: false, valid: false, null, null, null, "there is no signature file");
            }

            byte[] raw;
            try
            {
                raw = File.ReadAllBytes(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return new SnapshotSignatureStatus(path, true, false, null, null, null, $"the signature file cannot be read ({ex.Message})");
            }

            return VerifyBytes(path, raw, content);
        }

        /// <summary>Verifies signature-file bytes over snapshot bytes.</summary>
        internal static SnapshotSignatureStatus VerifyBytes(string signaturePath, byte[] signatureFile, byte[] content)
        {
            string? thumbprint = null;
            string? subject = null;
            DateTimeOffset? signedAt = null;
            SnapshotSignatureStatus Bad(string why) => new SnapshotSignatureStatus(signaturePath, true, false, thumbprint, subject, signedAt, why);
            try
            {
                if (JsonNode.Parse(signatureFile, documentOptions: new JsonDocumentOptions { MaxDepth = 4 }) is not JsonObject root ||
                    !string.Equals(Text(root, "format"), Format, StringComparison.Ordinal))
                {
                    return Bad($"the signature file is not a {Format} document");
                }

                var at = Text(root, "signedAt");
                var algorithm = Text(root, "algorithm");
                var certificateText = Text(root, "certificate");
                var signatureText = Text(root, "signature");
                if (at is null || algorithm is null || certificateText is null || signatureText is null)
                {
                    return Bad("the signature file lacks signedAt, algorithm, certificate or signature");
                }

                if (DateTimeOffset.TryParseExact(at, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsedAt))
                {
                    signedAt = parsedAt;
                }

                using var certificate = new X509Certificate2(Convert.FromBase64String(certificateText));
                thumbprint = certificate.Thumbprint;
                subject = certificate.Subject;
                var data = SignedData(at, certificate.RawData, content);
                var signature = Convert.FromBase64String(signatureText);
                bool ok;
                switch (algorithm)
                {
                    case "RS256":
                        using (var rsa = certificate.GetRSAPublicKey())
                        {
                            ok = rsa is not null && rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                        }

                        break;
                    case "ES256":
                        using (var ecdsa = certificate.GetECDsaPublicKey())
                        {
                            ok = ecdsa is not null && ecdsa.VerifyData(data, signature, HashAlgorithmName.SHA256);
                        }

                        break;
                    default:
                        return Bad($"the algorithm '{algorithm}' is not RS256 or ES256");
                }

                return ok
                    ? new SnapshotSignatureStatus(signaturePath, true, true, thumbprint, subject, signedAt, null, certificate.RawData)
                    : Bad("the snapshot was changed after it was signed (or the signature belongs to another file)");
            }
            catch (Exception ex) when (ex is JsonException || ex is FormatException || ex is CryptographicException || ex is InvalidOperationException || ex is ArgumentException)
            {
                return Bad($"the signature file is damaged ({ex.GetType().Name})");
            }
        }

        /// <summary>The Extended Key Usage a signer needs to be trusted through its chain alone (id-kp-codeSigning, RFC 5280).</summary>
        internal const string CodeSigningOid = "1.3.6.1.5.5.7.3.3";

        /// <summary>
        /// Whether a valid signature's signer is trusted: with <paramref name="trustedSigners"/>, its thumbprint must be one
        /// of them; without, its certificate must be issued for code signing (an Extended Key Usage with 1.3.6.1.5.5.7.3.3:
        /// a TLS server certificate anyone can obtain from a public CA does not qualify) and chain to a root this machine
        /// trusts, valid for that use (revocation is not checked). Returns why not, or null.
        /// </summary>
        internal static string? Untrusted(SnapshotSignatureStatus status, string[]? trustedSigners)
        {
            if (!status.Valid)
            {
                return status.Problem;
            }

            if (trustedSigners is { Length: > 0 })
            {
                return trustedSigners.Any(t => string.Equals(Normalize(t), status.Thumbprint, StringComparison.OrdinalIgnoreCase))
                    ? null
                    : $"it is signed by {status.Subject} (thumbprint {status.Thumbprint}), which is not a -TrustedSigner";
            }

            try
            {
                using var certificate = new X509Certificate2(status.Certificate!);
                var forCodeSigning = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>()
                    .Any(e => e.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value == CodeSigningOid));
                if (!forCodeSigning)
                {
                    return $"its signer {status.Subject} (thumbprint {status.Thumbprint}) is not a code-signing certificate, so only -TrustedSigner can make it trusted; pass -TrustedSigner with the thumbprint you expect";
                }

                using var chain = new X509Chain();
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                chain.ChainPolicy.ApplicationPolicy.Add(new Oid(CodeSigningOid));
                return chain.Build(certificate)
                    ? null
                    : $"its signer {status.Subject} (thumbprint {status.Thumbprint}) does not chain to a root this machine trusts for code signing; pass -TrustedSigner with the thumbprint you expect";
            }
            catch (CryptographicException ex)
            {
                return $"its signer cannot be checked ({ex.GetType().Name})";
            }
        }

        /// <summary>A snapshot file's exact bytes (what a signature covers and what is then parsed, so nothing changes in between).</summary>
        internal static byte[] ReadSnapshot(string path)
        {
            try
            {
                return File.ReadAllBytes(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException || ex is ArgumentException)
            {
                throw new AcsTeamsSecurityException(ErrorIds.SnapshotNotFound, ErrorCategory.ObjectNotFound, $"The snapshot '{path}' cannot be read: {ex.Message}", ex) { Target = path };
            }
        }

        /// <summary>Snapshot bytes as text, as File.ReadAllText would decode them (UTF-8, a leading BOM dropped).</summary>
        internal static string Decode(byte[] bytes)
        {
            var skip = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
            return Encoding.UTF8.GetString(bytes, skip, bytes.Length - skip);
        }

        /// <summary>A thumbprint as typed (spaces, colons, any case) in the form X509Certificate2.Thumbprint has.</summary>
        internal static string Normalize(string thumbprint) => new string(thumbprint.Where(Uri.IsHexDigit).ToArray()).ToUpperInvariant();

        /// <summary>What is signed: the format, the time, the SHA-256 of the signer's certificate (so the certificate, and with it the signer shown, cannot be swapped for another with the same key), then the snapshot's bytes.</summary>
        private static byte[] SignedData(string signedAt, byte[] certificate, byte[] content)
        {
            string certificateHash;
            using (var sha = SHA256.Create())
            {
                certificateHash = BitConverter.ToString(sha.ComputeHash(certificate)).Replace("-", string.Empty);
            }

            var header = Encoding.UTF8.GetBytes(Format + "\n" + signedAt + "\n" + certificateHash + "\n");
            var data = new byte[header.Length + content.Length];
            Buffer.BlockCopy(header, 0, data, 0, header.Length);
            Buffer.BlockCopy(content, 0, data, header.Length, content.Length);
            return data;
        }

        private static string? Text(JsonObject root, string name) =>
            root[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
    }
}
