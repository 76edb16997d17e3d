using System.Collections.Concurrent;

namespace Faros.Registry.Downloads;

/// <summary>
/// Counts downloads in memory; <see cref="DownloadFlushService"/> adds them to the store in one transaction
/// per interval, so a download never waits on a database write.
/// </summary>
public sealed class DownloadCounter
{
    private ConcurrentDictionary<long, long> pending = new();

    public void Record(long packageKey) => pending.AddOrUpdate(packageKey, 1, static (_, count) => count + 1);

    /// <summary>Takes what was counted since the last call.</summary>
    public IReadOnlyDictionary<long, long> Drain() => Interlocked.Exchange(ref pending, new ConcurrentDictionary<long, long>());

    /// <summary>Puts counts back after a failed flush so none are lost.</summary>
    public void Restore(IReadOnlyDictionary<long, long> counts)
    {
        foreach (var (key, count) in counts)
        {
            pending.AddOrUpdate(key, count, (_, existing) => existing + count);
        }
    }
}
