using System.Text.Json.Nodes;
using Faros.Agent.Tests.Fixtures;
using Faros.Agent.Tests.PluginHost;
using Faros.Api.Crds;
using Faros.Api.Kubernetes;
using Faros.PluginHost.Reconciling;
using Faros.Sdk.Reconciliation;
using k8s;
using k8s.Models;
using static Faros.Agent.Tests.Fixtures.TestPluginPackages;

namespace Faros.Agent.Tests.Agent;

/// <summary>The plugin resource driver against a real kube-apiserver: Echo resources reconciled by the Echo test plugin, status written back.</summary>
public sealed class PluginResourceDriverTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [OneTimeSetUp]
    public async Task InstallEchoDefinitionAsync()
    {
        using var client = HubEnvironment.NewClient();
        await CustomResourceDefinitionInstaller.InstallAsync(client, [EchoDefinition], TimeSpan.FromSeconds(30));
    }

    [Test]
    public async Task A_named_resource_waits_for_its_plugin_gets_its_status_follows_spec_changes_and_its_own_writes_do_not_loop()
    {
        using var client = HubEnvironment.NewClient();
        var ns = await HubEnvironment.CreateNamespaceAsync(client);
        var echoes = new ResourceClient<UntypedResource>(client, ReconcileTests.EchoKind);
        await echoes.CreateAsync(NewEcho(ns, "greeting", "hello"));
        await echoes.CreateAsync(NewEcho(ns, "bystander", "not named"));
        await using var harness = new HostHarness();
        await using var driver = new PluginResourceDriver(harness.Host, client, Settings, TestLogging.Factory.CreateLogger("driver"));

        driver.SetTargets([new PluginResourceTarget(ReconcileTests.EchoKind, ns, "greeting")]);
        harness.Host.Apply([AgentTestRun.Packages.Get(Echo).Spec()]);
        var first = await StatusOfAsync(echoes, ns, "greeting", s => (string?)s?["echoed"] == "v1: hello");

        var edited = await echoes.GetAsync(ns, "greeting");
        edited.Fields["spec"] = System.Text.Json.JsonSerializer.SerializeToElement(new JsonObject { ["message"] = "again" });
        await echoes.ReplaceAsync(edited);
        var second = await StatusOfAsync(echoes, ns, "greeting", s => (string?)s?["echoed"] == "v1: again");
        var (passes, writes) = (driver.Passes, driver.StatusWrites);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var bystander = await echoes.GetAsync(ns, "bystander");

        Assert.Multiple(() =>
        {
            Assert.That((long?)first!["observedGeneration"], Is.EqualTo(1));
            Assert.That((string?)first["conditions"]![0]!["type"], Is.EqualTo("Ready"));
            Assert.That((long?)second!["observedGeneration"], Is.EqualTo(2));
            Assert.That((driver.Passes, driver.StatusWrites), Is.EqualTo((passes, writes)), "its own status writes bring no new pass");
            Assert.That(bystander.FindStatus(), Is.Null, "only the named resource is driven");
        });
    }

    internal static PluginResourceDriverSettings Settings { get; } = new(TimeSpan.FromSeconds(30), new ExponentialBackoff(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(2)));

    internal static UntypedResource NewEcho(string ns, string name, string message) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Fields = { ["spec"] = System.Text.Json.JsonSerializer.SerializeToElement(new JsonObject { ["message"] = message }) },
    };

    /// <summary>Polls the resource's status until <paramref name="condition"/> holds.</summary>
    internal static async Task<JsonNode?> StatusOfAsync(ResourceClient<UntypedResource> resources, string ns, string name, Func<JsonNode?, bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var status = (await resources.GetAsync(ns, name)).FindStatus() is { } element ? JsonNode.Parse(element.GetRawText()) : null;
            if (condition(status))
            {
                return status;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The status of {ns}/{name} did not reach the expected state within {Patience.TotalSeconds:0} s; now: {status?.ToJsonString() ?? "none"}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The test plugins' Echo kind, schemaless, with a status subresource.</summary>
    private static V1CustomResourceDefinition EchoDefinition => new()
    {
        Metadata = new V1ObjectMeta { Name = $"{ReconcileTests.EchoKind.Plural}.{ReconcileTests.EchoKind.Group}" },
        Spec = new V1CustomResourceDefinitionSpec
        {
            Group = ReconcileTests.EchoKind.Group,
            Scope = "Namespaced",
            Names = new V1CustomResourceDefinitionNames { Kind = ReconcileTests.EchoKind.Kind, Plural = ReconcileTests.EchoKind.Plural, Singular = "echo", ListKind = "EchoList" },
            Versions =
            [
                new V1CustomResourceDefinitionVersion
                {
                    Name = ReconcileTests.EchoKind.Version,
                    Served = true,
                    Storage = true,
                    Subresources = new V1CustomResourceSubresources { Status = new object() },
                    Schema = new V1CustomResourceValidation { OpenAPIV3Schema = new V1JSONSchemaProps { Type = "object", XKubernetesPreserveUnknownFields = true } },
                },
            ],
        },
    };
}
