using Faros.Api.Edge;
using Faros.Api.Kubernetes;
using Faros.Operator.Controllers;
using Faros.Operator.PluginCatalog;
using Faros.PluginHost;
using Faros.PluginHost.Reconciling;
using Faros.PluginHost.Supervision;
using Faros.PluginHost.Verification;
using Faros.Sdk.Kubernetes;
using Faros.Sdk.Manifest;
using Faros.Sdk.Reconciliation;
using k8s;
using Microsoft.Extensions.Logging;

namespace Faros.Operator.HubPlugins;

/// <summary>
/// Runs the hub-side plugins edge Agents pin, in the operator process, through the same plugin host the agent uses:
/// one <see cref="HostedPlugins"/> per Agent namespace (so one instance per namespace and plugin id), its plugins'
/// Kubernetes client scoped to that namespace, every package checked against the operator's trust policy. Level-based
/// per namespace: any Agent change or plugin phase change re-derives the namespace's plugin set from every Agent in it,
/// applies it (new pins start, changed pins hot-swap, dropped ones stop and unload) and writes each Agent's
/// <see cref="HubPluginConditions.HubPluginsReady"/> condition. The running plugins' reconcilers are driven over every
/// resource of their kinds in the namespace (<see cref="PluginResourceDriver"/>). Registered as a controller, so only the
/// leader runs it; losing the lease stops every hub-side plugin.
/// </summary>
internal sealed class HubPluginController : IController
{
    private readonly ResourceWatcher<EdgeAgent> _watcher;
    private readonly ResourceClient<EdgeAgent> _agents;
    private readonly HubPluginSelection _selection;
    private readonly HubPluginSettings _settings;
    private readonly IPluginTrustCheck _trust;
    private readonly IKubernetes _client;
    private readonly ControllerSettings _controllerSettings;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger<HubPluginController> _logger;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, NamespacePlugins> _hosts = new(StringComparer.Ordinal);

    public HubPluginController(
        IKubernetes client, RegistryCatalog catalog, HubPluginSettings settings, IPluginTrustCheck trust, ControllerSettings controllerSettings,
        ILoggerFactory loggerFactory, TimeProvider? time = null)
    {
        _client = client;
        _agents = new ResourceClient<EdgeAgent>(client);
        _logger = loggerFactory.CreateLogger<HubPluginController>();
        _watcher = new ResourceWatcher<EdgeAgent>(_agents, controllerSettings.Watch, _logger, PinsOrSpecChanged);
        _selection = new HubPluginSelection(catalog);
        _settings = settings;
        _trust = trust;
        _controllerSettings = controllerSettings;
        _loggerFactory = loggerFactory;
        _time = time ?? TimeProvider.System;
    }

    // The edge Agent reconciler pins in status, so pin changes are news here; phases and conditions are not.
    private static bool PinsOrSpecChanged(EdgeAgent before, EdgeAgent after) =>
        before.Metadata.Generation != after.Metadata.Generation
        || before.Metadata.DeletionTimestamp != after.Metadata.DeletionTimestamp
        || !before.Status.Plugins.Select(Pin).SequenceEqual(after.Status.Plugins.Select(Pin));

    private static (string, string?, string?, string?, string?) Pin(PluginStatus pinned) =>
        (pinned.Name, pinned.Package, pinned.Version, pinned.Digest, pinned.DownloadUrl);

    /// <inheritdoc />
    public ResourceKind Kind => ResourceKind.Of<EdgeAgent>();

    /// <summary>The plugins running for <paramref name="namespace"/>; null when none.</summary>
    public IReadOnlyList<PluginSnapshot>? SnapshotsOf(string @namespace)
    {
        lock (_hosts)
        {
            return _hosts.TryGetValue(@namespace, out var plugins) ? plugins.Host.Snapshots : null;
        }
    }

    /// <inheritdoc />
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var queue = new WorkQueue<string>(_time);
        void OnChanged(ObjectKey key) => queue.Add(key.Namespace);
        _watcher.Changed += OnChanged;
        try
        {
            var watching = _watcher.RunAsync(cancellationToken);
            await Task.WhenAny(_watcher.Synced, watching).ConfigureAwait(false);
            foreach (var ns in _watcher.Snapshot().Select(a => a.Metadata.NamespaceProperty).Distinct())
            {
                queue.Add(ns);
            }

            _logger.LogInformation("Hub-side plugin controller started");
            await Task.WhenAll(WorkAsync(queue, cancellationToken), watching).ConfigureAwait(false);
        }
        finally
        {
            _watcher.Changed -= OnChanged;
            await StopAllAsync().ConfigureAwait(false);
        }
    }

    private async Task WorkAsync(WorkQueue<string> queue, CancellationToken cancellationToken)
    {
        var failures = new Dictionary<string, int>(StringComparer.Ordinal);
        while (!cancellationToken.IsCancellationRequested)
        {
            string ns;
            try
            {
                ns = await queue.TakeAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                if (await SyncAsync(ns, queue, cancellationToken).ConfigureAwait(false))
                {
                    failures.Remove(ns);
                }
                else
                {
                    failures[ns] = failures.GetValueOrDefault(ns) + 1;
                    queue.AddAfter(ns, _controllerSettings.Backoff.DelayAfter(failures[ns]));
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                failures[ns] = failures.GetValueOrDefault(ns) + 1;
                var delay = _controllerSettings.Backoff.DelayAfter(failures[ns]);
                _logger.LogWarning(exception, "Syncing hub-side plugins of namespace {Namespace} failed; retrying in {Delay}", ns, delay);
                queue.AddAfter(ns, delay);
            }
            finally
            {
                queue.Done(ns);
            }
        }
    }

    /// <returns>False when the registry could not be asked (the running set is kept and the sync retried).</returns>
    private async Task<bool> SyncAsync(string ns, WorkQueue<string> queue, CancellationToken cancellationToken)
    {
        var agents = _watcher.Snapshot()
            .Where(a => a.Metadata.NamespaceProperty == ns && a.Metadata.DeletionTimestamp is null)
            .Select(a => KubernetesJson.Deserialize<EdgeAgent>(KubernetesJson.Serialize(a)))
            .ToList();
        var wanted = new Dictionary<EdgeAgent, IReadOnlyList<PluginSpec>>();
        string? registryError = null;
        foreach (var agent in agents)
        {
            try
            {
                wanted[agent] = await _selection.SelectAsync(agent, cancellationToken).ConfigureAwait(false);
            }
            catch (RegistryUnavailableException unavailable)
            {
                registryError = unavailable.Message;
            }
        }

        HostedPlugins? host;
        if (registryError is null)
        {
            host = await ApplyAsync(ns, queue, wanted.Values.SelectMany(s => s)).ConfigureAwait(false);
        }
        else
        {
            lock (_hosts)
            {
                host = _hosts.GetValueOrDefault(ns)?.Host;
            }
        }

        var snapshots = (host?.Snapshots ?? []).ToDictionary(s => s.Id, StringComparer.OrdinalIgnoreCase);
        foreach (var agent in agents)
        {
            var changed = wanted.TryGetValue(agent, out var specs)
                ? specs.Count == 0 ? agent.Status.Conditions.RemoveCondition(HubPluginConditions.HubPluginsReady) : SetReady(agent, specs, snapshots)
                // Unknown side: only an Agent already known to have hub-side plugins says so; others may have none.
                : agent.Status.Conditions.FindCondition(HubPluginConditions.HubPluginsReady) is not null
                    && agent.Status.Conditions.SetCondition(HubPluginConditions.HubPluginsReady, ConditionStatus.Unknown, HubPluginConditions.Reasons.RegistryUnavailable,
                        $"which side the pinned plugins run on is unknown (the running ones carry on): {registryError}", agent.Metadata.Generation, _time.GetUtcNow());
            if (changed)
            {
                await WriteStatusAsync(agent, queue, cancellationToken).ConfigureAwait(false);
            }
        }

        return registryError is null;
    }

    private async Task<HostedPlugins?> ApplyAsync(string ns, WorkQueue<string> queue, IEnumerable<PluginSpec> specs)
    {
        // Two Agents of a namespace may pin the same plugin: one instance runs, the highest pinned version.
        var desired = specs.GroupBy(s => s.Id, StringComparer.OrdinalIgnoreCase).Select(g => g.MaxBy(s => s.Version)!).ToList();
        NamespacePlugins? plugins;
        lock (_hosts)
        {
            plugins = _hosts.GetValueOrDefault(ns);
            if (desired.Count == 0)
            {
                _hosts.Remove(ns);
            }
            else if (plugins is null)
            {
                plugins = NewPlugins(ns, queue);
                _hosts[ns] = plugins;
            }
        }

        if (desired.Count == 0)
        {
            if (plugins is not null)
            {
                _logger.LogInformation("No Agent in {Namespace} pins a hub-side plugin any more; stopping and unloading its plugins", ns);
                await plugins.DisposeAsync().ConfigureAwait(false);
            }

            return null;
        }

        plugins!.Host.Apply(desired);
        // Kinds appear as plugins reach Running, which queues the namespace again.
        plugins.Resources.SetTargets(plugins.Host.Snapshots
            .Where(s => s.Phase == PluginPhase.Running)
            .SelectMany(s => s.Kinds)
            .Distinct()
            .Select(kind => new PluginResourceTarget(kind, ns)));
        return plugins.Host;
    }

    private NamespacePlugins NewPlugins(string ns, WorkQueue<string> queue)
    {
        var host = new HostedPlugins(
            new PluginHostOptions
            {
                CacheDirectory = Path.Combine(_settings.CacheDirectory, ns),
                StateDirectory = Path.Combine(_settings.StateDirectory, ns),
                Side = PluginSides.Hub,
                ServiceIndex = _settings.ServiceIndex,
                Kubernetes = new NamespacedKubernetes(_client, ns),
                Time = _time,
            },
            _trust,
            _loggerFactory);
        host.PluginChanged += (_, _) => queue.Add(ns);
        var resources = new PluginResourceDriver(
            host, _client, new PluginResourceDriverSettings(_controllerSettings.Watch.Timeout, _controllerSettings.Backoff, _controllerSettings.Workers),
            _loggerFactory.CreateLogger<PluginResourceDriver>(), _time);
        return new NamespacePlugins(host, resources);
    }

    private bool SetReady(EdgeAgent agent, IReadOnlyList<PluginSpec> specs, IReadOnlyDictionary<string, PluginSnapshot> snapshots)
    {
        var states = specs.Select(spec => (Spec: spec, Snapshot: snapshots.GetValueOrDefault(spec.Id))).ToList();
        bool RunsPinned((PluginSpec Spec, PluginSnapshot? Snapshot) s) =>
            s.Snapshot is { Phase: PluginPhase.Running } running && running.Version == s.Spec.Version.ToNormalizedString();
        var (status, reason) = states.All(RunsPinned)
            ? (ConditionStatus.True, HubPluginConditions.Reasons.Running)
            : states.Any(s => s.Snapshot?.Phase == PluginPhase.Failed)
                ? (ConditionStatus.False, HubPluginConditions.Reasons.Failed)
                : (ConditionStatus.False, HubPluginConditions.Reasons.Starting);
        var message = string.Join("; ", states.Select(s => s.Snapshot is { } snapshot
            ? $"{snapshot.Id} {snapshot.Version}: {snapshot.Phase}{(snapshot.Message.Length > 0 ? " (" + snapshot.Message + ")" : "")}"
            : $"{s.Spec.DisplayName}: {PluginPhase.Pending}"));
        return agent.Status.Conditions.SetCondition(HubPluginConditions.HubPluginsReady, status, reason, message, agent.Metadata.Generation, _time.GetUtcNow());
    }

    private async Task WriteStatusAsync(EdgeAgent agent, WorkQueue<string> queue, CancellationToken cancellationToken)
    {
        try
        {
            _watcher.Remember(await _agents.ReplaceStatusAsync(agent, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception conflict) when (Conflicts.IsConflict(conflict))
        {
            // The agent or the edge Agent reconciler wrote first: derive again from the fresh object.
            if (await _agents.FindAsync(agent.Metadata.NamespaceProperty, agent.Metadata.Name, cancellationToken).ConfigureAwait(false) is { } fresh)
            {
                _watcher.Remember(fresh);
            }

            queue.Add(agent.Metadata.NamespaceProperty);
        }
        catch (Exception gone) when (Conflicts.IsNotFound(gone))
        {
            // Deleted meanwhile; its removal from the watch cache syncs the namespace again.
        }
    }

    private async Task StopAllAsync()
    {
        NamespacePlugins[] all;
        lock (_hosts)
        {
            all = _hosts.Values.ToArray();
            _hosts.Clear();
        }

        foreach (var plugins in all)
        {
            await plugins.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>One namespace's hub-side plugins and the driver of their reconcilers over that namespace's resources.</summary>
    private sealed record NamespacePlugins(HostedPlugins Host, PluginResourceDriver Resources) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Resources.DisposeAsync().ConfigureAwait(false);
            await Host.DisposeAsync().ConfigureAwait(false);
        }
    }
}
