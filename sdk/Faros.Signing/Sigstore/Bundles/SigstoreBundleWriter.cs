using System.Globalization;
using System.Text.Json;

namespace Faros.Signing.Sigstore.Bundles;

/// <summary>Writes a bundle as v0.3 protobuf JSON (int64 as strings, bytes as base64), as sigstore clients expect.</summary>
internal static class SigstoreBundleWriter
{
    public static byte[] Write(SigstoreBundle bundle)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("mediaType", BundleMediaTypes.V03);
            json.WriteStartObject("verificationMaterial");
            if (bundle.IsKeyless)
            {
                json.WriteStartObject("certificate");
                json.WriteBase64String("rawBytes", bundle.Certificates[0].RawData);
                json.WriteEndObject();
            }
            else
            {
                json.WriteStartObject("publicKey");
                json.WriteString("hint", bundle.PublicKeyHint ?? "");
                json.WriteEndObject();
            }

            json.WriteStartArray("tlogEntries");
            foreach (var entry in bundle.TransparencyLogEntries)
            {
                WriteEntry(json, entry);
            }

            json.WriteEndArray();
            json.WriteStartObject("timestampVerificationData");
            json.WriteStartArray("rfc3161Timestamps");
            foreach (var stamp in bundle.Rfc3161Timestamps)
            {
                json.WriteStartObject();
                json.WriteBase64String("signedTimestamp", stamp.Span);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();

            json.WriteStartObject("messageSignature");
            json.WriteStartObject("messageDigest");
            json.WriteString("algorithm", "SHA2_256");
            json.WriteBase64String("digest", bundle.MessageDigest.Span);
            json.WriteEndObject();
            json.WriteBase64String("signature", bundle.Signature.Span);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteEntry(Utf8JsonWriter json, TransparencyLogEntry entry)
    {
        json.WriteStartObject();
        json.WriteString("logIndex", Integer(entry.LogIndex));
        json.WriteStartObject("logId");
        json.WriteBase64String("keyId", entry.LogId.Span);
        json.WriteEndObject();
        json.WriteStartObject("kindVersion");
        json.WriteString("kind", entry.Kind);
        json.WriteString("version", entry.KindVersion);
        json.WriteEndObject();
        json.WriteString("integratedTime", Integer(entry.IntegratedTime));
        if (entry.SignedEntryTimestamp is { } set)
        {
            json.WriteStartObject("inclusionPromise");
            json.WriteBase64String("signedEntryTimestamp", set.Span);
            json.WriteEndObject();
        }

        if (entry.InclusionProof is { } proof)
        {
            json.WriteStartObject("inclusionProof");
            json.WriteString("logIndex", Integer(proof.LogIndex));
            json.WriteBase64String("rootHash", proof.RootHash.Span);
            json.WriteString("treeSize", Integer(proof.TreeSize));
            json.WriteStartArray("hashes");
            foreach (var hash in proof.Hashes)
            {
                json.WriteBase64StringValue(hash.Span);
            }

            json.WriteEndArray();
            json.WriteStartObject("checkpoint");
            json.WriteString("envelope", proof.Checkpoint);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteBase64String("canonicalizedBody", entry.CanonicalizedBody.Span);
        json.WriteEndObject();
    }

    private static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);
}
