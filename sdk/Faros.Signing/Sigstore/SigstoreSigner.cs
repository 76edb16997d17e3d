using System.Security.Cryptography;
using Faros.Signing.Sigstore.Bundles;
using Faros.Signing.Sigstore.Keys;

namespace Faros.Signing.Sigstore;

/// <summary>
/// Signs an artifact (a .nupkg) with a local key and produces a v0.3 keyed bundle: a message signature over the
/// artifact's SHA-256 and a <c>publicKey.hint</c>. Nothing is uploaded; verifiers trust the key itself.
/// </summary>
public static class SigstoreSigner
{
    public static SigstoreBundle Sign(ReadOnlySpan<byte> artifact, SigstoreKeyPair key) =>
        SignDigest(SHA256.HashData(artifact), key);

    public static SigstoreBundle Sign(Stream artifact, SigstoreKeyPair key) =>
        SignDigest(SHA256.HashData(artifact), key);

    private static SigstoreBundle SignDigest(byte[] digest, SigstoreKeyPair key) => new()
    {
        MediaType = BundleMediaTypes.V03,
        MessageDigest = digest,
        Signature = key.SignDigest(digest),
        PublicKeyHint = key.Hint,
    };
}
