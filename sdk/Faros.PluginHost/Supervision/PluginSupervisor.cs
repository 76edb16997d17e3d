using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Faros.PluginHost.Caching;
using Faros.PluginHost.Fetching;
using Faros.PluginHost.Loading;
using Faros.PluginHost.Reconciling;
using Faros.PluginHost.Verification;
using Faros.Sdk;
using Faros.Sdk.Reconciliation;
using Microsoft.Extensions.Logging;

namespace Faros.PluginHost.Supervision;

/// <summary>
/// Runs one plugin id, level-based: a loop compares the desired spec with what runs and closes the gap —
/// install or swap versions, reconfigure in place, check health — and on any failure tears the instance
/// down, reports Failed and tries again after an exponential backoff. Failures never leave this loop, so
/// the host and other plugins carry on.
/// </summary>
internal sealed class PluginSupervisor
{
    private readonly PluginHostServices _services;
    private readonly ILogger _logger;
    private readonly WakeSignal _wake = new();
    private readonly Lock _gate = new();

    // Held by a reconcile pass and by a stop, so an instance is never stopped in the middle of a reconcile.
    private readonly SemaphoreSlim _instanceGate = new(1, 1);
    private PluginSpec _desired;
    private bool _removed;

    // Cancelled on removal or host shutdown: cuts short downloads, verification and a start in progress.
    private readonly CancellationTokenSource _stopping = new();
    private PackageDigest? _preparing;
    private bool _forget;
    private LoadedPlugin? _loaded;
    private PluginSpec? _running;
    private int _failures;
    private int _restarts;
    private PluginSnapshot _snapshot;
    private Task _loop = Task.CompletedTask;

    public PluginSupervisor(PluginSpec spec, PluginHostServices services)
    {
        _desired = spec;
        _services = services;
        _logger = services.LoggerFactory.CreateLogger($"Faros.PluginHost.Plugin.{spec.Id}");
        _snapshot = new PluginSnapshot(spec.Id, Format(spec), PluginPhase.Pending, "Waiting to start.", null, null, null, null, 0, services.Time.GetUtcNow());
    }

    public string Id => _desired.Id;

    public PluginSnapshot Snapshot
    {
        get
        {
            lock (_gate)
            {
                return _snapshot;
            }
        }
    }

    /// <summary>The package in use, which the cache must not evict.</summary>
    public IEnumerable<PackageDigest> DigestsInUse =>
        new[] { Volatile.Read(ref _loaded)?.Entry.Digest, Volatile.Read(ref _preparing) }.OfType<PackageDigest>();

    public Task Completion => _loop;

    /// <summary>The kinds the running instance reconciles; empty when none runs.</summary>
    public IReadOnlyList<ResourceKind> Kinds => Volatile.Read(ref _loaded)?.Reconcilers?.Kinds ?? [];

    /// <summary>Runs one reconcile pass on the running instance, within the reconcile time limit.</summary>
    /// <exception cref="InvalidOperationException">No instance runs (anymore).</exception>
    public async Task<ReconcilePass> ReconcileAsync(ResourceKind kind, string resourceJson, CancellationToken cancellationToken)
    {
        await _instanceGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var reconcilers = Volatile.Read(ref _loaded)?.Reconcilers;
            if (reconcilers is null || !reconcilers.Owns(kind))
            {
                throw new InvalidOperationException($"{Id} is not running a reconciler for {kind} ({Snapshot.Phase}: {Snapshot.Message}).");
            }

            return await TimeLimit.RunAsync($"Reconciling {kind} in {Id}", token => new ValueTask<ReconcilePass>(reconcilers.RunAsync(kind, resourceJson, token)), _services.Options.ReconcileTimeout, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _instanceGate.Release();
        }
    }

    /// <summary>Starts the loop once <paramref name="predecessor"/> (a previous supervisor of this id) is done.</summary>
    public void Start(Task predecessor) => _loop = Task.Run(async () =>
    {
        await predecessor.ConfigureAwait(false);
        await LoopAsync().ConfigureAwait(false);
    });

    public void Update(PluginSpec spec)
    {
        Volatile.Write(ref _desired, spec);
        _wake.Set();
    }

    /// <summary>Stops and unloads the plugin; <paramref name="forget"/> also drops it from the last-known-good set.</summary>
    public Task StopAsync(bool forget)
    {
        _forget = forget;
        Volatile.Write(ref _removed, true);
        _stopping.Cancel();
        _wake.Set();
        return _loop;
    }

    private async Task LoopAsync()
    {
        while (true)
        {
            var spec = Volatile.Read(ref _desired);
            if (Volatile.Read(ref _removed))
            {
                await ShutDownAsync().ConfigureAwait(false);
                return;
            }

            string? failure = null;
            RefusalReason? refusal = null;
            var keepsRunning = false;
            try
            {
                if (_loaded is null || _running is null || !_running.IsSamePackageAs(spec))
                {
                    await InstallAsync(spec).ConfigureAwait(false);
                }
                else if (!_running.HasSameConfigurationAs(spec))
                {
                    await ReconfigureAsync(spec).ConfigureAwait(false);
                }
                else if (!await _wake.WaitAsync(_services.Options.HealthInterval).ConfigureAwait(false))
                {
                    await CheckHealthAsync().ConfigureAwait(false);
                }
            }
            catch (Exception ex)
            {
                // Only text leaves this block: an exception thrown by plugin code references its methods and
                // would keep the plugin's context from being collected.
                failure = Describe(ex);
                refusal = (ex as PluginRefusedException)?.Reason;
                // A new version or configuration that could not even be prepared leaves the running instance alone.
                keepsRunning = _loaded?.Instance is not null && ex is PluginRefusedException or PluginFetchException or PluginPreparationException;
                _logger.LogWarning("{Plugin}: {Failure}", spec.DisplayName, failure);
            }

            if (failure is not null && !Volatile.Read(ref _removed))
            {
                await RecoverAsync(spec, failure, refusal, keepsRunning).ConfigureAwait(false);
            }
        }
    }

    private async Task InstallAsync(PluginSpec spec)
    {
        LoadedPlugin prepared;
        try
        {
            prepared = await PrepareAsync(spec).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not PluginRefusedException and not PluginFetchException)
        {
            throw new PluginPreparationException($"Preparing {spec.DisplayName} failed: {Describe(ex)}");
        }

        if (_loaded is not null)
        {
            Publish(PluginPhase.Starting, spec, $"Stopping {Format(_running!)} to switch to {Format(spec)}.");
            await UnloadCurrentAsync().ConfigureAwait(false);
        }

        _loaded = prepared;
        _running = spec;
        Publish(PluginPhase.Starting, spec, "Starting.", signer: prepared.Signer);
        await StartInstanceAsync(spec).ConfigureAwait(false);
        _services.PluginRunning(spec);
        Publish(PluginPhase.Running, spec, $"Running, trusted by {prepared.Signer}.", signer: prepared.Signer);
    }

    /// <summary>Fetch (unless cached), verify, cache, and load the context; no plugin code runs yet.</summary>
    private async Task<LoadedPlugin> PrepareAsync(PluginSpec spec)
    {
        // Protects the entry from eviction between finding it and loading it.
        Volatile.Write(ref _preparing, spec.Digest);
        try
        {
            return await PrepareEntryAsync(spec).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _preparing, null);
        }
    }

    private async Task<LoadedPlugin> PrepareEntryAsync(PluginSpec spec)
    {
        var cache = _services.Cache;
        VerifiedPackage? verified = null;
        var entry = cache.Find(spec.Digest);
        if (entry is not null)
        {
            Publish(PluginPhase.Verifying, spec, "Verifying the cached package.");
            try
            {
                verified = await _services.Verifier.VerifyAsync(spec, entry.PackagePath, entry.SigstoreBundlePath, _stopping.Token).ConfigureAwait(false);
                if (_services.NeedsContentCheck(spec.Digest) && !PluginCache.ContentMatches(entry, spec.DisplayName))
                {
                    _logger.LogWarning("{Plugin}: the cached files differ from the verified package; extracting again", spec.DisplayName);
                    entry = cache.Commit(verified, consumeFiles: false);
                }

                _services.ContentChecked(spec.Digest);
            }
            catch (PluginRefusedException ex)
            {
                _logger.LogWarning("{Plugin}: the cached package failed verification ({Reason}: {Detail}); downloading it again", spec.DisplayName, ex.Reason, ex.Detail);
                cache.Remove(entry);
                entry = null;
            }
        }

        if (entry is null)
        {
            verified = await DownloadAndVerifyAsync(spec).ConfigureAwait(false);
            entry = cache.Commit(verified, consumeFiles: true);
            _services.ContentChecked(spec.Digest);
        }

        PluginCache.Touch(entry);
        PluginConfigurationSchema.Require(spec, verified!.Manifest);
        Publish(PluginPhase.Starting, spec, "Loading.");
        return PluginLoader.Load(spec.DisplayName, entry, verified!.Manifest, verified.Signer, _services.Contexts);
    }

    private async Task<VerifiedPackage> DownloadAndVerifyAsync(PluginSpec spec)
    {
        Publish(PluginPhase.Downloading, spec, "Downloading.");
        var location = await _services.Locator.LocateAsync(spec, _stopping.Token).ConfigureAwait(false);
        var package = Path.Combine(_services.Cache.DownloadsDirectory, spec.Digest.Hex + ".nupkg");
        var bundle = Path.Combine(_services.Cache.DownloadsDirectory, spec.Digest.Hex + ".sigstore.json");
        File.Delete(bundle);
        var download = await _services.Downloader.DownloadAsync(location.Package, package, _stopping.Token).ConfigureAwait(false);
        var hasBundle = await _services.Downloader.DownloadIfPresentAsync(location.SigstoreBundle, bundle, _stopping.Token).ConfigureAwait(false) is not null;
        Publish(PluginPhase.Verifying, spec, "Verifying.");
        try
        {
            try
            {
                return await _services.Verifier.VerifyAsync(spec, package, hasBundle ? bundle : null, _stopping.Token).ConfigureAwait(false);
            }
            catch (PluginRefusedException ex) when (ex.Reason == RefusalReason.DigestMismatch && download.ResumedFrom > 0)
            {
                // The resumed prefix may have come from a different file: fetch it whole once before refusing.
                _logger.LogWarning("{Plugin}: a resumed download failed its digest; downloading it whole", spec.DisplayName);
                File.Delete(package);
                await _services.Downloader.DownloadAsync(location.Package, package, _stopping.Token).ConfigureAwait(false);
                return await _services.Verifier.VerifyAsync(spec, package, hasBundle ? bundle : null, _stopping.Token).ConfigureAwait(false);
            }
        }
        catch (PluginRefusedException)
        {
            // Refused files are not kept; a retry downloads again.
            File.Delete(package);
            File.Delete(bundle);
            throw;
        }
    }

    private async Task StartInstanceAsync(PluginSpec spec)
    {
        var loaded = _loaded!;
        var context = new PluginContext
        {
            PluginName = spec.Id,
            Side = _services.Options.Side,
            Kubernetes = _services.Options.Kubernetes,
            StateDirectory = Directory.CreateDirectory(Path.Combine(_services.Options.StateDirectory, spec.Id)),
            Configuration = spec.Configuration,
            LoggerFactory = _services.LoggerFactory,
            Meter = new Meter($"Faros.Plugin.{spec.Id}"),
            AgentStatus = new PluginStatusCapture(OnReport),
            Time = _services.Options.Time,
        };
        loaded.PluginContext = context;
        var instance = await TimeLimit.RunAsync($"Creating {spec.DisplayName}", _ => ValueTask.FromResult(PluginLoader.CreateInstance(loaded)), _services.Options.StartTimeout, _stopping.Token).ConfigureAwait(false);
        loaded.Instance = instance;
        await TimeLimit.RunAsync($"Start of {spec.DisplayName}", token => instance.StartAsync(context, token), _services.Options.StartTimeout, _stopping.Token).ConfigureAwait(false);
        loaded.Reconcilers = new PluginReconcilers(instance.Reconcilers, _services.Options.ReconcileBackoff, _logger);
    }

    private async Task ReconfigureAsync(PluginSpec spec)
    {
        var loaded = _loaded!;
        PluginConfigurationSchema.Require(spec, loaded.Manifest);
        if (loaded.Instance is IReconfigurablePlugin reconfigurable)
        {
            await TimeLimit.RunAsync($"Reconfiguring {spec.DisplayName}", token => reconfigurable.ReconfigureAsync(spec.Configuration, token), _services.Options.StartTimeout, _stopping.Token).ConfigureAwait(false);
            _running = spec;
            _services.PluginRunning(spec);
            Publish(PluginPhase.Running, spec, "Reconfigured in place.");
        }
        else
        {
            // Same version, same context: only the instance is replaced, nothing is loaded again.
            Publish(PluginPhase.Starting, spec, "Restarting with the new configuration.");
            await StopInstanceAsync().ConfigureAwait(false);
            _running = spec;
            await StartInstanceAsync(spec).ConfigureAwait(false);
            _services.PluginRunning(spec);
            Publish(PluginPhase.Running, spec, "Restarted with the new configuration (same load context).");
        }
    }

    private async Task CheckHealthAsync()
    {
        var instance = _loaded!.Instance!;
        var spec = _running!;
        var health = await TimeLimit.RunAsync($"Health check of {spec.DisplayName}", instance.CheckHealthAsync, _services.Options.HealthTimeout, CancellationToken.None).ConfigureAwait(false);
        _failures = 0;
        if (health != Snapshot.Health)
        {
            var message = health.State == HealthState.Healthy ? "Running." : $"Running, {health.State}: {health.Description}";
            Publish(PluginPhase.Running, spec, message, health: health);
        }
    }

    private async Task RecoverAsync(PluginSpec spec, string failure, RefusalReason? refusal, bool keepsRunning)
    {
        _failures++;
        var delay = _services.Options.RestartBackoff.DelayAfter(_failures);
        if (keepsRunning)
        {
            // A new version could not be prepared: the old one keeps running untouched.
            var change = spec.IsSamePackageAs(_running!) ? "Could not apply the new configuration" : $"Could not switch to {Format(spec)}";
            Publish(PluginPhase.Running, _running!, $"{change}: {failure} Retrying in {delay.TotalSeconds:0.#} s.", refusal: refusal);
        }
        else
        {
            if (_loaded is not null)
            {
                await UnloadCurrentAsync().ConfigureAwait(false);
            }

            _restarts++;
            Publish(PluginPhase.Failed, spec, $"{failure} Restarting in {delay.TotalSeconds:0.#} s.", refusal: refusal);
        }

        // A spec change or removal cuts the wait short; either way the loop looks at the spec again.
        await _wake.WaitAsync(delay).ConfigureAwait(false);
    }

    private async Task ShutDownAsync()
    {
        var spec = _running ?? Volatile.Read(ref _desired);
        if (_loaded is not null)
        {
            await UnloadCurrentAsync().ConfigureAwait(false);
        }

        Publish(PluginPhase.Stopped, spec, "Stopped and unloaded.");
        _services.PluginStopped(this, _forget);
    }

    /// <summary>Stops the instance (time-limited), unloads its context and confirms the context was collected.</summary>
    private async Task UnloadCurrentAsync()
    {
        var name = Format(_running ?? _desired);
        await StopInstanceAsync().ConfigureAwait(false);
        var context = Detach();
        if (!await CollectibleContextTracker.ConfirmCollectedAsync(context, _services.Options.UnloadTimeout, CancellationToken.None).ConfigureAwait(false))
        {
            _logger.LogError("{Plugin}: its load context was not collected within {Timeout}; the host needs a restart to free it", name, _services.Options.UnloadTimeout);
            _services.ContextLingers(Id, name, context);
        }
    }

    private async Task StopInstanceAsync()
    {
        var loaded = _loaded!;
        // A pass in flight finishes (or hits its time limit) first; later ones find no reconcilers.
        var gated = await _instanceGate.WaitAsync(_services.Options.ReconcileTimeout).ConfigureAwait(false);
        loaded.Reconcilers = null;
        if (gated)
        {
            _instanceGate.Release();
        }

        if (loaded.Instance is { } instance)
        {
            try
            {
                await TimeLimit.RunAsync($"Stop of {Format(_running!)}", instance.StopAsync, _services.Options.StopTimeout, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                _logger.LogWarning("{Plugin}: stop failed: {Failure}", Format(_running!), Describe(ex));
            }
        }

        loaded.PluginContext?.Meter.Dispose();
        loaded.Instance = null;
        loaded.PluginContext = null;
    }

    /// <summary>Drops every strong reference to the loaded plugin; not inlined so no frame keeps one.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private WeakReference Detach()
    {
        var loaded = _loaded!;
        _loaded = null;
        _running = null;
        return PluginLoader.BeginUnload(loaded);
    }

    private void OnReport(PluginStatusReport report)
    {
        lock (_gate)
        {
            _snapshot = _snapshot with { Report = report, Since = _services.Time.GetUtcNow() };
        }

        _services.Publish(Snapshot);
    }

    private void Publish(PluginPhase phase, PluginSpec spec, string message, string? signer = null, PluginHealth? health = null, RefusalReason? refusal = null)
    {
        PluginSnapshot snapshot;
        lock (_gate)
        {
            var keepsSigner = phase == PluginPhase.Running;
            snapshot = _snapshot = _snapshot with
            {
                Version = Format(spec),
                Phase = phase,
                Message = message,
                Refusal = refusal,
                Signer = signer ?? (keepsSigner ? _snapshot.Signer : null),
                Health = health ?? (phase == PluginPhase.Running ? _snapshot.Health : null),
                Report = phase is PluginPhase.Running or PluginPhase.Starting ? _snapshot.Report : null,
                Restarts = _restarts,
                Kinds = phase == PluginPhase.Running ? Kinds : [],
                Since = _services.Time.GetUtcNow(),
            };
        }

        _logger.LogInformation("{Plugin} {Version}: {Phase}: {Message}", snapshot.Id, snapshot.Version, phase, message);
        _services.Publish(snapshot);
    }

    private static string Format(PluginSpec spec) => spec.Version.ToNormalizedString();

    private static string Describe(Exception ex) => ex switch
    {
        PluginRefusedException refused => refused.Message,
        PluginFetchException or PluginTimeoutException or PluginPreparationException => ex.Message,
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };
}
