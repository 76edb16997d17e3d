namespace Faros.Signing.NuGetSignatures;

/// <summary>The signer a package was accepted for: subject and SHA-256 fingerprint (upper-case hex) of its signing certificate.</summary>
public sealed record NuGetVerifiedSigner(NuGetSignerKind Kind, string Subject, string Sha256Fingerprint, DateTimeOffset SigningTime);
