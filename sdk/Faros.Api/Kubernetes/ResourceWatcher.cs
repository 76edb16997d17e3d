using System.Collections.Concurrent;
using System.Net;
using Faros.Sdk.Reconciliation;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Faros.Api.Kubernetes;

/// <summary>
/// Keeps a cache of every <typeparamref name="T"/> current and reports each changed key: list, then watch from
/// the list's resourceVersion with bookmarks, resuming from the last seen version after each bounded watch;
/// list again when the server answers 410 Gone (the version was compacted away); reconnect with backoff while the
/// server is unreachable. The operator's controllers and the agent (which may only see its own objects, hence
/// <see cref="WatchSettings.FieldSelector"/>) share this one loop.
/// </summary>
public sealed class ResourceWatcher<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly IListWatch<T> _resources;
    private readonly WatchSettings _settings;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<ObjectKey, T> _cache = new();
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lists;
    private long _watches;

    private readonly Func<T, T, bool> _isNews;
    private readonly ExponentialBackoff _reconnect;
    private readonly TimeProvider _time;

    /// <summary>400 ms doubling to 30 s between reconnects after failures.</summary>
    public static ExponentialBackoff DefaultReconnect { get; } = new(TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(30));

    /// <param name="isNews">Whether a modification (before, after) is reported; by default spec and metadata changes are, status-only ones not.</param>
    /// <param name="reconnect">Delay before listing or watching again after consecutive failures; <see cref="DefaultReconnect"/> when null.</param>
    /// <param name="time">Clock of the reconnect delays.</param>
    public ResourceWatcher(IListWatch<T> resources, WatchSettings settings, ILogger logger, Func<T, T, bool>? isNews = null, ExponentialBackoff? reconnect = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(logger);
        _isNews = isNews ?? SpecOrMetadataChanged;
        _resources = resources;
        _settings = settings;
        _logger = logger;
        _reconnect = reconnect ?? DefaultReconnect;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>A modification test that reports every change, status-only ones included.</summary>
    public static bool AnyChange(T before, T after) => true;

    /// <summary>Raised after each full list (the first and one per 410 Gone): changes may have been missed meanwhile.</summary>
    public event Action? Listed;

    /// <summary>Raised for each key whose object was added, changed or deleted (also for every key on a list).</summary>
    public event Action<ObjectKey>? Changed;

    /// <summary>Completes after the first full list.</summary>
    public Task Synced => _synced.Task;

    /// <summary>Full lists done so far (1 + one per 410 Gone).</summary>
    public long Lists => Interlocked.Read(ref _lists);

    /// <summary>Watch requests started so far.</summary>
    public long Watches => Interlocked.Read(ref _watches);

    /// <summary>The last resourceVersion seen, from a list, an event or a bookmark.</summary>
    public string? ResourceVersion { get; private set; }

    /// <summary>
    /// Starts by watching from <paramref name="resourceVersion"/> instead of listing, as a process that remembered
    /// its version would (tests use it with an expired version to provoke 410 Gone). Call before <see cref="RunAsync"/>.
    /// </summary>
    public void ResumeFrom(string resourceVersion) => ResourceVersion = resourceVersion;

    /// <summary>The cached object, or null when it does not exist (as of the last event).</summary>
    public T? Find(ObjectKey key) => _cache.TryGetValue(key, out var value) ? value : null;

    /// <summary>Every cached object.</summary>
    public IReadOnlyCollection<T> Snapshot() => _cache.Values.ToList();

    /// <summary>Replaces the cached object with a newer one (e.g. what an update returned).</summary>
    public void Remember(T resource)
    {
        var key = ObjectKey.Of(resource);
        _cache.AddOrUpdate(key, resource, (_, existing) => IsNewer(resource, existing) ? resource : existing);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (ResourceVersion is null)
                {
                    await ListAsync(cancellationToken).ConfigureAwait(false);
                }

                await WatchOnceAsync(cancellationToken).ConfigureAwait(false);
                failures = 0;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (IsGone(exception))
            {
                _logger.LogInformation("Watch of {Kind} from resourceVersion {ResourceVersion} expired (410 Gone); listing again", _resources.Description, ResourceVersion);
                ResourceVersion = null;
            }
            catch (Exception exception)
            {
                failures++;
                var delay = _reconnect.DelayAfter(failures);
                _logger.LogWarning("Watching {Kind} failed ({Error}, {Failures} in a row); retrying in {Delay}", _resources.Description, exception.Message, failures, delay);
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task ListAsync(CancellationToken cancellationToken)
    {
        var seen = new HashSet<ObjectKey>();
        string? continueToken = null;
        string? version;
        do
        {
            var page = await _resources.ListPageAsync(_settings.Namespace, _settings.PageSize, continueToken, cancellationToken, _settings.FieldSelector).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                var key = ObjectKey.Of(item);
                seen.Add(key);
                _cache[key] = item;
            }

            continueToken = page.Metadata.ContinueProperty;
            version = page.Metadata.ResourceVersion;
        }
        while (!string.IsNullOrEmpty(continueToken));

        // Deletions missed while not watching show up as keys the list no longer has.
        foreach (var gone in _cache.Keys.Where(key => !seen.Contains(key)).ToList())
        {
            _cache.TryRemove(gone, out _);
            seen.Add(gone);
        }

        Interlocked.Increment(ref _lists);
        ResourceVersion = version;
        _logger.LogDebug("Listed {Count} {Kind} at resourceVersion {ResourceVersion}", _cache.Count, _resources.Description, version);
        _synced.TrySetResult();
        foreach (var key in seen)
        {
            Changed?.Invoke(key);
        }

        Listed?.Invoke();
    }

    private async Task WatchOnceAsync(CancellationToken cancellationToken)
    {
        var timeout = _settings.Timeout * (1 + Random.Shared.NextDouble());
        using var silence = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var allowedSilence = timeout + TimeSpan.FromSeconds(Math.Max(5, _settings.Timeout.TotalSeconds / 5));
        silence.CancelAfter(allowedSilence);
        Exception? error = null;
        Interlocked.Increment(ref _watches);
        try
        {
            await foreach (var (type, item) in _resources.WatchAsync(_settings.Namespace, ResourceVersion!, (int)Math.Ceiling(timeout.TotalSeconds), e => error ??= e, silence.Token, _settings.FieldSelector).ConfigureAwait(false))
            {
                silence.CancelAfter(allowedSilence);
                Apply(type, item);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning("Watch of {Kind} was silent for {Silence}; reconnecting", _resources.Description, allowedSilence);
            return;
        }

        if (error is not null)
        {
            throw error;
        }
    }

    private void Apply(WatchEventType type, T item)
    {
        ResourceVersion = item.Metadata?.ResourceVersion ?? ResourceVersion;
        if (type == WatchEventType.Bookmark || item.Metadata?.Name is null)
        {
            return;
        }

        var key = ObjectKey.Of(item);
        if (type == WatchEventType.Deleted)
        {
            _cache.TryRemove(key, out _);
        }
        else
        {
            // Status changes (the controller's own writes, a device's reports) are not news to a level-based
            // reconciler, which reads status only to carry it over; spec and metadata changes are.
            var statusOnly = _cache.TryGetValue(key, out var cached) && !_isNews(cached, item);
            _cache[key] = item;
            if (statusOnly)
            {
                return;
            }
        }

        Changed?.Invoke(key);
    }

    private static bool IsGone(Exception exception) => exception switch
    {
        KubernetesException kubernetes => kubernetes.Status?.Code == (int)HttpStatusCode.Gone,
        HttpOperationException http => http.Response.StatusCode == HttpStatusCode.Gone,
        _ => false,
    };

    private static bool SpecOrMetadataChanged(T before, T after)
    {
        var a = before.Metadata;
        var b = after.Metadata;
        return a.Generation != b.Generation
            || a.DeletionTimestamp != b.DeletionTimestamp
            || !SameItems(a.Finalizers, b.Finalizers)
            || !SameItems(a.Labels, b.Labels)
            || !SameItems(a.Annotations, b.Annotations);
    }

    private static bool SameItems<TItem>(IEnumerable<TItem>? a, IEnumerable<TItem>? b) =>
        (a ?? []).SequenceEqual(b ?? []);

    private static bool IsNewer(T candidate, T existing) =>
        long.TryParse(candidate.Metadata.ResourceVersion, out var a) && long.TryParse(existing.Metadata.ResourceVersion, out var b) ? a >= b : true;
}
