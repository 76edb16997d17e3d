using System.Net;

namespace Faros.Cli.Registry;

/// <summary>
/// A request body read from a stream in chunks as the connection takes them, never buffered whole, reporting the bytes
/// sent. Its length is known, so the request carries a Content-Length and the server can refuse an oversized push early.
/// </summary>
public sealed class UploadContent(Stream source, Action<long> sent) : HttpContent
{
    private const int ChunkSize = 81920;

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        source.Position = 0;
        var buffer = new byte[ChunkSize];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            total += read;
            sent(total);
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = source.Length;
        return true;
    }
}
