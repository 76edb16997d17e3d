using System.Text;
using System.Text.Json;
using Faros.Signing.Sigstore.Bundles;

namespace Faros.Signing.Sigstore.Transparency;

/// <summary>
/// The body of a Rekor <c>hashedrekord</c> v0.0.1 entry: the artifact's SHA-256, the signature, and the signer's
/// public key or certificate (PEM, base64-encoded).
/// </summary>
internal sealed record HashedRekordBody(byte[] Sha256, byte[] Signature, string PublicKeyPem)
{
    /// <exception cref="FormatException">The body is not a hashedrekord v0.0.1 entry.</exception>
    public static HashedRekordBody Parse(ReadOnlySpan<byte> canonicalizedBody)
    {
        try
        {
            using var document = JsonPath.ParseDocument(canonicalizedBody, "transparency-log entry body");
            var root = new JsonPath(document.RootElement, "body").Object();
            var kind = root.Required("kind").String();
            var apiVersion = root.Required("apiVersion").String();
            if (kind != "hashedrekord" || apiVersion != "0.0.1")
            {
                throw new FormatException($"The log entry is '{kind}' {apiVersion}; only hashedrekord 0.0.1 entries describe a signed package.");
            }

            var spec = root.Required("spec");
            var hash = spec.Required("data").Required("hash");
            var algorithm = hash.Required("algorithm").String();
            if (algorithm != "sha256")
            {
                throw new FormatException($"The log entry hashes with '{algorithm}', not sha256.");
            }

            var signature = spec.Required("signature");
            return new HashedRekordBody(
                Convert.FromHexString(hash.Required("value").String()),
                signature.Required("content").Base64(),
                Encoding.UTF8.GetString(signature.Required("publicKey").Required("content").Base64()));
        }
        catch (BundleFormatException e)
        {
            throw new FormatException(e.Message, e);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new FormatException($"The log entry body is not a hashedrekord: {e.Message}", e);
        }
    }
}
