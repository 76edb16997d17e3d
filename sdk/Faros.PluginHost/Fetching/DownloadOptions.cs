using Faros.Sdk.Reconciliation;

namespace Faros.PluginHost.Fetching;

/// <summary>Retry and progress settings of <see cref="PackageDownloader"/>.</summary>
public sealed record DownloadOptions
{
    /// <summary>Requests per file before giving up (a 404 is not retried).</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Delay between attempts.</summary>
    public ExponentialBackoff Backoff { get; init; } = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30));

    /// <summary>Longest silence from the server before an attempt is abandoned (and resumed by the next).</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often a running download logs its progress.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Throws naming the first bad setting.</summary>
    public void Validate()
    {
        if (MaxAttempts < 1)
        {
            throw new ArgumentException($"Download MaxAttempts must be at least 1 (was {MaxAttempts}).");
        }

        if (StallTimeout <= TimeSpan.Zero || ProgressInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException("Download StallTimeout and ProgressInterval must be positive.");
        }
    }
}
