using Faros.Signing.Sigstore.Transparency;

namespace Faros.Signing.Tests.Sigstore;

/// <summary>
/// The inclusion-proof check against audit paths computed straight from RFC 6962 §2.1.1's recursive definitions,
/// for every leaf of trees of 1 to 33 leaves (the mock log only ever makes one-leaf trees).
/// </summary>
public sealed class MerkleTreeTests
{
    private static byte[][] Leaves(int count) =>
        [.. Enumerable.Range(0, count).Select(i => System.Text.Encoding.UTF8.GetBytes($"entry {i}"))];

    // MTH(D[n]) = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n])), k the largest power of two below n.
    private static byte[] RootOf(ReadOnlySpan<byte[]> leaves)
    {
        if (leaves.Length == 1)
        {
            return MerkleTree.LeafHash(leaves[0]);
        }

        var k = SplitPoint(leaves.Length);
        return MerkleTree.NodeHash(RootOf(leaves[..k]), RootOf(leaves[k..]));
    }

    // PATH(m, D[n]) = PATH(m, D[0:k]) : MTH(D[k:n]) if m < k, else PATH(m - k, D[k:n]) : MTH(D[0:k]).
    private static List<ReadOnlyMemory<byte>> PathOf(int m, ReadOnlySpan<byte[]> leaves)
    {
        if (leaves.Length == 1)
        {
            return [];
        }

        var k = SplitPoint(leaves.Length);
        if (m < k)
        {
            var path = PathOf(m, leaves[..k]);
            path.Add(RootOf(leaves[k..]));
            return path;
        }
        else
        {
            var path = PathOf(m - k, leaves[k..]);
            path.Add(RootOf(leaves[..k]));
            return path;
        }
    }

    private static int SplitPoint(int n)
    {
        var k = 1;
        while (k * 2 < n)
        {
            k *= 2;
        }

        return k;
    }

    [Test]
    public void Every_leaf_of_every_tree_size_proves_its_root()
    {
        for (var size = 1; size <= 33; size++)
        {
            var leaves = Leaves(size);
            var root = RootOf(leaves);
            for (var index = 0; index < size; index++)
            {
                var computed = MerkleTree.RootFromInclusionProof(index, size, MerkleTree.LeafHash(leaves[index]), PathOf(index, leaves));
                Assert.That(computed, Is.EqualTo(root), $"leaf {index} of {size}");
            }
        }
    }

    [Test]
    public void A_flipped_path_hash_a_wrong_index_or_a_wrong_size_proves_another_root()
    {
        var leaves = Leaves(21);
        var root = RootOf(leaves);
        var path = PathOf(13, leaves);
        var leaf = MerkleTree.LeafHash(leaves[13]);

        for (var i = 0; i < path.Count; i++)
        {
            var flipped = path.Select(hash => hash.ToArray()).ToArray();
            flipped[i][7] ^= 0x01;
            Assert.That(MerkleTree.RootFromInclusionProof(13, 21, leaf, [.. flipped.Select(hash => (ReadOnlyMemory<byte>)hash)]), Is.Not.EqualTo(root));
        }

        Assert.Multiple(() =>
        {
            Assert.That(MerkleTree.RootFromInclusionProof(12, 21, leaf, path), Is.Not.EqualTo(root));
            Assert.That(MerkleTree.RootFromInclusionProof(13, 16, leaf, path), Is.Null, "path too long for the tree size");
            Assert.That(MerkleTree.RootFromInclusionProof(21, 21, leaf, path), Is.Null, "index beyond the tree");
            Assert.That(MerkleTree.RootFromInclusionProof(13, 21, leaf, path[..^1]), Is.Null, "path too short");
        });
    }
}
