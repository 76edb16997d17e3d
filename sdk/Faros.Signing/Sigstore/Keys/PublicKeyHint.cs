using System.Security.Cryptography;

namespace Faros.Signing.Sigstore.Keys;

/// <summary>
/// The <c>publicKey.hint</c> of a keyed bundle: base64 of the SHA-256 of the DER SubjectPublicKeyInfo, the
/// convention cosign uses. Verifiers only use it to pick a key; the signature decides.
/// </summary>
internal static class PublicKeyHint
{
    public static string Of(ReadOnlySpan<byte> subjectPublicKeyInfo) =>
        Convert.ToBase64String(SHA256.HashData(subjectPublicKeyInfo));
}
