using System.Collections.Immutable;

namespace Faros.Signing.Sigstore.Bundles;

/// <summary>An RFC 6962 Merkle audit path from an entry to a tree head, with the log's signed checkpoint for it.</summary>
public sealed record InclusionProof
{
    public required long LogIndex { get; init; }

    public required long TreeSize { get; init; }

    public required ReadOnlyMemory<byte> RootHash { get; init; }

    public required ImmutableArray<ReadOnlyMemory<byte>> Hashes { get; init; }

    /// <summary>The signed note text of the checkpoint.</summary>
    public required string Checkpoint { get; init; }
}
