using System.Net;
using Faros.Api.Edge;
using Faros.Api.Kubernetes;
using Faros.PluginHost;
using Faros.PluginHost.Reconciling;
using Faros.PluginHost.Supervision;
using Faros.PluginHost.Verification;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Faros.Agent;

/// <summary>
/// The device side of an edge Agent, level-based: it starts the last-known-good plugins from the cache before
/// it talks to anyone, makes sure its Agent object exists, then on every sync (when its watch sees the Agent change,
/// a plugin changes phase, a heartbeat is due, or the slow resync comes round) runs the plugins the operator
/// pinned in status.plugins, drives their reconcilers over the resources their configRefs name (status written back
/// by the device), writes their phases back, and renews its Lease and status.lastHeartbeat. When the hub is
/// unreachable the plugins keep running and the agent retries with backoff.
/// </summary>
public sealed class AgentLoop : IAsyncDisposable
{
    private readonly AgentOptions _options;
    private readonly IKubernetes _client;
    private readonly ResourceClient<EdgeAgent> _agents;
    private readonly TimeProvider _time;
    private readonly ILogger<AgentLoop> _logger;
    // Released by a plugin phase change or a watch event on the Agent object: either makes a sync due.
    private readonly SemaphoreSlim _pluginsChanged = new(0, 1);
    private readonly IPluginTrustCheck _trust;
    private readonly ClusterTrustPolicySource? _clusterPolicy;
    private volatile bool _policyChanged;
    private DateTimeOffset _nextHeartbeat = DateTimeOffset.MinValue;

    public AgentLoop(AgentOptions options, IKubernetes client, ILoggerFactory loggerFactory, IPluginTrustCheck? trust = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _client = client;
        _agents = new ResourceClient<EdgeAgent>(client);
        _time = time ?? TimeProvider.System;
        _logger = loggerFactory.CreateLogger<AgentLoop>();
        if (trust is null && options.ClusterTrustPolicyName is { } policyName)
        {
            _clusterPolicy = new ClusterTrustPolicySource(client, policyName, options.CacheDirectory,
                Faros.Signing.Policy.TrustPolicyEvaluator.LoadTrustedRoot(options.TrustedRoot), options.WatchTimeout, options.HubBackoff, _time, _logger);
            _clusterPolicy.Policy.Changed += _ =>
            {
                _policyChanged = true;
                Wake();
            };
        }

        _trust = trust ?? (_clusterPolicy is not null ? new TrustPolicyCheck(_clusterPolicy.Policy)
            : options.TrustPolicy is { } policy ? TrustPolicyCheck.Load(policy, options.TrustedRoot, _time)
            : new PackageIdAllowList(options.TrustedPlugins));
        Plugins = new HostedPlugins(
            new PluginHostOptions
            {
                CacheDirectory = options.CacheDirectory,
                StateDirectory = options.StateDirectory,
                Side = "device",
                ServiceIndex = options.Registry,
                Time = _time,
            },
            _trust,
            loggerFactory);
        Plugins.PluginChanged += (_, _) => Wake();
        Resources = new PluginResourceDriver(Plugins, client, new PluginResourceDriverSettings(options.WatchTimeout, options.HubBackoff), loggerFactory.CreateLogger<PluginResourceDriver>(), _time);
        // The device's Role names only its own Agent (resourceNames), which authorizes a list or watch only with a
        // name selector. Status changes are news here: the operator pins plugins in status.
        Watcher = new ResourceWatcher<EdgeAgent>(
            _agents,
            new WatchSettings(options.Namespace, options.WatchTimeout, FieldSelector: WatchSettings.NameSelector(options.Name)),
            _logger,
            ResourceWatcher<EdgeAgent>.AnyChange,
            options.HubBackoff,
            _time);
        // Every (re)list makes a sync due too, since changes may have been missed meanwhile.
        Watcher.Changed += _ => Wake();
        Watcher.Listed += Wake;
    }

    /// <summary>The watch of this device's Agent object.</summary>
    internal ResourceWatcher<EdgeAgent> Watcher { get; }

    private void Wake()
    {
        try
        {
            _pluginsChanged.Release();
        }
        catch (SemaphoreFullException)
        {
            // A sync is already due.
        }
        catch (ObjectDisposedException)
        {
            // Shutting down.
        }
    }

    /// <summary>The plugins this device runs.</summary>
    public HostedPlugins Plugins { get; }

    /// <summary>Drives the plugins' reconcilers over the resources their configRefs name.</summary>
    public PluginResourceDriver Resources { get; }

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var lastKnownGood = Plugins.LastKnownGood;
        if (lastKnownGood.Count > 0)
        {
            _logger.LogInformation("Starting {Count} last-known-good plugin(s) from the cache", lastKnownGood.Count);
            Plugins.Apply(lastKnownGood);
        }

        using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watching = Watcher.RunAsync(stopWatching.Token);
        var policyWatching = _clusterPolicy?.RunAsync(stopWatching.Token) ?? Task.CompletedTask;
        try
        {
            await SyncUntilCancelledAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await stopWatching.CancelAsync().ConfigureAwait(false);
            await watching.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await policyWatching.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task SyncUntilCancelledAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await SyncAsync(cancellationToken).ConfigureAwait(false);
                failures = 0;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                failures++;
                _logger.LogWarning("Syncing with the hub failed ({Error}); running plugins carry on, retrying in {Delay}", ex.Message, _options.HubBackoff.DelayAfter(failures));
            }

            try
            {
                if (failures > 0)
                {
                    // The hub is away: plugin changes wait for it like everything else.
                    await Task.Delay(_options.HubBackoff.DelayAfter(failures), _time, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    // Woken by the watch or a plugin change; otherwise at the next heartbeat or the safety-net resync.
                    var untilHeartbeat = _nextHeartbeat - _time.GetUtcNow();
                    var wait = untilHeartbeat < _options.SyncInterval ? untilHeartbeat : _options.SyncInterval;
                    await _pluginsChanged.WaitAsync(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task SyncAsync(CancellationToken cancellationToken)
    {
        var agent = await _agents.FindAsync(_options.Namespace, _options.Name, cancellationToken).ConfigureAwait(false)
            ?? await CreateAgentAsync(cancellationToken).ConfigureAwait(false);

        // Until the operator pinned anything, keep what runs (the last-known-good set) rather than stopping it.
        var (desired, configRefs, defects) = DesiredPlugins.From(agent);
        if (agent.Status.Plugins.Count > 0 || agent.Spec.Plugins.Count == 0)
        {
            if (_policyChanged)
            {
                // A new trust policy: plugins it now refuses, or refused before, go through verification again.
                _policyChanged = false;
                var recheck = await ClusterTrustPolicySource.ToRecheckAsync(Plugins, _trust, desired, cancellationToken).ConfigureAwait(false);
                Plugins.Apply(desired.Where(spec => !recheck.Contains(spec.Id)));
            }

            Plugins.Apply(desired);
            Resources.SetTargets(ConfigRef.Targets(configRefs, Plugins.Snapshots, _options.Namespace, defects));
        }

        var heartbeat = _time.GetUtcNow() >= _nextHeartbeat;
        if (heartbeat)
        {
            await RenewLeaseAsync(cancellationToken).ConfigureAwait(false);
        }

        var changed = PluginStatusProjection.Apply(agent.Status, Plugins.Snapshots, defects);
        if (changed || heartbeat)
        {
            if (heartbeat)
            {
                agent.Status.LastHeartbeat = _time.GetUtcNow().UtcDateTime;
            }

            try
            {
                await _agents.ReplaceStatusAsync(agent, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpOperationException conflict) when (conflict.Response.StatusCode == HttpStatusCode.Conflict)
            {
                // The operator wrote first; the next sync projects onto its version. Wake tolerates a sync already due,
                // where a bare Release would throw and cost a failed sync's back-off.
                Wake();
                return;
            }
        }

        if (heartbeat)
        {
            _nextHeartbeat = _time.GetUtcNow() + _options.HeartbeatInterval;
        }
    }

    private async Task<EdgeAgent> CreateAgentAsync(CancellationToken cancellationToken)
    {
        _logger.LogInformation("Creating the Agent {Namespace}/{Name}", _options.Namespace, _options.Name);
        return await _agents.CreateAsync(new EdgeAgent { Metadata = new V1ObjectMeta { Name = _options.Name, NamespaceProperty = _options.Namespace } }, cancellationToken).ConfigureAwait(false);
    }

    private async Task RenewLeaseAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var duration = (int)Math.Ceiling(_options.HeartbeatInterval.TotalSeconds * 3);
        try
        {
            var lease = await _client.CoordinationV1.ReadNamespacedLeaseAsync(_options.Name, _options.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            lease.Spec.HolderIdentity = _options.Name;
            lease.Spec.LeaseDurationSeconds = duration;
            lease.Spec.RenewTime = now;
            await _client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, _options.Name, _options.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException missing) when (missing.Response.StatusCode == HttpStatusCode.NotFound)
        {
            await _client.CoordinationV1.CreateNamespacedLeaseAsync(
                new V1Lease
                {
                    Metadata = new V1ObjectMeta { Name = _options.Name, NamespaceProperty = _options.Namespace },
                    Spec = new V1LeaseSpec { HolderIdentity = _options.Name, LeaseDurationSeconds = duration, AcquireTime = now, RenewTime = now },
                },
                _options.Namespace,
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Resources.DisposeAsync().ConfigureAwait(false);
        await Plugins.DisposeAsync().ConfigureAwait(false);
        _pluginsChanged.Dispose();
    }
}
