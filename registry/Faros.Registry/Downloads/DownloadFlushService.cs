using Faros.Registry.Feed;
using Faros.Registry.Hosting;
using Faros.Registry.Metadata;
using Microsoft.Extensions.Options;

namespace Faros.Registry.Downloads;

/// <summary>Writes the aggregated download counts on an interval and once more at shutdown.</summary>
public sealed class DownloadFlushService(
    DownloadCounter counter,
    IPackageMetadataStore metadata,
    FeedChanges changes,
    IOptions<RegistryOptions> options,
    ILogger<DownloadFlushService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.DownloadFlushInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync();
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down; the final flush follows.
        }

        await FlushAsync();
    }

    private async Task FlushAsync()
    {
        var counts = counter.Drain();
        if (counts.Count == 0)
        {
            return;
        }

        try
        {
            await metadata.AddDownloadsAsync(counts, CancellationToken.None);
            await changes.PublishCountsChangedAsync();
        }
        catch (Exception exception)
        {
            counter.Restore(counts);
            logger.LogWarning(exception, "Could not write {PackageCount} download counters; they are kept for the next flush", counts.Count);
        }
    }
}
