using System.Collections.Concurrent;
using Faros.Registry.Metadata;

namespace Faros.Registry.Feed;

/// <summary>
/// Per-id views, built from the store on first read and dropped when <see cref="FeedChanges"/> says the id
/// changed. Reads that change only on push are therefore served from memory.
/// </summary>
public sealed class PackageViewCache
{
    private const int MaxIds = 20_000;
    private readonly ConcurrentDictionary<string, Lazy<Task<PackageIdView?>>> views = new(StringComparer.Ordinal);
    private readonly IPackageMetadataStore metadata;

    public PackageViewCache(IPackageMetadataStore metadata, FeedChanges changes)
    {
        this.metadata = metadata;
        changes.Changed += Invalidate;
    }

    public async Task<PackageIdView?> GetAsync(string lowerId, CancellationToken cancellationToken)
    {
        if (views.Count > MaxIds)
        {
            views.Clear();
        }

        var lazy = views.GetOrAdd(lowerId, id => new Lazy<Task<PackageIdView?>>(() => LoadAsync(id)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A failed load must not stick; the next read tries again.
            views.TryRemove(new KeyValuePair<string, Lazy<Task<PackageIdView?>>>(lowerId, lazy));
            throw;
        }
    }

    private void Invalidate(string? lowerId)
    {
        if (lowerId is null)
        {
            views.Clear();
        }
        else
        {
            views.TryRemove(lowerId, out _);
        }
    }

    private async Task<PackageIdView?> LoadAsync(string lowerId)
    {
        var id = await metadata.FindIdAsync(lowerId, CancellationToken.None);
        if (id is null)
        {
            return null;
        }

        var versions = await metadata.FindVersionsAsync(lowerId, CancellationToken.None);
        return versions.Count == 0 ? null : new PackageIdView(id, versions);
    }
}
