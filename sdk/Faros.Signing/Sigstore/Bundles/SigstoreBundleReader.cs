using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Faros.Signing.Sigstore.Bundles;

/// <summary>Reads the JSON form of a Sigstore bundle (0.1, 0.2, 0.3) with a message signature.</summary>
internal static class SigstoreBundleReader
{
    public static SigstoreBundle Read(ReadOnlySpan<byte> json)
    {
        using var document = JsonPath.ParseDocument(json, "Sigstore bundle");
        var root = new JsonPath(document.RootElement, "$").Object();

        var mediaType = root.Required("mediaType").String();
        var version = BundleMediaTypes.VersionOf(mediaType)
            ?? throw JsonPath.Defect($"$.mediaType '{mediaType}' is not a Sigstore bundle media type (expected {BundleMediaTypes.V03}, or 0.1/0.2)");

        if (root.TryGet("dsseEnvelope") is not null)
        {
            throw new BundleFormatException(
                "The Sigstore bundle holds a DSSE envelope (an attestation), not a message signature over the package; sign the .nupkg itself.");
        }

        var messageSignature = root.Required("messageSignature").Object();
        var digest = messageSignature.Required("messageDigest").Object();
        var algorithm = digest.Required("algorithm").String();
        if (algorithm != "SHA2_256")
        {
            throw JsonPath.Defect($"{digest.Path}.algorithm is '{algorithm}'; only SHA2_256 is supported");
        }

        var digestBytes = digest.Required("digest").Base64();
        if (digestBytes.Length != SHA256.HashSizeInBytes)
        {
            throw JsonPath.Defect($"{digest.Path}.digest has {digestBytes.Length} bytes, a SHA-256 digest has 32");
        }

        var signature = messageSignature.Required("signature").Base64();
        if (signature.Length == 0)
        {
            throw JsonPath.Defect($"{messageSignature.Path}.signature is empty");
        }

        var material = root.Required("verificationMaterial").Object();
        var (hint, certificates) = ReadKeyMaterial(material, version);

        return new SigstoreBundle
        {
            MediaType = mediaType,
            MessageDigest = digestBytes,
            Signature = signature,
            PublicKeyHint = hint,
            Certificates = certificates,
            TransparencyLogEntries = material.TryGet("tlogEntries") is { } entries
                ? [.. entries.Items().Select(ReadEntry)]
                : [],
            Rfc3161Timestamps = material.TryGet("timestampVerificationData")?.TryGet("rfc3161Timestamps") is { } stamps
                ? [.. stamps.Items().Select(stamp => (ReadOnlyMemory<byte>)stamp.Required("signedTimestamp").Base64())]
                : [],
        };
    }

    private static (string? Hint, ImmutableArray<X509Certificate2> Certificates) ReadKeyMaterial(JsonPath material, string version)
    {
        if (material.TryGet("publicKey") is { } publicKey)
        {
            return (publicKey.Object().TryGet("hint")?.String() ?? "", []);
        }

        if (material.TryGet("certificate") is { } certificate)
        {
            return (null, [CertificateReader.Read(certificate.Required("rawBytes"))]);
        }

        if (material.TryGet("x509CertificateChain") is { } chain)
        {
            var certificates = chain.Required("certificates").Items().Select(item => CertificateReader.Read(item.Required("rawBytes"))).ToImmutableArray();
            return certificates.IsEmpty
                ? throw JsonPath.Defect($"{chain.Path}.certificates is empty")
                : (null, certificates);
        }

        throw JsonPath.Defect(
            $"{material.Path} has none of publicKey, certificate or x509CertificateChain (bundle version {version})");
    }

    private static TransparencyLogEntry ReadEntry(JsonPath entry)
    {
        entry = entry.Object();
        var kindVersion = entry.Required("kindVersion").Object();
        return new TransparencyLogEntry
        {
            // Protobuf JSON omits zero values, so index 0 and time 0 arrive as absent fields.
            LogIndex = entry.TryGet("logIndex")?.Int64() ?? 0,
            LogId = entry.Required("logId").Required("keyId").Base64(),
            Kind = kindVersion.Required("kind").String(),
            KindVersion = kindVersion.Required("version").String(),
            IntegratedTime = entry.TryGet("integratedTime")?.Int64() ?? 0,
            SignedEntryTimestamp = entry.TryGet("inclusionPromise")?.Required("signedEntryTimestamp").Base64(),
            InclusionProof = entry.TryGet("inclusionProof") is { } proof ? ReadProof(proof.Object()) : null,
            CanonicalizedBody = entry.Required("canonicalizedBody").Base64(),
        };
    }

    private static InclusionProof ReadProof(JsonPath proof) => new()
    {
        LogIndex = proof.TryGet("logIndex")?.Int64() ?? 0,
        TreeSize = proof.Required("treeSize").Int64(),
        RootHash = proof.Required("rootHash").Base64(),
        Hashes = proof.TryGet("hashes") is { } hashes ? [.. hashes.Items().Select(hash => (ReadOnlyMemory<byte>)hash.Base64())] : [],
        Checkpoint = proof.Required("checkpoint").Required("envelope").String(),
    };
}
