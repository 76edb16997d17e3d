using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Faros.Signing.Policy;
using Faros.Signing.Sigstore.Trust;

namespace Faros.Signing.Sigstore.Certificates;

/// <summary>
/// Builds a certificate's chain to one of the trusted root's authorities (never to the machine's store, never
/// with certificates the bundle supplies) at a given time, requiring an extended key usage.
/// </summary>
internal static class CertificateChainVerifier
{
    public const string CodeSigningOid = "1.3.6.1.5.5.7.3.3";
    public const string TimeStampingOid = "1.3.6.1.5.5.7.3.8";

    private static bool Build(X509Chain chain, X509Certificate2 leaf)
    {
        try
        {
            return chain.Build(leaf);
        }
        catch (CryptographicException)
        {
            // A certificate the platform cannot even parse into a chain is untrusted, not an error of the caller's.
            return false;
        }
    }

    /// <summary>The chain (leaf first) built at <paramref name="time"/>; throws the named failure otherwise.</summary>
    public static IReadOnlyList<X509Certificate2> Verify(
        X509Certificate2 leaf, IEnumerable<CertificateAuthority> authorities, DateTimeOffset time, string extendedKeyUsage, string what)
    {
        if (time < leaf.NotBefore.ToUniversalTime() || time > leaf.NotAfter.ToUniversalTime())
        {
            throw new SigstoreVerificationException(SignatureFailure.CertificateExpired,
                $"The {what} certificate is valid from {leaf.NotBefore.ToUniversalTime():u} to {leaf.NotAfter.ToUniversalTime():u}, not at the signing time {time.UtcDateTime:u}.");
        }

        var problems = new List<string>();
        foreach (var authority in authorities.Where(authority => authority.ValidFor.Contains(time)))
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(authority.Root);
            chain.ChainPolicy.ExtraStore.AddRange(authority.Chain.ToArray());
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.DisableCertificateDownloads = true;
            chain.ChainPolicy.VerificationTime = time.UtcDateTime;
            chain.ChainPolicy.ApplicationPolicy.Add(new Oid(extendedKeyUsage));
            if (Build(chain, leaf))
            {
                return [.. chain.ChainElements.Select(element => element.Certificate)];
            }

            problems.Add(string.Join("; ", chain.ChainStatus.Select(status => status.StatusInformation.Trim()).Distinct()));
        }

        throw new SigstoreVerificationException(SignatureFailure.CertificateChainUntrusted, problems.Count == 0
            ? $"No authority in the trusted root was valid at {time.UtcDateTime:u} to issue the {what} certificate ({leaf.Issuer})."
            : $"The {what} certificate ({leaf.Subject}, issued by {leaf.Issuer}) does not chain to the trusted root with the required key usage: {string.Join(" | ", problems)}.");
    }
}
