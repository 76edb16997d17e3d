using Faros.Registry.Metadata;

namespace Faros.Registry.Feed;

/// <summary>
/// The change feed behind GET v3/changes: which package ids changed after a cursor. The database's change log
/// is the truth (so a cursor works on every instance sharing it); a local or broadcast change only ends a
/// long poll early, and a poll that missed its wake-up still reads the log when its wait ends.
/// </summary>
public sealed class PackageChangeFeed(IPackageMetadataStore metadata, ChangeSignal signal, IHostApplicationLifetime lifetime)
{
    /// <summary>The longest a request waits; below common proxies' 60 s idle timeouts.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(55);

    /// <summary>Changes read per answer; a client that is further behind gets the rest at once on its next call.</summary>
    public const int PageSize = 1000;

    /// <summary>Where the feed is now: a client starting without a cursor sees only changes after this.</summary>
    public async Task<ChangeFeedPage> CurrentAsync(CancellationToken cancellationToken)
    {
        var page = await metadata.ReadChangesAsync(long.MaxValue, 1, cancellationToken);
        return new ChangeFeedPage(new ChangeCursor(page.Latest), [], Reset: false);
    }

    /// <summary>
    /// The ids changed after <paramref name="cursor"/>; when there are none, waits up to <paramref name="wait"/>
    /// (capped at <see cref="MaxWait"/>) for one. Ends early, empty, when the registry shuts down.
    /// </summary>
    public async Task<ChangeFeedPage> ReadAsync(ChangeCursor cursor, TimeSpan wait, CancellationToken cancellationToken)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        var deadline = DateTimeOffset.UtcNow + (wait > MaxWait ? MaxWait : wait);
        while (true)
        {
            // Taken before reading, so a change committed after the read still wakes this wait.
            var changed = signal.Next;
            var page = await metadata.ReadChangesAsync(cursor.Sequence, PageSize, cancellationToken);
            if (page.Latest < cursor.Sequence || page.Oldest > cursor.Sequence + 1)
            {
                // A cursor from the future (the database was replaced or restored), or one so old that the changes
                // after it were dropped from the log: everything may have changed.
                return new ChangeFeedPage(new ChangeCursor(page.Latest), [], Reset: true);
            }

            var remaining = deadline - DateTimeOffset.UtcNow;
            if (page.Changes.Count > 0 || remaining <= TimeSpan.Zero || stopping.IsCancellationRequested)
            {
                var next = page.Changes.Count > 0 ? new ChangeCursor(page.Changes[^1].Sequence) : cursor;
                var ids = page.Changes.Select(change => change.LowerId).Distinct(StringComparer.Ordinal).ToList();
                return new ChangeFeedPage(next, ids, Reset: false);
            }

            await WaitAsync(changed, remaining, stopping.Token);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private static async Task WaitAsync(Task changed, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, timer.Token);
        await Task.WhenAny(changed, delay);
        await timer.CancelAsync();
    }
}
