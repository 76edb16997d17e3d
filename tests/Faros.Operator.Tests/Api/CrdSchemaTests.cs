using System.Net;
using Faros.Api.Core;
using Faros.Api.Crds;
using Faros.Api.Edge;
using Faros.Api.Kubernetes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Faros.Operator.Tests.Api;

/// <summary>The CRDs' schemas reject what the models forbid, and kubectl shows the printer columns.</summary>
[TestFixture]
public sealed class CrdSchemaTests
{
    private Kubernetes client = null!;
    private string ns = null!;

    [OneTimeSetUp]
    public async Task CreateNamespaceAsync()
    {
        client = OperatorTestEnvironment.NewClient();
        ns = await OperatorTestEnvironment.CreateNamespaceAsync(client, "schema");
    }

    [OneTimeTearDown]
    public void DisposeClient() => client?.Dispose();

    [Test]
    public void Every_crd_is_structural_with_a_status_subresource_and_printer_columns()
    {
        Assert.That(FarosCustomResourceDefinitions.All.Select(crd => crd.Metadata.Name), Is.EquivalentTo(new[]
        {
            "agents.edge.faros.sh", "registrations.edge.faros.sh", "networks.plugins.faros.sh", "containerruntimes.plugins.faros.sh",
            "clusters.core.faros.sh", "agents.core.faros.sh", "agents.intelligence.faros.sh", "trustpolicies.plugins.faros.sh",
        }));
        foreach (var crd in FarosCustomResourceDefinitions.All)
        {
            var installed = client.ApiextensionsV1.ReadCustomResourceDefinition(crd.Metadata.Name);
            Assert.That(installed.Status.Conditions.Any(c => c.Type == "NonStructuralSchema"), Is.False, crd.Metadata.Name);
            // A TrustPolicy is configuration only: nothing reconciles it into a status.
            if (crd.Spec.Names.Kind != "TrustPolicy")
            {
                Assert.That(installed.Spec.Versions.Single().Subresources?.Status, Is.Not.Null, crd.Metadata.Name);
            }

            Assert.That(installed.Spec.Versions.Single().AdditionalPrinterColumns, Is.Not.Empty, crd.Metadata.Name);
        }
    }

    [Test]
    public async Task A_plugin_with_both_config_and_configRef_is_rejected()
    {
        var agents = new ResourceClient<EdgeAgent>(client);
        var agent = new EdgeAgent { Metadata = new V1ObjectMeta { Name = "both", NamespaceProperty = ns } };
        agent.Spec.Plugins.Add(new PluginReference
        {
            Name = "wireguard",
            Config = new System.Text.Json.Nodes.JsonObject { ["a"] = 1 },
            ConfigRef = new PluginConfigReference { Kind = "Network", Name = "wg0" },
        });
        var rejected = Assert.ThrowsAsync<HttpOperationException>(() => agents.CreateAsync(agent));
        Assert.That(rejected!.Response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), rejected.Response.Content);
    }

    [Test]
    public async Task Duplicate_plugin_names_and_invalid_names_are_rejected()
    {
        var agents = new ResourceClient<EdgeAgent>(client);
        var duplicate = new EdgeAgent { Metadata = new V1ObjectMeta { Name = "dup", NamespaceProperty = ns } };
        duplicate.Spec.Plugins.Add(new PluginReference { Name = "wireguard" });
        duplicate.Spec.Plugins.Add(new PluginReference { Name = "wireguard" });
        var rejected = Assert.ThrowsAsync<HttpOperationException>(() => agents.CreateAsync(duplicate));
        Assert.That(rejected!.Response.Content, Does.Contain("Duplicate"));

        var badName = new EdgeAgent { Metadata = new V1ObjectMeta { Name = "bad", NamespaceProperty = ns } };
        badName.Spec.Plugins.Add(new PluginReference { Name = "Not_A_Label" });
        rejected = Assert.ThrowsAsync<HttpOperationException>(() => agents.CreateAsync(badName));
        Assert.That(rejected!.Response.Content, Does.Contain("spec.plugins.name"));
        await Task.CompletedTask;
    }

    [Test]
    public async Task Status_rejects_a_malformed_digest_and_an_unknown_cluster_phase()
    {
        var agents = new ResourceClient<EdgeAgent>(client);
        var agent = new EdgeAgent { Metadata = new V1ObjectMeta { Name = "digest", NamespaceProperty = ns } };
        agent.Spec.Plugins.Add(new PluginReference { Name = "wireguard" });
        agent = await agents.CreateAsync(agent);
        agent.Status.Plugins.Add(new PluginStatus { Name = "wireguard", Digest = "sha256-abc", Phase = PluginPhases.Resolved });
        var rejected = Assert.ThrowsAsync<HttpOperationException>(() => agents.ReplaceStatusAsync(agent));
        Assert.That(rejected!.Response.Content, Does.Contain("status.plugins.digest"));

        var clusters = new ResourceClient<Cluster>(client);
        var cluster = await clusters.CreateAsync(new Cluster { Metadata = new V1ObjectMeta { Name = "phase", NamespaceProperty = ns } });
        Assert.That(cluster.Spec.HeartbeatTimeoutSeconds, Is.EqualTo(300), "the CRD defaults the heartbeat timeout");
        cluster.Status.Phase = "Sleeping";
        rejected = Assert.ThrowsAsync<HttpOperationException>(() => clusters.ReplaceStatusAsync(cluster));
        Assert.That(rejected!.Response.Content, Does.Contain("status.phase"));
    }

    [Test]
    public async Task Kubectl_shows_phase_and_conditions_as_columns()
    {
        var clusters = new ResourceClient<Cluster>(client);
        var cluster = await clusters.CreateAsync(new Cluster { Metadata = new V1ObjectMeta { Name = "columns", NamespaceProperty = ns } });
        cluster.Status.Phase = ClusterPhases.Initializing;
        cluster.Status.SetCondition("Ready", false, "AgentStarting", "waiting for the first heartbeat", cluster.Metadata.Generation, DateTimeOffset.UtcNow);
        await clusters.ReplaceStatusAsync(cluster);

        var table = await OperatorTestEnvironment.KubectlAsync("-n", ns, "get", "clusters.core.faros.sh", "columns");
        Assert.That(table.Succeeded, table.ToString());
        var lines = table.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Does.Contain("PHASE").And.Contain("READY"));
        Assert.That(lines[1], Does.Contain("Initializing").And.Contain("False"));
    }
}
