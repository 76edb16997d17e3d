using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Faros.Testing;

/// <summary>
/// A certificate authority made in the test (CertificateRequest, RSA 2048): a self-signed root that issues
/// code-signing certificates written as password-protected PFX files (leaf plus root, as a CA would hand them out).
/// </summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private const string CodeSigningEku = "1.3.6.1.5.5.7.3.3";
    private readonly RSA _key;
    private readonly string _directory;

    public TestCertificateAuthority(string name, string directory)
    {
        _directory = directory;
        _key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}, O=Faros Tests", _key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        Root = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(30));
        RootPemPath = Path.Combine(directory, $"{Sanitize(name)}.pem");
        File.WriteAllText(RootPemPath, Root.ExportCertificatePem());
    }

    public X509Certificate2 Root { get; }

    /// <summary>The root certificate as a PEM file.</summary>
    public string RootPemPath { get; }

    public string RootSha256Fingerprint => Convert.ToHexString(Root.GetCertHash(HashAlgorithmName.SHA256));

    /// <summary>Issues a certificate; by default for code signing and valid from an hour ago for a day.</summary>
    public TestCodeSigningCertificate Issue(string subject, bool codeSigning = true, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null) =>
        Issue(subject, codeSigning ? CodeSigningEku : "1.3.6.1.5.5.7.3.2", critical: false, notBefore, notAfter);

    /// <summary>Issues a timestamp authority's certificate: the time-stamping usage, critical as RFC 3161 demands.</summary>
    public TestCodeSigningCertificate IssueTimestampAuthority(string subject) => Issue(subject, "1.3.6.1.5.5.7.3.8", critical: true, null, null);

    private TestCodeSigningCertificate Issue(string subject, string extendedKeyUsage, bool critical, DateTimeOffset? notBefore, DateTimeOffset? notAfter)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={subject}, O=Faros Tests", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(extendedKeyUsage)], critical));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Root, true, false));
        using var issued = request.Create(Root, notBefore ?? DateTimeOffset.UtcNow.AddHours(-1), notAfter ?? DateTimeOffset.UtcNow.AddDays(1), RandomNumberGenerator.GetBytes(12));
        var withKey = issued.CopyWithPrivateKey(key);
        const string password = "test-password";
        var pfxPath = Path.Combine(_directory, $"{Sanitize(subject)}.pfx");
        // The root goes in without its private key, as a CA hands out its chain.
        using var publicRoot = X509CertificateLoader.LoadCertificate(Root.RawData);
        File.WriteAllBytes(pfxPath, new X509Certificate2Collection { withKey, publicRoot }.Export(X509ContentType.Pfx, password)!);
        return new TestCodeSigningCertificate(X509CertificateLoader.LoadCertificate(withKey.RawData), pfxPath, password);
    }

    public void Dispose()
    {
        Root.Dispose();
        _key.Dispose();
    }

    private static string Sanitize(string name) => string.Concat(name.Select(c => char.IsLetterOrDigit(c) ? c : '-'));
}
