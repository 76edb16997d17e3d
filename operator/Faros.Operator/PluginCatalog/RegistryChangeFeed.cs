using System.Text.Json;
using Faros.Operator.Controllers;
using Faros.Sdk.Reconciliation;
using Microsoft.Extensions.Logging;

namespace Faros.Operator.PluginCatalog;

/// <summary>
/// Long-polls the registry's change feed (FarosPackageChanges/1.0.0), so a push, unlist or delete reaches the
/// catalog within about a second instead of at the next re-resolve: it drops the catalog's cached answers for
/// the changed packages and raises <see cref="Changed"/> so their users are reconciled again. A registry that
/// does not offer the feed leaves the re-resolve interval in charge (said once); one that is down is polled
/// again with backoff, resuming from the last cursor so no change is lost. Runs beside the reconcilers and
/// never holds them up.
/// </summary>
public sealed class RegistryChangeFeed : IController
{
    public const string ResourceType = "FarosPackageChanges/1.0.0";

    /// <summary>How long one request waits for a change; the registry caps it at 55 s.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(25);

    /// <summary>Above <see cref="Wait"/>, so only a registry that stopped answering times a request out.</summary>
    public static readonly TimeSpan RequestTimeout = Wait + TimeSpan.FromSeconds(30);

    /// <summary>
    /// When a change is reported again. Another registry instance (behind the same load balancer) can still serve
    /// its cached documents for the few milliseconds before it hears of the change; the second look settles that.
    /// </summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(60);

    private readonly RegistryCatalog _catalog;
    private readonly HttpClient _http;
    private readonly TimeSpan _rediscoverEvery;
    private readonly ILogger<RegistryChangeFeed> _logger;

    /// <param name="rediscoverEvery">How often a registry without the feed is asked again (it may be upgraded).</param>
    public RegistryChangeFeed(RegistryCatalog catalog, HttpClient http, TimeSpan rediscoverEvery, ILogger<RegistryChangeFeed> logger)
    {
        _catalog = catalog;
        _http = http;
        _rediscoverEvery = rediscoverEvery;
        _logger = logger;
    }

    /// <summary>Raised after the catalog forgot the changed packages.</summary>
    public event Action<PackageChanges>? Changed;

    public ResourceKind Kind { get; } = new("", "v3", "FarosPackageChanges", "changes");

    /// <summary>Whether the feed answered last time.</summary>
    public bool IsListening { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ListenAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped leading or shutting down.
        }
    }

    private async Task ListenAsync(CancellationToken cancellationToken)
    {
        Uri? feed = null;
        string? cursor = null;
        var retry = FirstRetry;
        var saidUnsupported = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                feed ??= await _catalog.FindResourceAsync(ResourceType, cancellationToken);
                if (feed is null)
                {
                    if (!saidUnsupported)
                    {
                        _logger.LogInformation("Registry {ServiceIndex} offers no {ResourceType}; new versions reach Agents at the re-resolve interval ({Interval})",
                            _catalog.ServiceIndex, ResourceType, _rediscoverEvery);
                        saidUnsupported = true;
                    }

                    await Task.Delay(_rediscoverEvery, cancellationToken);
                    continue;
                }

                var answer = await ReadAsync(feed, cursor, cancellationToken);
                if (!IsListening)
                {
                    _logger.LogInformation("Listening to package changes at {ChangeFeed}", feed);
                    IsListening = true;
                }

                retry = FirstRetry;
                // The first answer (no cursor yet) only says where the feed is; what changed before it is unknown.
                var everything = cursor is null || answer.Reset;
                cursor = answer.Cursor;
                if (everything || answer.Ids.Count > 0)
                {
                    var changes = new PackageChanges(answer.Ids, everything);
                    Publish(changes);
                    if (!everything)
                    {
                        _ = PublishAgainAsync(changes, cancellationToken);
                    }
                }
            }
            catch (Exception failure) when (!cancellationToken.IsCancellationRequested && failure is HttpRequestException or TaskCanceledException or JsonException or RegistryUnavailableException or KeyNotFoundException or InvalidOperationException)
            {
                if (IsListening || retry == FirstRetry)
                {
                    _logger.LogWarning("Package change feed of {ServiceIndex} failed, retrying in {Delay}: {Error}", _catalog.ServiceIndex, retry, failure.Message);
                }

                IsListening = false;
                feed = null;
                await Task.Delay(retry, cancellationToken);
                retry = retry * 2 > LastRetry ? LastRetry : retry * 2;
            }
        }
    }

    private void Publish(PackageChanges changes)
    {
        if (changes.Everything)
        {
            _catalog.InvalidateAll();
        }
        else
        {
            _catalog.Invalidate(changes.Ids);
        }

        _logger.LogDebug("Registry reported changes of {Packages}", changes.Everything ? "every package" : string.Join(", ", changes.Ids));
        Changed?.Invoke(changes);
    }

    private async Task PublishAgainAsync(PackageChanges changes, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Settle, cancellationToken);
            Publish(changes);
        }
        catch (OperationCanceledException)
        {
            // Stopped meanwhile.
        }
    }

    private async Task<(string Cursor, IReadOnlySet<string> Ids, bool Reset)> ReadAsync(Uri feed, string? cursor, CancellationToken cancellationToken)
    {
        var url = cursor is null ? feed.AbsoluteUri : $"{feed.AbsoluteUri}?cursor={Uri.EscapeDataString(cursor)}&wait={(int)Wait.TotalSeconds}";
        using var response = await _http.GetAsync(url, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            // A cursor the registry refuses (its database was replaced) is dropped: start over from now.
            if ((int)response.StatusCode == 400)
            {
                return (await ReadAsync(feed, null, cancellationToken)) with { Reset = true };
            }

            response.EnsureSuccessStatusCode();
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var json = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        var root = json.RootElement;
        var ids = root.GetProperty("ids").EnumerateArray().Select(id => id.GetString()!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return (root.GetProperty("cursor").GetString()!, ids, root.TryGetProperty("reset", out var reset) && reset.GetBoolean());
    }
}
