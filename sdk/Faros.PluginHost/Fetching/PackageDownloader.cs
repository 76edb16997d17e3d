using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace Faros.PluginHost.Fetching;

/// <summary>
/// Downloads one file over HTTP into <c>destination</c> by way of <c>destination.partial</c>: transient
/// failures are retried with exponential backoff, and each retry (or a later run) resumes the partial file
/// with an HTTP Range request instead of starting over. The final name appears only when the file is complete.
/// </summary>
public sealed class PackageDownloader(HttpClient http, DownloadOptions options, ILogger<PackageDownloader> logger)
{
    private const string PartialSuffix = ".partial";
    private const int BufferSize = 81920;

    /// <summary>Downloads <paramref name="url"/>; a 404 fails at once.</summary>
    /// <exception cref="PluginFetchException">Not found, a permanent HTTP error, or every attempt failed.</exception>
    public async Task<DownloadResult> DownloadAsync(Uri url, string destination, CancellationToken cancellationToken) =>
        await DownloadCoreAsync(url, destination, optional: false, cancellationToken).ConfigureAwait(false)
        ?? throw new UnreachableException();

    /// <summary>Downloads <paramref name="url"/> if the server has it; null on 404.</summary>
    public Task<DownloadResult?> DownloadIfPresentAsync(Uri url, string destination, CancellationToken cancellationToken) =>
        DownloadCoreAsync(url, destination, optional: true, cancellationToken);

    private async Task<DownloadResult?> DownloadCoreAsync(Uri url, string destination, bool optional, CancellationToken cancellationToken)
    {
        var partial = destination + PartialSuffix;
        var resumedFrom = File.Exists(partial) ? new FileInfo(partial).Length : 0;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var length = await AttemptAsync(url, partial, optional, cancellationToken).ConfigureAwait(false);
                if (length is null)
                {
                    return null;
                }

                File.Move(partial, destination, overwrite: true);
                logger.LogInformation("Downloaded {Url} ({Bytes} bytes, {Attempts} attempt(s), resumed from byte {ResumedFrom})", url, length, attempt, resumedFrom);
                return new DownloadResult(length.Value, resumedFrom, attempt);
            }
            catch (Exception ex) when (IsTransient(ex, cancellationToken))
            {
                if (attempt >= options.MaxAttempts)
                {
                    throw new PluginFetchException($"Downloading {url} failed after {attempt} attempts: {ex.Message}", attempt, ex);
                }

                var delay = options.Backoff.DelayAfter(attempt);
                logger.LogWarning("Downloading {Url} failed (attempt {Attempt} of {MaxAttempts}): {Error}; retrying in {Delay}", url, attempt, options.MaxAttempts, ex.Message, delay);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
            catch (PluginFetchException ex) when (ex.Attempts == 0)
            {
                throw new PluginFetchException(ex.Message, attempt, ex.InnerException);
            }
        }
    }

    /// <returns>The complete length, or null when an optional file is absent.</returns>
    private async Task<long?> AttemptAsync(Uri url, string partial, bool optional, CancellationToken cancellationToken)
    {
        var offset = File.Exists(partial) ? new FileInfo(partial).Length : 0;
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stall.CancelAfter(options.StallTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (offset > 0)
        {
            request.Headers.Range = new RangeHeaderValue(offset, null);
            logger.LogInformation("Resuming {Url} from byte {Offset}", url, offset);
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stall.Token).ConfigureAwait(false);
        switch (response.StatusCode)
        {
            case HttpStatusCode.NotFound when optional:
                return null;
            case HttpStatusCode.NotFound:
                throw new PluginFetchException($"{url} answered 404: the registry does not have this package. Fix: check that the resolved version was not deleted.", attempts: 0);
            case HttpStatusCode.RequestedRangeNotSatisfiable:
                // The partial file is longer than the resource: not a prefix of it. Start over.
                File.Delete(partial);
                throw new HttpRequestException($"{url} refused to resume from byte {offset}; starting over.");
            case >= HttpStatusCode.InternalServerError or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests:
                throw new HttpRequestException($"{url} answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
            case var status when !response.IsSuccessStatusCode:
                throw new PluginFetchException($"{url} answered {(int)status} {response.ReasonPhrase}.", attempts: 0);
        }

        var resuming = offset > 0 && response.StatusCode == HttpStatusCode.PartialContent;
        var total = resuming
            ? response.Content.Headers.ContentRange?.Length
            : response.Content.Headers.ContentLength;
        await using var source = await response.Content.ReadAsStreamAsync(stall.Token).ConfigureAwait(false);
        await using var target = new FileStream(partial, resuming ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous);
        var written = resuming ? offset : 0;
        var buffer = new byte[BufferSize];
        var progress = Stopwatch.StartNew();
        int read;
        while ((read = await source.ReadAsync(buffer, stall.Token).ConfigureAwait(false)) > 0)
        {
            stall.CancelAfter(options.StallTimeout);
            await target.WriteAsync(buffer.AsMemory(0, read), stall.Token).ConfigureAwait(false);
            written += read;
            if (progress.Elapsed >= options.ProgressInterval)
            {
                logger.LogInformation("Downloading {Url}: {Bytes} of {Total} bytes", url, written, total?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?");
                progress.Restart();
            }
        }

        await target.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (total is not null && written != total)
        {
            throw new IOException($"{url} ended after {written} of {total} bytes.");
        }

        return written;
    }

    private static bool IsTransient(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        PluginFetchException => false,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        HttpRequestException or IOException => true,
        _ => false,
    };
}
