using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Faros.Registry.Signing;

/// <summary>The repository certificate from its PFX: the one certificate with a private key, and the issuers beside it.</summary>
public sealed class RepositorySigningCertificate : IDisposable
{
    private const string CodeSigningEku = "1.3.6.1.5.5.7.3.3";

    private RepositorySigningCertificate(X509Certificate2 certificate, X509Certificate2Collection issuers)
    {
        Certificate = certificate;
        Issuers = issuers;
        Sha256Fingerprint = Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256));
    }

    public X509Certificate2 Certificate { get; }

    /// <summary>The other certificates of the PFX, embedded in each signature so clients can build the chain.</summary>
    public X509Certificate2Collection Issuers { get; }

    /// <summary>Upper-case hex SHA-256 of the certificate, as nuget.config's trustedSigners spell it.</summary>
    public string Sha256Fingerprint { get; }

    public static RepositorySigningCertificate Load(string pfxPath, string? password)
    {
        var all = X509CertificateLoader.LoadPkcs12CollectionFromFile(pfxPath, password, X509KeyStorageFlags.EphemeralKeySet);
        var withKey = all.Where(certificate => certificate.HasPrivateKey).ToList();
        if (withKey.Count != 1)
        {
            foreach (var certificate in all)
            {
                certificate.Dispose();
            }

            throw new CryptographicException($"the PFX holds {withKey.Count} certificates with a private key; it must hold exactly one");
        }

        var issuers = new X509Certificate2Collection(all.Where(certificate => !certificate.HasPrivateKey).ToArray());
        return new RepositorySigningCertificate(withKey[0], issuers);
    }

    /// <summary>Why NuGet would refuse to sign with this certificate, or null.</summary>
    public string? Defect(DateTimeOffset now)
    {
        var hasCodeSigning = Certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>()
            .Any(extension => extension.EnhancedKeyUsages.Cast<Oid>().Any(usage => usage.Value == CodeSigningEku));
        if (!hasCodeSigning)
        {
            return $"holds {Certificate.Subject}, which lacks the code-signing extended key usage ({CodeSigningEku}); NuGet signs only with code-signing certificates";
        }

        if (now < Certificate.NotBefore.ToUniversalTime() || now > Certificate.NotAfter.ToUniversalTime())
        {
            return $"holds {Certificate.Subject}, valid only from {Certificate.NotBefore.ToUniversalTime():u} to {Certificate.NotAfter.ToUniversalTime():u}; renew it";
        }

        if (Certificate.GetRSAPublicKey() is { } rsa && rsa.KeySize < 2048)
        {
            return $"holds a {rsa.KeySize}-bit RSA key; NuGet requires at least 2048 bits";
        }

        return null;
    }

    public void Dispose()
    {
        Certificate.Dispose();
        foreach (var issuer in Issuers)
        {
            issuer.Dispose();
        }
    }
}
