using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Faros.Signing.Sigstore.Bundles;

/// <summary>
/// Loads a DER certificate and reads every field verification touches now, because the platform parses some
/// lazily: a corrupt validity or key must surface as a malformed document here, not as an exception mid-verification.
/// </summary>
internal static class CertificateReader
{
    public static X509Certificate2 Read(JsonPath rawBytes)
    {
        var der = rawBytes.Base64();
        try
        {
            var certificate = X509CertificateLoader.LoadCertificate(der);
            _ = (certificate.NotBefore, certificate.NotAfter, certificate.Subject, certificate.Issuer);
            _ = certificate.PublicKey.ExportSubjectPublicKeyInfo();
            foreach (var extension in certificate.Extensions)
            {
                _ = extension.RawData;
            }

            return certificate;
        }
        catch (CryptographicException e)
        {
            throw JsonPath.Defect($"{rawBytes.Path} is not a DER X.509 certificate ({e.Message})");
        }
    }
}
