using System.Text;
using Faros.Api;
using Faros.Api.Core;
using Faros.Api.Intelligence;
using Faros.Api.Kubernetes;
using Faros.Operator.Tests.EdgeAgents;
using Faros.Sdk.Reconciliation;
using k8s;
using k8s.Models;
using Reasons = Faros.Api.Intelligence.AiAgentConditions.Reasons;

namespace Faros.Operator.Tests.Intelligence;

/// <summary>The intelligence Agent reconciler against the real API server and an OpenAI-compatible endpoint on loopback.</summary>
[TestFixture]
public sealed class AiAgentReconcilerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private OpenAiCompatibleBackend backend = null!;
    private OperatorUnderTest operatorHost = null!;
    private Kubernetes client = null!;
    private ResourceClient<AiAgent> agents = null!;
    private string ns = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        client = OperatorTestEnvironment.NewClient();
        ns = await OperatorTestEnvironment.CreateNamespaceAsync(client, "ai");
        agents = new ResourceClient<AiAgent>(client);
        backend = await OpenAiCompatibleBackend.StartAsync("sk-faros-test", "gpt-4o-mini", "llama-3.1-8b");
        await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "openai" },
            Data = new Dictionary<string, byte[]> { ["apiKey"] = Encoding.UTF8.GetBytes("sk-faros-test"), ["wrongKey"] = Encoding.UTF8.GetBytes("sk-wrong") },
        }, ns);
        var clusters = new ResourceClient<Cluster>(client);
        foreach (var (name, site) in new[] { ("north", "north"), ("north-2", "north"), ("south", "south") })
        {
            await clusters.CreateAsync(new Cluster { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = new Dictionary<string, string> { ["site"] = site } } });
        }

        operatorHost = await OperatorUnderTest.StartAsync(ns, new Uri("http://127.0.0.1:9/v3/index.json"), null, "--Operator:AiProbeSeconds", "1");
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (operatorHost is not null)
        {
            await operatorHost.DisposeAsync();
        }

        if (backend is not null)
        {
            await backend.DisposeAsync();
        }

        client?.Dispose();
    }

    [Test]
    public async Task A_valid_backend_model_and_key_make_the_agent_Ready_with_its_selected_clusters()
    {
        await agents.CreateAsync(Agent("assistant", "gpt-4o-mini", "apiKey", new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["site"] = "north" } }));
        var ready = await Eventually.GetAsync(() => agents.GetAsync(ns, "assistant"), a => a.Status.Phase == ClusterPhases.Ready, Patience, "Ready");
        Assert.Multiple(() =>
        {
            Assert.That(ready.Status.Clusters, Is.EqualTo(new[] { "north", "north-2" }));
            Assert.That(ready.Status.LastHeartbeat, Is.Not.Null);
            Assert.That(ready.Status.FindCondition(AiAgentConditions.Ready)!.Reason, Is.EqualTo(Reasons.BackendReady));
            Assert.That(backend.AuthorizationHeaders, Does.Contain("Bearer sk-faros-test"), "the backend was asked with the key from the Secret");
        });
    }

    [TestCase("model-typo", "apiKey", "openai", Reasons.ModelNotFound, "gpt-4o-mini, llama-3.1-8b")]
    [TestCase("gpt-4o-mini", "wrongKey", "openai", Reasons.BackendUnauthorized, "not accepted")]
    [TestCase("gpt-4o-mini", "absentKey", "openai", Reasons.SecretKeyMissing, "has no key absentKey")]
    [TestCase("gpt-4o-mini", "apiKey", "missing-secret", Reasons.SecretNotFound, "does not exist")]
    public async Task A_broken_setting_fails_the_agent_with_its_reason(string model, string key, string secret, string reason, string message)
    {
        var name = "broken-" + reason.ToLowerInvariant();
        var agent = Agent(name, model, key, null);
        agent.Spec.SecretRef.Name = secret;
        await agents.CreateAsync(agent);
        var failed = await Eventually.GetAsync(() => agents.GetAsync(ns, name), a => a.Status.Phase == ClusterPhases.Failed, Patience, "Failed");
        var condition = failed.Status.FindCondition(AiAgentConditions.Ready)!;
        Assert.That(condition.Reason, Is.EqualTo(reason));
        Assert.That(condition.Message, Does.Contain(message));
        Assert.That(failed.Status.Clusters, Has.Count.EqualTo(3), "an empty selector selects every cluster");
    }

    [Test]
    public async Task An_unreachable_backend_fails_and_recovers_once_baseUrl_points_at_a_working_one()
    {
        var agent = Agent("unreachable", "gpt-4o-mini", "apiKey", null);
        agent.Spec.BaseUrl = $"http://127.0.0.1:{FreeTcpPort.Next()}/v1";
        await agents.CreateAsync(agent);
        var failed = await Eventually.GetAsync(() => agents.GetAsync(ns, "unreachable"), a => a.Status.Phase == ClusterPhases.Failed, Patience, "Failed");
        Assert.That(failed.Status.FindCondition(AiAgentConditions.Ready)!.Reason, Is.EqualTo(Reasons.BackendUnavailable));

        failed.Spec.BaseUrl = backend.BaseUrl.AbsoluteUri;
        await agents.ReplaceAsync(failed);
        await Eventually.GetAsync(() => agents.GetAsync(ns, "unreachable"), a => a.Status.Phase == ClusterPhases.Ready, Patience, "Ready after baseUrl was fixed");
    }

    private AiAgent Agent(string name, string model, string key, V1LabelSelector? selector) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new AiAgentSpec
        {
            Backend = "openai", Model = model, BaseUrl = backend.BaseUrl.AbsoluteUri,
            SecretRef = new SecretKeyReference { Name = "openai", Key = key }, ClusterSelector = selector,
        },
    };
}
