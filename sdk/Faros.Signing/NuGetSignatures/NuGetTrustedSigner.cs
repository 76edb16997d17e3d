namespace Faros.Signing.NuGetSignatures;

/// <summary>
/// One entry of a <see cref="NuGetTrust"/>, like an &lt;author&gt; or &lt;repository&gt; element of nuget.config's
/// trustedSigners: signatures of this kind are accepted when a certificate in their chain has one of these
/// SHA-256 fingerprints (hex, any case, colons allowed). No fingerprints means any certificate that chains to a
/// pinned root.
/// </summary>
public sealed record NuGetTrustedSigner(NuGetSignerKind Kind, IReadOnlyList<string> CertificateFingerprints)
{
    public static NuGetTrustedSigner Author(params string[] sha256Fingerprints) => new(NuGetSignerKind.Author, sha256Fingerprints);

    public static NuGetTrustedSigner Repository(params string[] sha256Fingerprints) => new(NuGetSignerKind.Repository, sha256Fingerprints);
}
