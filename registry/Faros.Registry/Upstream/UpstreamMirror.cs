using System.Collections.Concurrent;
using Faros.Registry.Hosting;
using Faros.Registry.Packages;
using Microsoft.Extensions.Options;
using NuGet.Protocol.Core.Types;
using NuGet.Versioning;

namespace Faros.Registry.Upstream;

/// <summary>
/// The read-through cache over upstream feeds: merges an upstream's versions into the local version list,
/// fetches a package once on first download and keeps it, and adds upstream hits to search.
/// Ids that no upstream serves never leave this process.
/// </summary>
public sealed class UpstreamMirror
{
    private readonly IReadOnlyList<UpstreamFeed> feeds;
    private readonly PackageIngestion ingestion;
    private readonly IOptions<RegistryOptions> registryOptions;
    private readonly TimeSpan cacheDuration;
    private readonly TimeProvider time;
    private readonly ILogger<UpstreamMirror> logger;
    private readonly ConcurrentDictionary<string, (DateTimeOffset Expires, IReadOnlyList<NuGetVersion> Versions)> versionLists = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Lazy<Task<bool>>> fetches = new(StringComparer.OrdinalIgnoreCase);

    public UpstreamMirror(IOptions<UpstreamOptions> options, PackageIngestion ingestion, IOptions<RegistryOptions> registryOptions, TimeProvider time, ILogger<UpstreamMirror> logger)
    {
        feeds = options.Value.Sources.Select(source => new UpstreamFeed(source)).ToList();
        cacheDuration = options.Value.CacheDuration;
        this.ingestion = ingestion;
        this.registryOptions = registryOptions;
        this.time = time;
        this.logger = logger;
    }

    public bool IsConfigured => feeds.Count > 0;

    public bool SearchesUpstream => feeds.Any(feed => feed.IncludeInSearch);

    public UpstreamFeed? FeedFor(string packageId) => feeds.FirstOrDefault(feed => feed.Serves(packageId));

    /// <summary>The upstream's versions of an id, or none when no upstream serves it or the upstream cannot be reached.</summary>
    public async Task<IReadOnlyList<NuGetVersion>> VersionsAsync(string id, CancellationToken cancellationToken)
    {
        if (FeedFor(id) is not { } feed)
        {
            return [];
        }

        var now = time.GetUtcNow();
        if (versionLists.TryGetValue(id, out var cached) && cached.Expires > now)
        {
            return cached.Versions;
        }

        try
        {
            var versions = await feed.GetVersionsAsync(id, cancellationToken);
            versionLists[id] = (now + cacheDuration, versions);
            return versions;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Local versions still answer; an unreachable upstream only hides what it would add.
            logger.LogWarning(exception, "Upstream {Upstream} did not answer for the versions of {PackageId}", feed.Name, id);
            return cached.Versions ?? [];
        }
    }

    /// <summary>Fetches a version from its upstream and stores it locally; true when it is now stored.</summary>
    public Task<bool> FetchAsync(string id, NuGetVersion version, CancellationToken cancellationToken)
    {
        var key = $"{id}/{version.ToNormalizedString()}";
        var fetch = fetches.GetOrAdd(key, _ => new Lazy<Task<bool>>(() => FetchOnceAsync(id, version)));
        return fetch.Value.WaitAsync(cancellationToken).ContinueWith(task =>
        {
            fetches.TryRemove(new KeyValuePair<string, Lazy<Task<bool>>>(key, fetch));
            return task.IsCompletedSuccessfully && task.Result;
        }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    public async Task<IReadOnlyList<(UpstreamFeed Feed, IPackageSearchMetadata Hit)>> SearchAsync(
        string text, bool includePrerelease, int skip, int take, CancellationToken cancellationToken)
    {
        var hits = new List<(UpstreamFeed, IPackageSearchMetadata)>();
        foreach (var feed in feeds.Where(feed => feed.IncludeInSearch))
        {
            try
            {
                hits.AddRange((await feed.SearchAsync(text, includePrerelease, skip, take, cancellationToken))
                    .Where(hit => feed.Serves(hit.Identity.Id))
                    .Select(hit => (feed, hit)));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Upstream {Upstream} did not answer a search", feed.Name);
            }
        }

        return hits;
    }

    private async Task<bool> FetchOnceAsync(string id, NuGetVersion version)
    {
        if (FeedFor(id) is not { } feed)
        {
            return false;
        }

        Directory.CreateDirectory(registryOptions.Value.UploadsPath);
        var path = Path.Combine(registryOptions.Value.UploadsPath, Guid.NewGuid().ToString("N") + ".upstream");
        try
        {
            long length;
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                if (!await feed.DownloadAsync(id, version, file, CancellationToken.None))
                {
                    return false;
                }

                length = file.Length;
            }

            using var upload = new UploadedFile(path, clientFileName: null, length);
            var outcome = await ingestion.MirrorAsync(upload, feed.Owner, CancellationToken.None);
            if (outcome.Status is PushStatus.Created or PushStatus.Duplicate)
            {
                logger.LogInformation("Mirrored {PackageId} {PackageVersion} from upstream {Upstream}", id, version, feed.Name);
                return true;
            }

            logger.LogWarning("Upstream {Upstream} served {PackageId} {PackageVersion}, which was refused: {Reason}", feed.Name, id, version, outcome.Message);
            return false;
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Could not mirror {PackageId} {PackageVersion} from upstream {Upstream}", id, version, feed.Name);
            return false;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
