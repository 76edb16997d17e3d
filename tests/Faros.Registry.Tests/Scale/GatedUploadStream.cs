namespace Faros.Registry.Tests.Scale;

/// <summary>
/// Serves bytes to an upload until a gate, then reports that the gate was reached and blocks until released:
/// a push that is provably half-way through when the test acts.
/// </summary>
public sealed class GatedUploadStream(byte[] data, int gateAt) : Stream
{
    private readonly TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int position;

    public Task GateReached => reached.Task;

    public void Release() => released.TrySetResult();

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => data.Length;
    public override long Position { get => position; set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (position >= gateAt)
        {
            reached.TrySetResult();
            await released.Task.WaitAsync(cancellationToken);
        }

        var limit = position < gateAt ? gateAt : data.Length;
        var count = Math.Min(buffer.Length, limit - position);
        data.AsMemory(position, count).CopyTo(buffer);
        position += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
