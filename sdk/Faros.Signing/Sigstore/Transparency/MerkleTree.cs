using System.Security.Cryptography;

namespace Faros.Signing.Sigstore.Transparency;

/// <summary>RFC 6962 (and RFC 9162 §2.1.3.2) Merkle tree hashing and inclusion-proof verification.</summary>
internal static class MerkleTree
{
    public static byte[] LeafHash(ReadOnlySpan<byte> leaf)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData([0x00]);
        hash.AppendData(leaf);
        return hash.GetHashAndReset();
    }

    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData([0x01]);
        hash.AppendData(left);
        hash.AppendData(right);
        return hash.GetHashAndReset();
    }

    /// <summary>
    /// The root hash that an audit path proves for the leaf at <paramref name="leafIndex"/> of a tree of
    /// <paramref name="treeSize"/> leaves, or null when the path has the wrong length for that position.
    /// </summary>
    public static byte[]? RootFromInclusionProof(long leafIndex, long treeSize, ReadOnlySpan<byte> leafHash, IReadOnlyList<ReadOnlyMemory<byte>> path)
    {
        if (leafIndex < 0 || treeSize <= 0 || leafIndex >= treeSize)
        {
            return null;
        }

        var fn = leafIndex;
        var sn = treeSize - 1;
        var r = leafHash.ToArray();
        foreach (var p in path)
        {
            if (sn == 0 || p.Length != SHA256.HashSizeInBytes)
            {
                return null;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = NodeHash(p.Span, r);
                if ((fn & 1) == 0)
                {
                    // fn is a left child with no right sibling at this level: climb until it is a right child.
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                r = NodeHash(r, p.Span);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 ? r : null;
    }
}
