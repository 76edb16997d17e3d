using Faros.PluginHost.Caching;
using Faros.PluginHost.Fetching;
using Faros.PluginHost.Loading;
using Faros.PluginHost.Reconciling;
using Faros.PluginHost.Supervision;
using Faros.PluginHost.Verification;
using Faros.Sdk.Reconciliation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Faros.PluginHost;

/// <summary>
/// The plugins one process (the agent on a device, the operator on the hub) runs. Give it the desired set
/// with <see cref="Apply"/>; it downloads, verifies, caches, loads, starts, supervises, swaps and removes
/// plugins to match, one supervisor per plugin id, and reports each plugin's phase in
/// <see cref="Snapshots"/> and <see cref="PluginChanged"/>.
/// </summary>
public sealed class HostedPlugins : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, PluginSupervisor> _current = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, PluginSupervisor> _retiring = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, PluginSpec> _lastKnownGood = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<LingeringContext> _lingering = [];
    private readonly PluginHostServices _services;
    private readonly ILogger<HostedPlugins> _logger;
    private readonly HttpClient? _ownedHttp;
    private bool _disposed;

    /// <param name="options">Settings; validated here.</param>
    /// <param name="trust">The trust policy every package must pass before it loads.</param>
    /// <param name="loggerFactory">Logs of the host and of the plugins.</param>
    /// <param name="http">Client for downloads; one with no overall timeout is made when null.</param>
    public HostedPlugins(PluginHostOptions options, IPluginTrustCheck trust, ILoggerFactory? loggerFactory = null, HttpClient? http = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(trust);
        options.Validate();
        loggerFactory ??= NullLoggerFactory.Instance;
        _logger = loggerFactory.CreateLogger<HostedPlugins>();
        if (http is null)
        {
            // Downloads have a stall timeout of their own; an overall timeout would cut large packages.
            http = _ownedHttp = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        }

        Directory.CreateDirectory(options.StateDirectory);
        var cache = new PluginCache(options.CacheDirectory, options.CacheSizeLimitBytes, options.MaxExpandedPackageBytes, loggerFactory.CreateLogger<PluginCache>());
        _services = new PluginHostServices(
            options,
            cache,
            new PackageLocator(options.ServiceIndex),
            new PackageDownloader(http, options.Download, loggerFactory.CreateLogger<PackageDownloader>()),
            new PackageVerifier(trust, HostCompatibility.ForThisProcess(options.Side), loggerFactory.CreateLogger<PackageVerifier>()),
            new CollectibleContextTracker(),
            loggerFactory,
            this);
        foreach (var spec in LastKnownGoodSet.Read(cache.Root, _logger))
        {
            _lastKnownGood[spec.Id] = spec;
        }
    }

    /// <summary>Raised (on a host thread) whenever a plugin's snapshot changes.</summary>
    public event EventHandler<PluginSnapshot>? PluginChanged;

    /// <summary>Every plugin's current state, removed ones until their unload finishes.</summary>
    public IReadOnlyList<PluginSnapshot> Snapshots
    {
        get
        {
            lock (_gate)
            {
                return _current.Values
                    .Concat(_retiring.Where(r => !_current.ContainsKey(r.Key)).Select(r => r.Value))
                    .Select(s => s.Snapshot)
                    .OrderBy(s => s.Id, StringComparer.OrdinalIgnoreCase)
                    .ToArray();
            }
        }
    }

    /// <summary>
    /// Plugin versions whose load context was unloaded but never collected (a thread still runs their code).
    /// While any remain the process holds memory it cannot free, and reports <c>RestartRequired</c>.
    /// </summary>
    public IReadOnlyList<LingeringContext> LingeringContexts
    {
        get
        {
            lock (_gate)
            {
                _lingering.RemoveAll(l => !l.Context.IsAlive);
                return _lingering.ToArray();
            }
        }
    }

    /// <summary>True when an unload never completed; only a process restart frees that memory.</summary>
    public bool RestartRequired => LingeringContexts.Count > 0;

    /// <summary>The load contexts this host made, to count those still alive.</summary>
    public CollectibleContextTracker Contexts => _services.Contexts;

    /// <summary>The plugin cache.</summary>
    public PluginCache Cache => _services.Cache;

    /// <summary>The plugins that last ran, saved in the cache directory, for a start without network.</summary>
    public IReadOnlyList<PluginSpec> LastKnownGood
    {
        get
        {
            lock (_gate)
            {
                return _lastKnownGood.Values.ToArray();
            }
        }
    }

    /// <summary>
    /// Makes <paramref name="desired"/> the set of plugins to run: new ids are installed, changed versions
    /// swapped, changed configurations applied in place, missing ids stopped and unloaded. Returns at once;
    /// progress shows in <see cref="Snapshots"/>.
    /// </summary>
    public void Apply(IEnumerable<PluginSpec> desired)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var wanted = desired.ToArray();
        var duplicate = wanted.GroupBy(s => s.Id, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"The plugin {duplicate.Key} is listed {duplicate.Count()} times; list each plugin id once.", nameof(desired));
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            foreach (var spec in wanted)
            {
                if (_current.TryGetValue(spec.Id, out var supervisor))
                {
                    supervisor.Update(spec);
                    continue;
                }

                supervisor = new PluginSupervisor(spec, _services);
                _current[spec.Id] = supervisor;
                supervisor.Start(_retiring.TryGetValue(spec.Id, out var previous) ? previous.Completion : Task.CompletedTask);
            }

            foreach (var gone in _current.Keys.Except(wanted.Select(s => s.Id), StringComparer.OrdinalIgnoreCase).ToArray())
            {
                var supervisor = _current[gone];
                _current.Remove(gone);
                _retiring[gone] = supervisor;
                _ = supervisor.StopAsync(forget: true);
            }
        }
    }

    /// <summary>
    /// Runs one reconcile pass of <paramref name="resourceJson"/> (a resource of <paramref name="kind"/> as the
    /// API server returns it) in the running plugin that reconciles that kind. Exceptions from the plugin become
    /// a failed outcome with a backoff delay; the caller writes the returned resource's status back and requeues.
    /// </summary>
    /// <exception cref="InvalidOperationException">No running plugin reconciles <paramref name="kind"/>.</exception>
    public Task<ReconcilePass> ReconcileAsync(ResourceKind kind, string resourceJson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(resourceJson);
        PluginSupervisor? owner;
        lock (_gate)
        {
            owner = _current.Values.FirstOrDefault(s => s.Kinds.Contains(kind));
        }

        return owner is null
            ? Task.FromException<ReconcilePass>(new InvalidOperationException($"No running plugin reconciles {kind}. Fix: list the plugin that owns it in the agent's plugins."))
            : owner.ReconcileAsync(kind, resourceJson, cancellationToken);
    }

    /// <summary>Stops and unloads every plugin (each within its time limits); the last-known-good set is kept.</summary>
    public async ValueTask DisposeAsync()
    {
        Task[] stopping;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            stopping = _current.Values.Select(s => s.StopAsync(forget: false))
                .Concat(_retiring.Values.Select(s => s.Completion))
                .ToArray();
        }

        await Task.WhenAll(stopping).ConfigureAwait(false);
        _ownedHttp?.Dispose();
        _services.Cache.Dispose();
    }

    internal void OnSnapshot(PluginSnapshot snapshot)
    {
        try
        {
            PluginChanged?.Invoke(this, snapshot);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "A PluginChanged handler threw for {Plugin}", snapshot.Id);
        }
    }

    internal void OnRunning(PluginSpec spec)
    {
        HashSet<PackageDigest> inUse;
        lock (_gate)
        {
            _lastKnownGood[spec.Id] = spec;
            SaveLastKnownGood();

            inUse = _current.Values.Concat(_retiring.Values)
                .SelectMany(s => s.DigestsInUse)
                .ToHashSet();
        }

        _services.Cache.EnforceCap(inUse);
    }

    internal void OnStopped(PluginSupervisor supervisor, bool forget)
    {
        lock (_gate)
        {
            if (_retiring.TryGetValue(supervisor.Id, out var retiring) && ReferenceEquals(retiring, supervisor))
            {
                _retiring.Remove(supervisor.Id);
            }

            if (forget && !_current.ContainsKey(supervisor.Id))
            {
                _lastKnownGood.Remove(supervisor.Id);
                SaveLastKnownGood();
            }
        }
    }

    internal void OnLingering(string id, string version, WeakReference context)
    {
        lock (_gate)
        {
            _lingering.Add(new LingeringContext(id, version, context));
        }
    }

    private void SaveLastKnownGood()
    {
        try
        {
            LastKnownGoodSet.Write(_services.Cache.Root, _lastKnownGood.Values);
        }
        catch (IOException ex)
        {
            _logger.LogError(ex, "Saving the last-known-good plugin set failed; a restart without network may miss plugins");
        }
    }
}
