using System.Collections.Concurrent;
using System.Net;
using Faros.Api.Kubernetes;
using Faros.PluginHost.Supervision;
using k8s;
using k8s.Autorest;
using Microsoft.Extensions.Logging;

namespace Faros.PluginHost.Reconciling;

/// <summary>
/// Drives plugins' reconcilers against real resources, for the agent (the resources its plugins' configRefs name)
/// and the operator (every resource of a hub-side plugin's kinds): list and watch each
/// <see cref="PluginResourceTarget"/>, hand every spec or metadata change to <see cref="HostedPlugins.ReconcileAsync"/>,
/// write the status the pass produced through the status subresource, and requeue after the outcome's delay.
/// Level-based: a pass starts from the cached object, its own status writes are not news (no loop), a failed write
/// retries with backoff, and a resource whose kind has no running plugin yet waits until one reaches Running.
/// </summary>
public sealed class PluginResourceDriver : IAsyncDisposable
{
    private readonly HostedPlugins _plugins;
    private readonly IKubernetes _client;
    private readonly PluginResourceDriverSettings _settings;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly WorkQueue<DrivenKey> _queue;
    private readonly Dictionary<PluginResourceTarget, TargetWatch> _watches = [];
    private readonly ConcurrentDictionary<DrivenKey, int> _failures = new();
    private readonly ConcurrentDictionary<string, (string Version, bool Reconciles)> _running = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _workers;
    private long _passes;
    private long _writes;

    public PluginResourceDriver(HostedPlugins plugins, IKubernetes client, PluginResourceDriverSettings settings, ILogger logger, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(plugins);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(logger);
        settings.Validate();
        _plugins = plugins;
        _client = client;
        _settings = settings;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _queue = new WorkQueue<DrivenKey>(_time);
        _plugins.PluginChanged += OnPluginChanged;
        _workers = Enumerable.Range(0, settings.Workers).Select(_ => Task.Run(() => WorkAsync(_stop.Token))).ToArray();
    }

    /// <summary>Reconcile passes run so far.</summary>
    public long Passes => Interlocked.Read(ref _passes);

    /// <summary>Status writes done so far.</summary>
    public long StatusWrites => Interlocked.Read(ref _writes);

    /// <summary>The targets watched now.</summary>
    public IReadOnlyCollection<PluginResourceTarget> Targets
    {
        get
        {
            lock (_watches)
            {
                return _watches.Keys.ToArray();
            }
        }
    }

    /// <summary>Makes <paramref name="targets"/> the watched set: new ones are listed and watched, dropped ones stop.</summary>
    public void SetTargets(IEnumerable<PluginResourceTarget> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var wanted = targets.ToHashSet();
        lock (_watches)
        {
            ObjectDisposedException.ThrowIf(_stop.IsCancellationRequested, this);
            foreach (var gone in _watches.Keys.Where(t => !wanted.Contains(t)).ToList())
            {
                _logger.LogInformation("No longer reconciling {Target}", gone);
                _ = _watches[gone].StopAsync();
                _watches.Remove(gone);
            }

            foreach (var target in wanted.Where(t => !_watches.ContainsKey(t)))
            {
                _logger.LogInformation("Reconciling {Target} with its plugin", target);
                _watches[target] = TargetWatch.Start(target, this);
            }
        }
    }

    private void OnPluginChanged(object? sender, PluginSnapshot snapshot)
    {
        // Reconcilers appear once the instance has started, which may be a later snapshot than the first Running one.
        var now = (snapshot.Version, snapshot.Phase == PluginPhase.Running && snapshot.Kinds.Count > 0);
        if (_running.TryGetValue(snapshot.Id, out var before) && before == now)
        {
            return;
        }

        _running[snapshot.Id] = now;
        _logger.LogDebug("Plugin {Plugin} {Version} reconciles {Kinds}", snapshot.Id, snapshot.Version, string.Join(", ", snapshot.Kinds));
        if (!now.Item2)
        {
            return;
        }

        // A plugin (or a new version of it) now runs: everything of its kinds gets a pass, those that waited included.
        lock (_watches)
        {
            foreach (var (target, watch) in _watches.Where(w => snapshot.Kinds.Contains(w.Key.Kind)))
            {
                foreach (var resource in watch.Watcher.Snapshot())
                {
                    _queue.Add(new DrivenKey(target, resource.Metadata.Name));
                }
            }
        }
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            DrivenKey key;
            try
            {
                key = await _queue.TakeAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception stopped) when (stopped is OperationCanceledException or System.Threading.Channels.ChannelClosedException)
            {
                return;
            }

            try
            {
                await PassAsync(key, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                var failures = _failures.AddOrUpdate(key, 1, (_, n) => n + 1);
                var delay = _settings.Backoff.DelayAfter(failures);
                _logger.LogWarning("Reconciling {Target} {Name} failed ({Error}, {Failures} in a row); retrying in {Delay}", key.Target, key.Name, exception.Message, failures, delay);
                _queue.AddAfter(key, delay);
            }
            finally
            {
                _queue.Done(key);
            }
        }
    }

    private async Task PassAsync(DrivenKey key, CancellationToken cancellationToken)
    {
        TargetWatch? watch;
        lock (_watches)
        {
            watch = _watches.GetValueOrDefault(key.Target);
        }

        var resource = watch?.Watcher.Find(new ObjectKey(key.Target.Namespace, key.Name));
        if (watch is null || resource is null)
        {
            // No longer watched, or deleted: nothing to do.
            _failures.TryRemove(key, out _);
            return;
        }

        ReconcilePass pass;
        try
        {
            pass = await _plugins.ReconcileAsync(key.Target.Kind, KubernetesJson.Serialize(resource), cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException notRunning)
        {
            _logger.LogInformation("{Target} {Name} waits for its plugin: {Reason}", key.Target, key.Name, notRunning.Message);
            return;
        }
        catch (ArgumentException invalid)
        {
            // Retrying cannot fix the resource; its next edit brings a new pass.
            _logger.LogWarning("{Target} {Name} cannot be reconciled: {Reason}", key.Target, key.Name, invalid.Message);
            return;
        }

        Interlocked.Increment(ref _passes);
        _logger.LogDebug("Reconciled {Target} {Name}: {Result}, next pass in {NextRunIn}", key.Target, key.Name, pass.Outcome.Result, pass.Outcome.NextRunIn);
        if (StatusUpdate.Between(resource, pass.ResourceJson) is { } update)
        {
            try
            {
                watch.Watcher.Remember(await watch.Client.ReplaceStatusAsync(update, cancellationToken).ConfigureAwait(false));
                Interlocked.Increment(ref _writes);
            }
            catch (HttpOperationException conflict) when (conflict.Response.StatusCode == HttpStatusCode.Conflict)
            {
                // Someone wrote since the pass read it: run again on the fresh object.
                if (await watch.Client.FindAsync(key.Target.Namespace, key.Name, cancellationToken).ConfigureAwait(false) is { } fresh)
                {
                    watch.Watcher.Remember(fresh);
                    _queue.Add(key);
                }

                return;
            }
            catch (HttpOperationException gone) when (gone.Response.StatusCode == HttpStatusCode.NotFound)
            {
                // Deleted meanwhile (its deletion event ends the matter), or a kind without a status subresource.
                _logger.LogInformation("Writing the status of {Target} {Name} found nothing: {Response}", key.Target, key.Name, gone.Response.ReasonPhrase);
                return;
            }
        }

        _failures.TryRemove(key, out _);
        if (pass.Outcome.NextRunIn is { } again)
        {
            _queue.AddAfter(key, again);
        }
    }

    /// <summary>Stops every watch and worker.</summary>
    public async ValueTask DisposeAsync()
    {
        TargetWatch[] watches;
        lock (_watches)
        {
            if (_stop.IsCancellationRequested)
            {
                return;
            }

            _stop.Cancel();
            watches = _watches.Values.ToArray();
            _watches.Clear();
        }

        _plugins.PluginChanged -= OnPluginChanged;
        await Task.WhenAll(watches.Select(w => w.StopAsync()).Concat(_workers)).ConfigureAwait(false);
        _queue.Dispose();
        _stop.Dispose();
    }

    private readonly record struct DrivenKey(PluginResourceTarget Target, string Name);

    /// <summary>The list/watch of one target, feeding the driver's queue.</summary>
    private sealed class TargetWatch
    {
        private readonly CancellationTokenSource _stop;
        private Task _run = Task.CompletedTask;

        private TargetWatch(ResourceClient<UntypedResource> client, ResourceWatcher<UntypedResource> watcher, CancellationTokenSource stop)
        {
            Client = client;
            Watcher = watcher;
            _stop = stop;
        }

        public ResourceClient<UntypedResource> Client { get; }

        public ResourceWatcher<UntypedResource> Watcher { get; }

        public static TargetWatch Start(PluginResourceTarget target, PluginResourceDriver driver)
        {
            var client = new ResourceClient<UntypedResource>(driver._client, target.Kind);
            var settings = new WatchSettings(target.Namespace, driver._settings.WatchTimeout, FieldSelector: target.Name is { } name ? WatchSettings.NameSelector(name) : null);
            var watcher = new ResourceWatcher<UntypedResource>(client, settings, driver._logger, reconnect: driver._settings.Backoff, time: driver._time);
            watcher.Changed += key => driver._queue.Add(new DrivenKey(target, key.Name));
            var watch = new TargetWatch(client, watcher, CancellationTokenSource.CreateLinkedTokenSource(driver._stop.Token));
            watch._run = Task.Run(() => watcher.RunAsync(watch._stop.Token));
            return watch;
        }

        public async Task StopAsync()
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            await _run.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            _stop.Dispose();
        }
    }
}
