using System.Security.Cryptography.X509Certificates;

namespace Faros.Signing.Policy;

/// <summary>
/// Allows any signature whose verified chain contains the certificate with this SHA-256 fingerprint (the signing
/// certificate itself, or the CA that issued it — like nuget.config <c>trustedSigners</c>).
/// </summary>
public sealed record CertificateFingerprintSigner : AllowedSigner
{
    public CertificateFingerprintSigner(string sha256Fingerprint)
    {
        Sha256Fingerprint = Normalize(sha256Fingerprint);
    }

    /// <summary>Upper-case hex, no separators.</summary>
    public string Sha256Fingerprint { get; }

    public static CertificateFingerprintSigner Of(X509Certificate2 certificate) =>
        new(Convert.ToHexString(certificate.GetCertHash(System.Security.Cryptography.HashAlgorithmName.SHA256)));

    public override bool Matches(SignerIdentity signer) =>
        signer.CertificateFingerprints.Contains(Sha256Fingerprint, StringComparer.Ordinal);

    public override string ToString() => $"certificate SHA-256 {Sha256Fingerprint}";

    private static string Normalize(string fingerprint)
    {
        var hex = fingerprint.Replace(":", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        if (hex.Length != 64 || !hex.All(Uri.IsHexDigit))
        {
            throw new FormatException(
                $"'{fingerprint}' is not a SHA-256 certificate fingerprint: expected 64 hex digits (colons allowed).");
        }

        return hex;
    }
}
