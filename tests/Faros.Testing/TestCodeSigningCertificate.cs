using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Faros.Testing;

/// <summary>A code-signing certificate issued by a <see cref="TestCertificateAuthority"/>, with its private key in a PFX file.</summary>
public sealed record TestCodeSigningCertificate(X509Certificate2 Certificate, string PfxPath, string Password)
{
    /// <summary>Upper-case hex SHA-256 of the certificate, the form nuget.config's trustedSigners use.</summary>
    public string Sha256Fingerprint => Convert.ToHexString(Certificate.GetCertHash(HashAlgorithmName.SHA256));
}
