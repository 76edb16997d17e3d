using System.Collections.Immutable;

namespace Faros.Signing.Policy;

/// <summary>
/// Who a verified signature proves signed the package. The evaluator matches it against allowed signers;
/// <see cref="DisplayName"/> is what marketplace "verified" badges and operator status show.
/// </summary>
/// <param name="Kind">The signature kind that proved it (<see cref="SignatureKinds"/>).</param>
/// <param name="DisplayName">A short human-readable identity, e.g. "alice@example.com (https://accounts.example.com)".</param>
public sealed record SignerIdentity(string Kind, string DisplayName)
{
    /// <summary>Upper-case hex SHA-256 fingerprints of the certificates in the verified chain, leaf first.</summary>
    public ImmutableArray<string> CertificateFingerprints { get; init; } = [];

    /// <summary>The DER SubjectPublicKeyInfo of the signing key, when the signature was made with a bare key.</summary>
    public ReadOnlyMemory<byte>? PublicKey { get; init; }

    /// <summary>The OIDC issuer of a Sigstore (Fulcio) certificate.</summary>
    public string? Issuer { get; init; }

    /// <summary>The subject alternative name (email or URI) of a Sigstore (Fulcio) certificate.</summary>
    public string? SubjectAlternativeName { get; init; }

    public override string ToString() => $"{Kind}: {DisplayName}";
}
