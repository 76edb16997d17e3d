using System.Text.Json.Nodes;
using Faros.Agent.Tests.Fixtures;
using Faros.Api.Edge;
using Faros.Api.Kubernetes;
using Faros.Operator.HubPlugins;
using Faros.Operator.Tests.EdgeAgents;
using Faros.Sdk.Reconciliation;
using k8s;
using k8s.Models;
using NuGet.Versioning;

namespace Faros.Operator.Tests.HubPlugins;

/// <summary>
/// Hub-side plugins in the operator's real host: real test plugins (the agent tests' Faros.TestPlugins, packed with
/// the SDK targets, one for the hub side and one for the device side) pushed signed to a real registry, pinned by
/// the edge Agent reconciler on a real API server, then loaded by the operator's plugin host. The Echo plugin's code
/// leaves evidence in its state directory ({generation}.started, config.json, stopped).
/// </summary>
[TestFixture]
public sealed class HubPluginTests : OperatorSuite
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private TestPluginPackages plugins = null!;

    protected override string NamespacePrefix => "hub";

    protected override string[] OperatorArguments =>
        ["--Operator:HubPluginCacheDirectory", Files.Sub("cache"), "--Operator:HubPluginStateDirectory", Files.Sub("state")];

    protected override async Task PrepareAsync()
    {
        plugins = await TestPluginPackages.PackAsync(TestPluginPackages.HubOnly, TestPluginPackages.Echo);
        using (var http = Registry.CreateClient())
        {
            foreach (var plugin in plugins.All)
            {
                await new PackagePublishClient(http).PushOrThrowAsync(
                    new TestPackage(plugin.Id, NuGetVersion.Parse(plugin.Version), await File.ReadAllBytesAsync(plugin.Path)), Registry.BootstrapApiKey);
            }
        }
    }

    // The packages are in the registry by now; the operator downloads them from there.
    [OneTimeTearDown]
    public void DeletePackedPlugins() => plugins?.Dispose();

    private string StateOf(string pluginId) => Path.Combine(Files.Path, "state", Ns, pluginId);

    [Test]
    public async Task A_pinned_hub_side_plugin_runs_in_the_operator_until_its_reference_is_removed()
    {
        var created = await Agents.CreateAsync(Agent("gateway", new PluginReference
        {
            Name = "hub", Package = TestPluginPackages.HubOnly, Version = "[1.0.0]", Config = new JsonObject { ["mode"] = "hub-mode" },
        }));

        var ready = await ConditionAsync(created.Name(), c => c?.Status == ConditionStatus.True, "HubPluginsReady True");
        Assert.Multiple(() =>
        {
            Assert.That(ready.Status.Conditions.FindCondition(HubPluginConditions.HubPluginsReady)!.Message, Does.Contain($"{TestPluginPackages.HubOnly} 1.0.0: Running"));
            Assert.That(File.Exists(Path.Combine(StateOf(TestPluginPackages.HubOnly), "v1.started")), "the plugin's StartAsync ran in the operator");
            Assert.That(File.ReadAllText(Path.Combine(StateOf(TestPluginPackages.HubOnly), "config.json")), Does.Contain("hub-mode"));
            Assert.That(File.Exists(Path.Combine(StateOf(TestPluginPackages.HubOnly), "stopped")), Is.False);
        });

        ready.Spec.Plugins.Clear();
        await Agents.ReplaceAsync(ready);

        await ConditionAsync(created.Name(), c => c is null, "HubPluginsReady removed");
        await Eventually.HoldsAsync(() => File.Exists(Path.Combine(StateOf(TestPluginPackages.HubOnly), "stopped")), Patience, "the plugin's StopAsync ran");
    }

    [Test]
    public async Task A_changed_pin_hot_swaps_the_hub_plugin_and_deleting_the_agent_unloads_it()
    {
        const string id = TestPluginPackages.HubOnly;
        // Its own namespace: one instance runs per namespace and plugin, and the first test runs the same plugin.
        var swapNamespace = await OperatorTestEnvironment.CreateNamespaceAsync(Client, "hub-swap");
        await using var swapOperator = await OperatorUnderTest.StartAsync(swapNamespace, Registry.ServiceIndex, services: null,
            "--Operator:HubPluginCacheDirectory", Files.Sub("swap-cache"), "--Operator:HubPluginStateDirectory", Files.Sub("swap-state"));
        var state = Path.Combine(Files.Path, "swap-state", swapNamespace, id);
        var created = await Agents.CreateAsync(new EdgeAgent
        {
            Metadata = new V1ObjectMeta { Name = "swap", NamespaceProperty = swapNamespace },
            Spec = new EdgeAgentSpec { Plugins = [new PluginReference { Name = "hub", Package = id, Version = "[1.0.0]" }] },
        });
        await Eventually.GetAsync(() => Agents.GetAsync(swapNamespace, created.Name()),
            a => a.Status.Conditions.FindCondition(HubPluginConditions.HubPluginsReady)?.Message.Contains($"{id} 1.0.0: Running") == true, Patience, "1.0.0 running");

        var running = await Agents.GetAsync(swapNamespace, created.Name());
        running.Spec.Plugins[0].Version = "[2.0.0]";
        await Agents.ReplaceAsync(running);
        var swapped = await Eventually.GetAsync(() => Agents.GetAsync(swapNamespace, created.Name()),
            a => a.Status.Conditions.FindCondition(HubPluginConditions.HubPluginsReady) is { Status: ConditionStatus.True } c && c.Message.Contains($"{id} 2.0.0: Running"),
            Patience, "2.0.0 running");
        Assert.Multiple(() =>
        {
            Assert.That(File.Exists(Path.Combine(state, "v2.started")), "version 2 started");
            Assert.That(File.ReadAllText(Path.Combine(state, "stopped")), Is.EqualTo("v1"), "version 1 stopped before version 2 started");
            Assert.That(swapped.Status.Plugins.Single().Version, Is.EqualTo("2.0.0"));
        });

        await Agents.DeleteAsync(swapNamespace, created.Name());
        await Eventually.HoldsAsync(() => File.Exists(Path.Combine(state, "stopped")) && File.ReadAllText(Path.Combine(state, "stopped")) == "v2", Patience, "version 2 stopped on deletion");
    }

    [Test]
    public async Task A_device_side_plugin_is_not_run_by_the_operator()
    {
        var created = await Agents.CreateAsync(Agent("sensor", new PluginReference { Name = "echo", Package = TestPluginPackages.Echo, Version = "[1.0.0]" }));

        var pinned = await Eventually.GetAsync(() => Agents.GetAsync(Ns, created.Name()), a => a.Status.Plugins.Any(p => p.Digest is not null), Patience, "the device plugin pinned");
        // The hub controller has seen the pin (the status write that made it is a watch event); give it a moment to misbehave.
        await Task.Delay(TimeSpan.FromSeconds(1));
        var agent = await Agents.GetAsync(Ns, created.Name());
        Assert.Multiple(() =>
        {
            Assert.That(pinned.Status.Plugins.Single().Package, Is.EqualTo(TestPluginPackages.Echo));
            Assert.That(agent.Status.Conditions.FindCondition(HubPluginConditions.HubPluginsReady), Is.Null);
            Assert.That(Directory.Exists(StateOf(TestPluginPackages.Echo)), Is.False);
        });
    }

    [Test]
    public async Task A_hub_plugin_reconciles_every_resource_of_its_kind_in_the_namespace_and_ones_created_later()
    {
        var echoKind = new ResourceKind("testplugins.faros.sh", "v1alpha1", "Echo", "echoes");
        var driveNamespace = await OperatorTestEnvironment.CreateNamespaceAsync(Client, "hub-drive");
        await using var driveOperator = await OperatorUnderTest.StartAsync(driveNamespace, Registry.ServiceIndex, services: null,
            "--Operator:HubPluginCacheDirectory", Files.Sub("drive-cache"), "--Operator:HubPluginStateDirectory", Files.Sub("drive-state"));
        await Agents.CreateAsync(new EdgeAgent
        {
            Metadata = new V1ObjectMeta { Name = "gateway", NamespaceProperty = driveNamespace },
            Spec = new EdgeAgentSpec
            {
                Plugins = [new PluginReference
                {
                    Name = "hub", Package = TestPluginPackages.HubOnly, Version = "[1.0.0]",
                    ConfigRef = new PluginConfigReference { ApiVersion = echoKind.ApiVersion, Kind = echoKind.Kind, Name = "first" },
                }],
            },
        });
        await Eventually.GetAsync(() => Agents.GetAsync(driveNamespace, "gateway"),
            a => a.Status.Conditions.FindCondition(HubPluginConditions.HubPluginsReady)?.Status == ConditionStatus.True, Patience, "the configRef'd hub plugin Running");
        var echoes = new ResourceClient<UntypedResource>(Client, echoKind);

        // The operator installed the plugin's CRD when it pinned the plugin.
        await echoes.CreateAsync(Echo(driveNamespace, "first", "hello"));
        var first = await EchoedAsync(echoes, driveNamespace, "first", "v1: hello");
        await echoes.CreateAsync(Echo(driveNamespace, "second", "later"));
        var second = await EchoedAsync(echoes, driveNamespace, "second", "v1: later");

        Assert.Multiple(() =>
        {
            Assert.That((long?)first["observedGeneration"], Is.EqualTo(1));
            Assert.That((string?)first["conditions"]![0]!["type"], Is.EqualTo("Ready"));
            Assert.That((long?)second["observedGeneration"], Is.EqualTo(1));
        });
    }

    private static UntypedResource Echo(string Ns, string name, string message) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Ns },
        Fields = { ["spec"] = System.Text.Json.JsonSerializer.SerializeToElement(new JsonObject { ["message"] = message }) },
    };

    private static async Task<JsonNode> EchoedAsync(ResourceClient<UntypedResource> echoes, string Ns, string name, string echoed)
    {
        var resource = await Eventually.GetAsync(() => echoes.GetAsync(Ns, name),
            e => e.FindStatus() is { } status && status.TryGetProperty("echoed", out var value) && value.GetString() == echoed, Patience, $"{name} echoed by the hub plugin");
        return JsonNode.Parse(resource.FindStatus()!.Value.GetRawText())!;
    }

    private async Task<EdgeAgent> ConditionAsync(string name, Func<V1Condition?, bool> done, string what) =>
        await Eventually.GetAsync(() => Agents.GetAsync(Ns, name), a => done(a.Status.Conditions.FindCondition(HubPluginConditions.HubPluginsReady)), Patience, what);
}
