using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AcsTeamsSecurity.Emulator.Hosting;

/// <summary>
/// The test CA (persisted in --ca-dir so the test runner can trust it through SSL_CERT_FILE before pwsh starts) and the
/// per-instance server certificate (in memory only). Private keys never go into the repository.
/// </summary>
internal static class Certificates
{
    public const string CaSubject = "CN=AcsTeamsSecurity Emulator Test CA";
    public const string CaCertFileName = "ca.crt";
    public const string CaKeyFileName = "ca.key";
    public const string BundleFileName = "bundle.pem";
    private const string SystemBundle = "/etc/ssl/certs/ca-certificates.crt";
    private const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";

    /// <summary>Loads the CA from <paramref name="dir"/> or creates it, and (re)writes bundle.pem. Safe against concurrent callers.</summary>
    public static X509Certificate2 EnsureCa(string dir)
    {
        Directory.CreateDirectory(dir);
        var crtPath = Path.Combine(dir, CaCertFileName);
        var keyPath = Path.Combine(dir, CaKeyFileName);
        using var gate = AcquireLock(Path.Combine(dir, "ca.lock"));

        X509Certificate2 ca;
        if (File.Exists(crtPath) && File.Exists(keyPath))
        {
            ca = X509Certificate2.CreateFromPemFile(crtPath, keyPath);
        }
        else
        {
            ca = CreateCa();
            using var rsa = ca.GetRSAPrivateKey() ?? throw new InvalidOperationException("CA has no RSA key.");
            WriteAtomically(crtPath, ca.ExportCertificatePem() + "\n", privateFile: false);
            WriteAtomically(keyPath, rsa.ExportPkcs8PrivateKeyPem() + "\n", privateFile: true);
        }

        var bundle = File.Exists(SystemBundle) ? File.ReadAllText(SystemBundle) : string.Empty;
        if (bundle.Length > 0 && !bundle.EndsWith('\n'))
        {
            bundle += "\n";
        }

        bundle += File.ReadAllText(crtPath);
        WriteAtomically(Path.Combine(dir, BundleFileName), bundle, privateFile: false);
        return ca;
    }

    /// <summary>A fresh server certificate for this instance: SAN DNS:localhost, IP:127.0.0.1, IP:::1, EKU serverAuth.</summary>
    public static X509Certificate2 IssueServerCertificate(X509Certificate2 ca)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost, O=AcsTeamsSecurity Emulator", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ServerAuthOid)], false));
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        san.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));

        var now = DateTimeOffset.UtcNow;
        var notAfter = now.AddDays(365) < ca.NotAfter ? now.AddDays(365) : new DateTimeOffset(ca.NotAfter.ToUniversalTime());
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var issued = request.Create(ca, now.AddDays(-1), notAfter, serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        // Round-trip through PKCS#12 so the key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    private static X509Certificate2 CreateCa()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(CaSubject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        using var self = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));
        return X509CertificateLoader.LoadPkcs12(self.Export(X509ContentType.Pkcs12), null);
    }

    private static void WriteAtomically(string path, string content, bool privateFile)
    {
        var temp = path + "." + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (privateFile && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temp, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(content);
        }

        if (privateFile && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temp, path, overwrite: true);
    }

    private static FileStream AcquireLock(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 200)
            {
                Thread.Sleep(50);
            }
        }
    }
}
