using System.Text.Json.Nodes;
using Faros.Api;
using Faros.Api.Core;
using Faros.Api.Edge;
using Faros.Api.Intelligence;
using Faros.Api.Kubernetes;
using Faros.Api.Plugins;
using Faros.Sdk.Reconciliation;
using k8s;
using k8s.Models;

namespace Faros.Operator.Tests.Api;

/// <summary>
/// Every Faros model goes through the real API server and comes back equal: spec through create and get,
/// status through the status subresource. A field the CRD schema lacks would be pruned and fail the test.
/// </summary>
[TestFixture]
public sealed class ModelRoundTripTests
{
    private static readonly DateTime Heartbeat = new(2026, 11, 28, 21, 0, 0, DateTimeKind.Utc);
    private Kubernetes client = null!;
    private string ns = null!;

    [OneTimeSetUp]
    public async Task CreateNamespaceAsync()
    {
        client = OperatorTestEnvironment.NewClient();
        ns = await OperatorTestEnvironment.CreateNamespaceAsync(client, "roundtrip");
    }

    [OneTimeTearDown]
    public void DisposeClient() => client?.Dispose();

    [Test]
    public Task Edge_agent_round_trips() => RoundTripAsync(
        new EdgeAgent
        {
            Spec = new EdgeAgentSpec
            {
                Plugins =
                [
                    new PluginReference { Name = "wireguard", Package = "Faros.Samples.WireGuard", Version = "[1.0.0, 2.0.0)", ConfigRef = new PluginConfigReference { ApiVersion = "plugins.faros.sh/v1alpha1", Kind = "Network", Name = "wg0" } },
                    new PluginReference { Name = "device-info", Version = "1.*", Config = new JsonObject { ["intervalSeconds"] = 30, ["labels"] = new JsonObject { ["site"] = "north" } } },
                ],
            },
        },
        resource =>
        {
            resource.Status.Plugins =
            [
                new PluginStatus
                {
                    Name = "wireguard", Package = "Faros.Samples.WireGuard", Version = "1.4.2",
                    Digest = "sha512-" + Convert.ToBase64String(new byte[64]), DownloadUrl = "https://registry.example/v3-flatcontainer/faros.samples.wireguard/1.4.2/faros.samples.wireguard.1.4.2.nupkg",
                    Signer = "CN=Faros", Phase = PluginPhases.Resolved, Message = "pinned 1.4.2 from [1.0.0, 2.0.0)",
                },
            ];
            resource.Status.LastHeartbeat = Heartbeat;
        });

    [Test]
    public Task Registration_round_trips() => RoundTripAsync(
        new Registration { Spec = new RegistrationSpec { AgentName = "device-1" } },
        resource =>
        {
            resource.Status.Server = "https://hub.example:6443";
            resource.Status.CertificateAuthorityData = Convert.ToBase64String("-----BEGIN CERTIFICATE-----"u8.ToArray());
            resource.Status.ServiceAccountName = "faros-device-1";
            resource.Status.TokenSecretName = "faros-device-1-token";
        });

    [Test]
    public Task Network_round_trips() => RoundTripAsync(
        new Network
        {
            // Field for field what samples/wireguard's NetworkSpec and WireGuardConfig write.
            Spec = new NetworkSpec
            {
                Type = "wireguard",
                Interface = "wg0",
                Addresses = ["10.8.0.2/24"],
                Config = JsonNode.Parse("""
                    {"privateKey":"yAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk=","listenPort":51820,
                     "peers":[{"publicKey":"xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=","endpoint":"hub.example:51820","allowedIPs":["10.8.0.0/24"],"persistentKeepalive":25}]}
                    """)!.AsObject(),
            },
        },
        resource =>
        {
            resource.Status.ConfigPath = "/etc/wireguard/wg0.conf";
            resource.Status.PeerCount = 1;
        });

    [Test]
    public Task Container_runtime_round_trips() => RoundTripAsync(
        new ContainerRuntime { Spec = new ContainerRuntimeSpec { Type = "docker", SocketPath = "/var/run/docker.sock", RefreshSeconds = 30 } },
        resource =>
        {
            resource.Status.EngineVersion = "27.3.1";
            resource.Status.ApiVersion = "1.47";
            resource.Status.Containers = [new RuntimeContainer { Id = "abc123", Name = "web", Image = "nginx:1.27", State = "running" }];
        });

    [Test]
    public Task Cluster_round_trips() => RoundTripAsync(
        new Cluster { Spec = new ClusterSpec { DisplayName = "North plant", HeartbeatTimeoutSeconds = 120 } },
        resource =>
        {
            resource.Status.Phase = ClusterPhases.Ready;
            resource.Status.AgentName = "north-agent";
            resource.Status.TokenSecretName = "north-agent-token";
            resource.Status.LastHeartbeat = Heartbeat;
        });

    [Test]
    public Task Core_agent_round_trips() => RoundTripAsync(
        new CoreAgent { Spec = new CoreAgentSpec { ClusterName = "north", TokenSecretRef = new SecretKeyReference { Name = "north-agent-token", Key = "token" } } },
        resource =>
        {
            resource.Status.LastHeartbeat = Heartbeat;
            resource.Status.AgentVersion = "1.0.0";
        });

    [Test]
    public Task Intelligence_agent_round_trips() => RoundTripAsync(
        new AiAgent
        {
            Spec = new AiAgentSpec
            {
                Backend = "openai", Model = "gpt-4o-mini", BaseUrl = "http://127.0.0.1:8080/v1",
                SecretRef = new SecretKeyReference { Name = "openai", Key = "apiKey" },
                ClusterSelector = new V1LabelSelector
                {
                    MatchLabels = new Dictionary<string, string> { ["site"] = "north" },
                    MatchExpressions = [new V1LabelSelectorRequirement { Key = "tier", OperatorProperty = "In", Values = ["edge"] }],
                },
            },
        },
        resource =>
        {
            resource.Status.Phase = ClusterPhases.Ready;
            resource.Status.Clusters = ["north", "south"];
            resource.Status.LastHeartbeat = Heartbeat;
        });

    private async Task RoundTripAsync<T>(T resource, Action<T> fillStatus)
        where T : class, IKubernetesObject<V1ObjectMeta>, IHasResourceStatus
    {
        var resources = new ResourceClient<T>(client);
        resource.Metadata = new V1ObjectMeta { Name = "roundtrip-" + resources.Kind.Plural, NamespaceProperty = ns };
        var specJson = Part(resource, "spec");

        // Status sent with create is dropped: only the status subresource writes it.
        fillStatus(resource);
        resource.CurrentStatus.SetCondition("Ready", true, "Tested", "set on create", 1, Heartbeat);
        var created = await resources.CreateAsync(resource);
        Assert.That(created.CurrentStatus.Conditions, Is.Empty, "status must be ignored on create");

        var read = await resources.GetAsync(ns, resource.Metadata.Name);
        Assert.That(JsonNode.DeepEquals(Part(read, "spec"), specJson), Is.True,
            $"spec changed on the way through the API server:\n sent {specJson}\n read {Part(read, "spec")}");

        fillStatus(read);
        read.CurrentStatus.ObservedGeneration = read.Metadata.Generation;
        read.CurrentStatus.SetCondition("Ready", true, "Tested", "status written through the subresource", read.Metadata.Generation, Heartbeat);
        var statusJson = Part(read, "status");
        await resources.ReplaceStatusAsync(read);

        var afterStatus = await resources.GetAsync(ns, resource.Metadata.Name);
        Assert.Multiple(() =>
        {
            Assert.That(JsonNode.DeepEquals(Part(afterStatus, "status"), statusJson), Is.True,
                $"status changed on the way through the API server:\n sent {statusJson}\n read {Part(afterStatus, "status")}");
            Assert.That(afterStatus.Metadata.Generation, Is.EqualTo(read.Metadata.Generation), "a status write must not bump the generation");
            Assert.That(afterStatus.CurrentStatus.IsConditionTrue("Ready"), Is.True);
            Assert.That(JsonNode.DeepEquals(Part(afterStatus, "spec"), specJson), Is.True, "a status write must not change spec");
        });
    }

    private static JsonNode? Part<T>(T resource, string name) => JsonNode.Parse(KubernetesJson.Serialize(resource))![name];
}
