using System.Collections.Immutable;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace Faros.Signing.Sigstore.Bundles;

/// <summary>
/// A Sigstore bundle with a message signature over an artifact (protobuf-specs Bundle, JSON form). Exactly one
/// of <see cref="PublicKeyHint"/> (keyed mode) and <see cref="Certificates"/> (keyless mode, leaf first) is set.
/// </summary>
public sealed record SigstoreBundle
{
    public required string MediaType { get; init; }

    /// <summary>SHA-256 digest of the artifact, as signed.</summary>
    public required ReadOnlyMemory<byte> MessageDigest { get; init; }

    /// <summary>ASN.1 DER ECDSA signature over the artifact.</summary>
    public required ReadOnlyMemory<byte> Signature { get; init; }

    /// <summary>Keyed mode: the hint naming the public key (may be empty).</summary>
    public string? PublicKeyHint { get; init; }

    /// <summary>Keyless mode: the signing certificate first, then any chain the bundle carries.</summary>
    public ImmutableArray<X509Certificate2> Certificates { get; init; } = [];

    public ImmutableArray<TransparencyLogEntry> TransparencyLogEntries { get; init; } = [];

    /// <summary>DER RFC 3161 timestamp tokens over the signature.</summary>
    public ImmutableArray<ReadOnlyMemory<byte>> Rfc3161Timestamps { get; init; } = [];

    public bool IsKeyless => !Certificates.IsDefaultOrEmpty;

    public X509Certificate2? SigningCertificate => IsKeyless ? Certificates[0] : null;

    /// <summary>Parses a bundle's JSON, naming the defect (<see cref="BundleFormatException"/>) when it is not one.</summary>
    public static SigstoreBundle Parse(ReadOnlySpan<byte> json) => SigstoreBundleReader.Read(json);

    public static SigstoreBundle Parse(string json) => Parse(System.Text.Encoding.UTF8.GetBytes(json));

    /// <summary>Writes the bundle as v0.3 JSON (camelCase protobuf JSON, as sigstore clients read it).</summary>
    public byte[] ToJson() => SigstoreBundleWriter.Write(this);

    public override string ToString() => $"{MediaType} ({(IsKeyless ? "keyless" : "keyed")}, {TransparencyLogEntries.Length} tlog entries)";
}
