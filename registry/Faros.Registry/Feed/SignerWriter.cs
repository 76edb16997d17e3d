using System.Text.Json;
using Faros.Registry.Metadata;

namespace Faros.Registry.Feed;

/// <summary>
/// Writes a version's "signer" object ({identity, kind, verified}, as the marketplace reads it) and, when a Sigstore
/// bundle is stored, "sigstoreBundle" with its flat-container URL, on search hits and catalog entries.
/// </summary>
public static class SignerWriter
{
    public static void Write(Utf8JsonWriter json, FeedUrls urls, PackageRecord package)
    {
        if (package.Signer is { } signer)
        {
            json.WriteStartObject("signer");
            json.WriteString("identity", signer.Identity);
            json.WriteString("kind", signer.Kind);
            json.WriteBoolean("verified", signer.Verified);
            json.WriteEndObject();
        }

        if (package.HasSigstoreBundle)
        {
            json.WriteString("sigstoreBundle", urls.SigstoreBundle(package.LowerId, package.LowerVersion));
        }
    }
}
