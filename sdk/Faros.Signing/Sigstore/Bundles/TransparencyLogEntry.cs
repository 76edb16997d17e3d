namespace Faros.Signing.Sigstore.Bundles;

/// <summary>A Rekor entry carried in a bundle, with the material to verify it offline.</summary>
public sealed record TransparencyLogEntry
{
    public required long LogIndex { get; init; }

    /// <summary>The log's key id: SHA-256 of its DER public key.</summary>
    public required ReadOnlyMemory<byte> LogId { get; init; }

    public required string Kind { get; init; }

    public required string KindVersion { get; init; }

    /// <summary>Seconds since the Unix epoch when the log integrated the entry (trusted only through the SET).</summary>
    public required long IntegratedTime { get; init; }

    /// <summary>The signed entry timestamp (inclusion promise), or null.</summary>
    public ReadOnlyMemory<byte>? SignedEntryTimestamp { get; init; }

    public InclusionProof? InclusionProof { get; init; }

    /// <summary>The entry body exactly as the log hashed it (canonical JSON).</summary>
    public required ReadOnlyMemory<byte> CanonicalizedBody { get; init; }
}
