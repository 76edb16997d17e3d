using System.Buffers.Binary;

namespace Faros.Signing.Sigstore.Certificates;

/// <summary>Reads RFC 5246 presentation-language structures (big-endian integers, length-prefixed vectors).</summary>
internal sealed class TlsReader(byte[] data)
{
    private int _position;

    public bool AtEnd => _position >= data.Length;

    public byte Byte() => Bytes(1)[0];

    public ulong UInt64() => BinaryPrimitives.ReadUInt64BigEndian(Bytes(8));

    public byte[] Vector(int lengthBytes)
    {
        var length = 0;
        foreach (var b in Bytes(lengthBytes))
        {
            length = (length << 8) | b;
        }

        return Bytes(length);
    }

    public byte[] Bytes(int count)
    {
        if (count < 0 || _position + count > data.Length)
        {
            throw new FormatException($"A TLS structure needs {count} bytes at offset {_position}, only {data.Length - _position} remain.");
        }

        var bytes = data.AsSpan(_position, count).ToArray();
        _position += count;
        return bytes;
    }
}
