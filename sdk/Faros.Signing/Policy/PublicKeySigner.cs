using System.Security.Cryptography;

namespace Faros.Signing.Policy;

/// <summary>Allows signatures made with this public key (Sigstore keyed mode, cosign-compatible).</summary>
public sealed record PublicKeySigner : AllowedSigner
{
    private readonly byte[] _subjectPublicKeyInfo;

    private PublicKeySigner(byte[] subjectPublicKeyInfo)
    {
        _subjectPublicKeyInfo = subjectPublicKeyInfo;
    }

    /// <summary>The DER SubjectPublicKeyInfo.</summary>
    public ReadOnlyMemory<byte> SubjectPublicKeyInfo => _subjectPublicKeyInfo;

    /// <summary>Parses a PEM "PUBLIC KEY" (SubjectPublicKeyInfo), as written by cosign and <c>kubectl faros keys generate</c>.</summary>
    public static PublicKeySigner FromPem(string pem)
    {
        var fields = PemEncoding.TryFind(pem, out var found)
            ? found
            : throw new FormatException("The public key is not PEM: expected a '-----BEGIN PUBLIC KEY-----' block.");
        var label = pem[fields.Label];
        if (label != "PUBLIC KEY")
        {
            throw new FormatException($"The PEM block is '{label}', expected 'PUBLIC KEY' (a SubjectPublicKeyInfo).");
        }

        var der = Convert.FromBase64String(pem[fields.Base64Data]);
        using var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportSubjectPublicKeyInfo(der, out _);
        }
        catch (CryptographicException e)
        {
            throw new FormatException($"The public key is not an ECDSA key: {e.Message}", e);
        }

        return new PublicKeySigner(der);
    }

    public static PublicKeySigner FromSubjectPublicKeyInfo(ReadOnlySpan<byte> der) => new(der.ToArray());

    public override bool Matches(SignerIdentity signer) =>
        signer.PublicKey is { } key && key.Span.SequenceEqual(_subjectPublicKeyInfo);

    public bool Equals(PublicKeySigner? other) =>
        other is not null && other._subjectPublicKeyInfo.AsSpan().SequenceEqual(_subjectPublicKeyInfo);

    public override int GetHashCode() => Convert.ToHexString(SHA256.HashData(_subjectPublicKeyInfo)).GetHashCode(StringComparison.Ordinal);

    public override string ToString() => $"public key SHA-256 {Convert.ToHexString(SHA256.HashData(_subjectPublicKeyInfo))}";
}
