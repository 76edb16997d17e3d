using System.IO.Compression;
using System.Security.Cryptography;

namespace Faros.Registry.Feed;

/// <summary>A JSON response computed once: its bytes, a gzip copy, and a strong ETag over the content.</summary>
public sealed class CachedDocument
{
    private byte[]? gzip;

    public CachedDocument(byte[] body)
    {
        Body = body;
        ETag = "\"" + Convert.ToHexString(SHA256.HashData(body), 0, 12).ToLowerInvariant() + "\"";
    }

    public byte[] Body { get; }
    public string ETag { get; }

    /// <summary>Compressed on first use; documents that nobody asks gzip for never pay for it.</summary>
    public byte[] Gzip => gzip ??= Compress(Body);

    public static CachedDocument FromJson(Action<System.Text.Json.Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            write(json);
        }

        return new CachedDocument(buffer.WrittenSpan.ToArray());
    }

    private static byte[] Compress(byte[] body)
    {
        using var output = new MemoryStream();
        using (var zip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            zip.Write(body);
        }

        return output.ToArray();
    }
}
