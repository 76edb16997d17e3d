using Faros.Agent.Tests.Fixtures;
using Faros.Api.Edge;
using Faros.Api.Kubernetes;
using Faros.PluginHost.Supervision;
using k8s;
using k8s.Models;
using static Faros.Agent.Tests.Fixtures.TestPluginPackages;

namespace Faros.Agent.Tests.Agent;

/// <summary>The agent against a real kube-apiserver (the hub) and a real registry, the operator's part played by the test.</summary>
public sealed class AgentLoopTests
{
    [Test]
    public async Task The_agent_creates_its_Agent_runs_the_pinned_plugins_and_reports_phases_signer_and_heartbeat()
    {
        using var client = HubEnvironment.NewClient();
        var ns = await HubEnvironment.CreateNamespaceAsync(client);
        using var directory = new TempDirectory("agent");
        var agents = new ResourceClient<EdgeAgent>(client);
        await using var device = RunningAgent.Start(Options(HubEnvironment.Server.KubeconfigPath, ns, directory.Path), client);

        var created = await Eventually(() => agents.FindAsync(ns, "device-1"), a => a is not null);
        await PinAsync(agents, created!, AgentTestRun.Packages.Get(Echo), AgentTestRun.Feed);
        var running = await Eventually(() => agents.GetAsync(ns, "device-1"), a => a.Status.Plugins is [{ Phase: PluginPhases.Running }]);
        var lease = await client.CoordinationV1.ReadNamespacedLeaseAsync("device-1", ns);

        await PinAsync(agents, running, AgentTestRun.Packages.Get(Echo, "2.0.0"), AgentTestRun.Feed);
        var upgraded = await Eventually(() => agents.GetAsync(ns, "device-1"), a => a.Status.Plugins is [{ Phase: PluginPhases.Running, Message: var m }] && m!.StartsWith("2.0.0", StringComparison.Ordinal));

        Assert.Multiple(() =>
        {
            Assert.That(running.Status.Plugins[0].Signer, Is.EqualTo("allow-list:Faros.TestPlugins.*"));
            Assert.That(running.Status.Plugins[0].Digest, Is.EqualTo(AgentTestRun.Packages.Get(Echo).Digest.Prefixed), "the operator's pin is kept");
            Assert.That(running.Status.LastHeartbeat, Is.Not.Null);
            Assert.That(lease.Spec.HolderIdentity, Is.EqualTo("device-1"));
            Assert.That(lease.Spec.RenewTime, Is.GreaterThan(DateTime.UtcNow.AddMinutes(-1)));
            Assert.That(File.ReadAllText(Path.Combine(directory.Path, "state", Echo, "config.json")), Is.EqualTo("""{"interval":3}"""), "spec.plugins[].config reaches the plugin");
            Assert.That(upgraded.Status.Plugins[0].Version, Is.EqualTo("2.0.0"));
            Assert.That(device.Loop.Plugins.Snapshots.Single().Version, Is.EqualTo("2.0.0"));
        });
    }

    [Test]
    public async Task An_agent_restarted_with_the_hub_and_the_registry_unreachable_brings_its_plugins_back_from_the_cache()
    {
        using var client = HubEnvironment.NewClient();
        var ns = await HubEnvironment.CreateNamespaceAsync(client);
        using var directory = new TempDirectory("agent-offline");
        var agents = new ResourceClient<EdgeAgent>(client);
        var feed = await PluginFeed.StartAsync(AgentTestRun.Packages);
        await using (var online = RunningAgent.Start(Options(HubEnvironment.Server.KubeconfigPath, ns, directory.Path), client))
        {
            var created = await Eventually(() => agents.FindAsync(ns, "device-1"), a => a is not null);
            await PinAsync(agents, created!, AgentTestRun.Packages.Get(Echo), feed);
            await Eventually(() => agents.GetAsync(ns, "device-1"), a => a.Status.Plugins is [{ Phase: PluginPhases.Running }]);
        }

        await feed.DisposeAsync();
        var deadHub = Path.Combine(directory.Path, "dead-hub.kubeconfig");
        File.WriteAllText(deadHub, File.ReadAllText(HubEnvironment.Server.KubeconfigPath).Replace(HubEnvironment.Server.Server.GetLeftPart(UriPartial.Authority).TrimEnd('/'), $"https://127.0.0.1:{FreeTcpPort.Next()}", StringComparison.Ordinal));
        using var deadClient = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(deadHub));
        await using var offline = RunningAgent.Start(Options(deadHub, ns, directory.Path), deadClient);

        var snapshot = await Eventually(() => Task.FromResult(offline.Loop.Plugins.Snapshots.SingleOrDefault()), s => s?.Phase == PluginPhase.Running);
        Assert.That(snapshot!.Version, Is.EqualTo("1.0.0"));
    }

    [Test]
    public async Task A_pin_that_is_not_an_exact_version_with_a_digest_is_reported_failed_with_the_reason()
    {
        using var client = HubEnvironment.NewClient();
        var ns = await HubEnvironment.CreateNamespaceAsync(client);
        using var directory = new TempDirectory("agent-bad-pin");
        var agents = new ResourceClient<EdgeAgent>(client);
        await using var device = RunningAgent.Start(Options(HubEnvironment.Server.KubeconfigPath, ns, directory.Path), client);
        var created = await Eventually(() => agents.FindAsync(ns, "device-1"), a => a is not null);

        await PinAsync(agents, created!, AgentTestRun.Packages.Get(Echo) with { Version = "1.*" }, AgentTestRun.Feed);
        var failed = await Eventually(() => agents.GetAsync(ns, "device-1"), a => a.Status.Plugins is [{ Phase: PluginPhases.Failed }]);

        Assert.Multiple(() =>
        {
            Assert.That(failed.Status.Plugins[0].Message, Does.Contain("is not an exact version with a sha512-<base64> digest"));
            Assert.That(device.Loop.Plugins.Snapshots, Is.Empty);
        });
    }

    [Test]
    public async Task A_configRef_to_a_kind_its_plugin_does_not_reconcile_is_reported_failed_naming_the_kinds_it_does()
    {
        using var client = HubEnvironment.NewClient();
        var ns = await HubEnvironment.CreateNamespaceAsync(client);
        using var directory = new TempDirectory("agent-configref-kind");
        var agents = new ResourceClient<EdgeAgent>(client);
        await using var device = RunningAgent.Start(Options(HubEnvironment.Server.KubeconfigPath, ns, directory.Path), client);
        var created = await Eventually(() => agents.FindAsync(ns, "device-1"), a => a is not null);

        await PinAsync(agents, created!, AgentTestRun.Packages.Get(Echo), AgentTestRun.Feed, new PluginConfigReference { Kind = "Network", Name = "wg0" });
        var failed = await Eventually(() => agents.GetAsync(ns, "device-1"), a => a.Status.Plugins is [{ Phase: PluginPhases.Failed }]);

        Assert.Multiple(() =>
        {
            Assert.That(failed.Status.Plugins[0].Message, Does.Contain("configRef names Network wg0 (plugins.faros.sh/v1alpha1), which Faros.TestPlugins.Echo 1.0.0 does not reconcile"));
            Assert.That(failed.Status.Plugins[0].Message, Does.Contain("it reconciles Echo.testplugins.faros.sh/v1alpha1"));
            Assert.That(device.Loop.Resources.Targets, Is.Empty, "nothing is watched for it");
            Assert.That(device.Loop.Plugins.Snapshots.Single().Phase, Is.EqualTo(PluginPhase.Running), "the plugin itself was loaded like any other");
        });
    }

    [Test]
    public async Task A_pin_reaches_the_agent_through_its_watch_without_waiting_for_the_resync_or_a_heartbeat()
    {
        using var client = HubEnvironment.NewClient();
        var ns = await HubEnvironment.CreateNamespaceAsync(client);
        using var directory = new TempDirectory("agent-watch");
        var agents = new ResourceClient<EdgeAgent>(client);
        var slow = WithoutResyncOrHeartbeat(Options(HubEnvironment.Server.KubeconfigPath, ns, directory.Path));
        await using var device = RunningAgent.Start(slow, client);
        var created = await Eventually(() => agents.FindAsync(ns, "device-1"), a => a is not null);
        await Eventually(() => agents.GetAsync(ns, "device-1"), a => a.Status.LastHeartbeat is not null);

        var pinned = System.Diagnostics.Stopwatch.StartNew();
        await PinAsync(agents, created!, AgentTestRun.Packages.Get(Echo), AgentTestRun.Feed);
        await Eventually(() => agents.GetAsync(ns, "device-1"), a => a.Status.Plugins is [{ Phase: PluginPhases.Running }]);
        var reached = pinned.Elapsed;

        Assert.That(reached, Is.LessThan(TimeSpan.FromSeconds(30)), "the watch delivered the pin; the next resync or heartbeat was 10 minutes away");
    }

    [Test]
    public async Task A_watch_from_an_expired_version_is_answered_410_and_the_agent_lists_again_and_keeps_following_its_Agent()
    {
        using var client = HubEnvironment.NewClient();
        var ns = await HubEnvironment.CreateNamespaceAsync(client);
        using var directory = new TempDirectory("agent-gone");
        var agents = new ResourceClient<EdgeAgent>(client);
        var slow = WithoutResyncOrHeartbeat(Options(HubEnvironment.Server.KubeconfigPath, ns, directory.Path));
        await using var device = RunningAgent.Start(slow, client, loop => loop.Watcher.ResumeFrom("1"));
        var created = await Eventually(() => agents.FindAsync(ns, "device-1"), a => a is not null);
        await Eventually(() => Task.FromResult(device.Loop.Watcher.Lists), lists => lists >= 1);

        await PinAsync(agents, created!, AgentTestRun.Packages.Get(Echo), AgentTestRun.Feed);
        await Eventually(() => agents.GetAsync(ns, "device-1"), a => a.Status.Plugins is [{ Phase: PluginPhases.Running }]);

        Assert.That(device.Loop.Watcher.Lists, Is.EqualTo(1), "one list, after the 410 Gone; the pin then came through the resumed watch");
    }

    /// <summary>Only the watch can make a sync due within a test's time.</summary>
    private static AgentOptions WithoutResyncOrHeartbeat(AgentOptions options)
    {
        options.SyncInterval = TimeSpan.FromMinutes(10);
        options.HeartbeatInterval = TimeSpan.FromMinutes(10);
        return options;
    }

    private static AgentOptions Options(string kubeconfig, string ns, string root) => new()
    {
        Kubeconfig = kubeconfig,
        Name = "device-1",
        Namespace = ns,
        Registry = AgentTestRun.Feed.ServiceIndex,
        CacheDirectory = Path.Combine(root, "cache"),
        StateDirectory = Path.Combine(root, "state"),
        TrustedPlugins = ["Faros.TestPlugins.*"],
        SyncInterval = TimeSpan.FromMinutes(10),
        WatchTimeout = TimeSpan.FromSeconds(5),
        HeartbeatInterval = TimeSpan.FromSeconds(1),
        HubBackoff = new Faros.Sdk.Reconciliation.ExponentialBackoff(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1)),
    };

    /// <summary>Plays the operator: the spec references the plugin, the status pins its version, digest and URL.</summary>
    /// <param name="configRef">Instead of the inline configuration, the resource the plugin takes it from.</param>
    internal static async Task PinAsync(ResourceClient<EdgeAgent> agents, EdgeAgent agent, PackedPlugin package, PluginFeed feed, PluginConfigReference? configRef = null)
    {
        var (ns, name) = (agent.Metadata.NamespaceProperty, agent.Metadata.Name);
        await RetryOnConflictAsync(async () =>
        {
            var current = await agents.GetAsync(ns, name);
            current.Spec.Plugins = [configRef is null
                ? new PluginReference { Name = "echo", Package = package.Id, Config = new System.Text.Json.Nodes.JsonObject { ["interval"] = 3 } }
                : new PluginReference { Name = "echo", Package = package.Id, ConfigRef = configRef }];
            await agents.ReplaceAsync(current);
        });
        await RetryOnConflictAsync(async () =>
        {
            var current = await agents.GetAsync(ns, name);
            current.Status.Plugins = [new PluginStatus { Name = "echo", Package = package.Id, Version = package.Version, Digest = package.Digest.Prefixed, DownloadUrl = feed.DownloadUrl(package).ToString(), Phase = PluginPhases.Resolved }];
            await agents.ReplaceStatusAsync(current);
        });
    }

    /// <summary>The agent writes status concurrently, as it would against the real operator: re-read and try again.</summary>
    private static async Task RetryOnConflictAsync(Func<Task> write)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await write();
                return;
            }
            catch (k8s.Autorest.HttpOperationException conflict) when (conflict.Response.StatusCode == System.Net.HttpStatusCode.Conflict && attempt < 20)
            {
                await Task.Delay(50);
            }
        }
    }

    internal static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var value = await read();
            if (condition(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The condition did not hold within 60 s; last value: {System.Text.Json.JsonSerializer.Serialize(value)}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>An agent loop running in the background until disposed.</summary>
    internal sealed class RunningAgent : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private Task _run = Task.CompletedTask;

        private RunningAgent(AgentLoop loop) => Loop = loop;

        public AgentLoop Loop { get; }

        public static RunningAgent Start(AgentOptions options, IKubernetes client, Action<AgentLoop>? beforeRun = null)
        {
            var agent = new RunningAgent(new AgentLoop(options, client, TestLogging.Factory));
            beforeRun?.Invoke(agent.Loop);
            agent._run = Task.Run(() => agent.Loop.RunAsync(agent._stop.Token));
            return agent;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _run;
            await Loop.DisposeAsync();
            _stop.Dispose();
        }
    }
}
