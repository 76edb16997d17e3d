using System.Security.Cryptography;

namespace Faros.Cli.Signing;

/// <summary>
/// How people name a publisher key: "sha256:" and the hex SHA-256 of its DER SubjectPublicKeyInfo. The registry shows a
/// keyed signer as "key sha256:" and the first 16 hex digits of the same hash, so the two can be compared at a glance.
/// </summary>
public sealed record KeyFingerprint(string Sha256Hex)
{
    private const int RegistryDigits = 16;

    public static KeyFingerprint Of(ReadOnlySpan<byte> subjectPublicKeyInfo) => new(Convert.ToHexStringLower(SHA256.HashData(subjectPublicKeyInfo)));

    /// <summary>The signer identity a registry records for a bundle made with this key.</summary>
    public string RegistryIdentity => $"key sha256:{Sha256Hex[..RegistryDigits]}";

    public override string ToString() => $"sha256:{Sha256Hex}";
}
