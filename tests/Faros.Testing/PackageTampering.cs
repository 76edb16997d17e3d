using System.Buffers.Binary;

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
}
