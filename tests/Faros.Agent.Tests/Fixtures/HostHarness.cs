using Faros.PluginHost;
using Faros.PluginHost.Supervision;
using Faros.PluginHost.Verification;
using Faros.Sdk.Reconciliation;
using Microsoft.Extensions.Logging.Abstractions;

namespace Faros.Agent.Tests.Fixtures;

/// <summary>
/// A <see cref="HostedPlugins"/> with its own cache and state directories, short time limits so failure paths
/// run in seconds, and a real trust check (an id allow list). Records every snapshot the host publishes.
/// </summary>
internal sealed class HostHarness : IAsyncDisposable
{
    private readonly TempDirectory? _ownedRoot;
    private readonly List<PluginSnapshot> _history = [];
    private readonly Lock _gate = new();

    /// <param name="quiet">No logs and no history: for measuring the host's own memory.</param>
    public HostHarness(string? root = null, IPluginTrustCheck? trust = null, Func<PluginHostOptions, PluginHostOptions>? configure = null, bool quiet = false)
    {
        if (root is null)
        {
            _ownedRoot = new TempDirectory("plugin-host");
            root = _ownedRoot.Path;
        }

        Root = root;
        var options = new PluginHostOptions
        {
            CacheDirectory = Path.Combine(root, "cache"),
            StateDirectory = Path.Combine(root, "state"),
            ServiceIndex = AgentTestRun.Feed.ServiceIndex,
            StartTimeout = TimeSpan.FromSeconds(2),
            StopTimeout = TimeSpan.FromSeconds(2),
            HealthInterval = TimeSpan.FromMilliseconds(200),
            HealthTimeout = TimeSpan.FromSeconds(2),
            UnloadTimeout = TimeSpan.FromSeconds(5),
            RestartBackoff = new ExponentialBackoff(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(2)),
        };
        Options = configure?.Invoke(options) ?? options;
        Host = new HostedPlugins(Options, trust ?? new PackageIdAllowList(["Faros.TestPlugins.*"]), quiet ? NullLoggerFactory.Instance : TestLogging.Factory);
        if (quiet)
        {
            return;
        }

        Host.PluginChanged += (_, snapshot) =>
        {
            lock (_gate)
            {
                _history.Add(snapshot);
            }
        };
    }

    public string Root { get; }

    public PluginHostOptions Options { get; }

    public HostedPlugins Host { get; }

    /// <summary>Every snapshot published so far, oldest first.</summary>
    public IReadOnlyList<PluginSnapshot> History
    {
        get
        {
            lock (_gate)
            {
                return _history.ToArray();
            }
        }
    }

    public string StateOf(string id) => Path.Combine(Options.StateDirectory, id);

    public PluginSnapshot? Find(string id) => Host.Snapshots.SingleOrDefault(s => s.Id == id);

    /// <summary>Polls the snapshots until <paramref name="condition"/> holds; fails showing them otherwise.</summary>
    public async Task<PluginSnapshot> WaitForAsync(string id, Func<PluginSnapshot, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            if (Find(id) is { } snapshot && condition(snapshot))
            {
                return snapshot;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"{id} did not reach the expected state. Now: {Describe(Find(id))}{Environment.NewLine}History:{Environment.NewLine}{string.Join(Environment.NewLine, History.Where(h => h.Id == id).Select(Describe))}");
            }

            await Task.Delay(20);
        }
    }

    public Task<PluginSnapshot> WaitForRunningAsync(string id, string version) =>
        WaitForAsync(id, s => s.Phase == PluginPhase.Running && s.Version == version);

    /// <summary>Waits until <paramref name="id"/> is gone from the snapshots (stopped and unloaded).</summary>
    public async Task WaitForGoneAsync(string id)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (Find(id) is { } snapshot)
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"{id} was not removed. Now: {Describe(snapshot)}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Runs <paramref name="spec"/> in a host over <paramref name="root"/> until it is Running, then stops that host.</summary>
    public static async Task RunOnceAsync(string root, PluginSpec spec)
    {
        await using var harness = new HostHarness(root);
        harness.Host.Apply([spec]);
        await harness.WaitForRunningAsync(spec.Id, spec.Version.ToNormalizedString());
    }

    public static string Describe(PluginSnapshot? s) =>
        s is null ? "(absent)" : $"{s.Phase} {s.Version} restarts={s.Restarts} refusal={s.Refusal} message={s.Message}";

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        _ownedRoot?.Dispose();
    }
}
