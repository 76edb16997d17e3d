using System.Buffers.Binary;
using System.IO.Compression;

namespace Faros.Testing;

/// <summary>Alters a package the way an attacker in the middle would, keeping it a readable zip.</summary>
public static class PackageTampering
{
    /// <summary>A copy with the first byte of the first entry's data flipped (past its local header).</summary>
    public static byte[] FlipFirstContentByte(byte[] nupkg)
    {
        var copy = (byte[])nupkg.Clone();
        var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(copy.AsSpan(26));
        var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(copy.AsSpan(28));
        copy[30 + nameLength + extraLength] ^= 0x01;
        return copy;
    }

    /// <summary>
    /// A copy with one byte flipped near the end of .signature.p7s, inside the signature value. NuGet stores that entry
    /// uncompressed, so its bytes appear in the file as they are.
    /// </summary>
    public static byte[] FlipSignatureByte(byte[] nupkg)
    {
        byte[] signature;
        using (var archive = new ZipArchive(new MemoryStream(nupkg), ZipArchiveMode.Read))
        {
            var entry = archive.GetEntry(".signature.p7s") ?? throw new ArgumentException("The package is not signed.", nameof(nupkg));
            using var content = entry.Open();
            using var buffer = new MemoryStream();
            content.CopyTo(buffer);
            signature = buffer.ToArray();
        }

        var start = nupkg.AsSpan().IndexOf(signature);
        var copy = (byte[])nupkg.Clone();
        copy[start + signature.Length - 16] ^= 0x01;
        return copy;
    }
}
