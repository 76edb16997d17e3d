namespace Faros.Registry.Feed;

/// <summary>
/// Tells the read caches that a package id changed (push, listing, deprecation, delete), so precomputed
/// documents for it are rebuilt on the next read. A null id means "anything may have changed".
/// </summary>
public sealed class FeedChanges
{
    private long generation;

    public event Action<string?>? Changed;

    /// <summary>Bumped on every change; caches of cross-id results (search) compare it.</summary>
    public long Generation => Volatile.Read(ref generation);

    /// <summary>Only counters changed (downloads): cross-id results go stale, per-id documents do not.</summary>
    public void PublishCountsChanged() => Interlocked.Increment(ref generation);

    public void Publish(string? lowerId)
    {
        Interlocked.Increment(ref generation);
        Changed?.Invoke(lowerId);
    }
}
