namespace Faros.Registry.Feed;

/// <summary>
/// Tells the read caches that a package id changed (push, listing, deprecation, delete), so precomputed
/// documents for it are rebuilt on the next read. A null id means "anything may have changed". Changes made
/// here are also broadcast to the other instances that share the database.
/// </summary>
public sealed class FeedChanges(IFeedChangeBroadcaster broadcaster)
{
    private long generation;

    public event Action<string?>? Changed;

    /// <summary>Bumped on every change; caches of cross-id results (search) compare it.</summary>
    public long Generation => Volatile.Read(ref generation);

    /// <summary>A change made by this instance: applied here, then told to the others.</summary>
    public async Task PublishAsync(string? lowerId)
    {
        PublishLocal(lowerId);
        await broadcaster.BroadcastAsync(FeedChangeMessage.ForId(lowerId));
    }

    /// <summary>Only counters changed (downloads): cross-id results go stale, per-id documents do not.</summary>
    public async Task PublishCountsChangedAsync()
    {
        PublishCountsChangedLocal();
        await broadcaster.BroadcastAsync(FeedChangeMessage.Counts);
    }

    /// <summary>Applies a change another instance made.</summary>
    public void Apply(string message)
    {
        if (message == FeedChangeMessage.Counts)
        {
            PublishCountsChangedLocal();
        }
        else
        {
            PublishLocal(FeedChangeMessage.IdOf(message));
        }
    }

    private void PublishCountsChangedLocal() => Interlocked.Increment(ref generation);

    private void PublishLocal(string? lowerId)
    {
        Interlocked.Increment(ref generation);
        Changed?.Invoke(lowerId);
    }
}
