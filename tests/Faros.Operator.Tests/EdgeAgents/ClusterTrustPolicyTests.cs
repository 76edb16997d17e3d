using Faros.Api.Edge;
using Faros.Api.Kubernetes;
using Faros.Operator.TrustPolicies;
using Faros.Sdk.Reconciliation;
using Faros.Signing.Sigstore.Keys;
using k8s;
using k8s.Models;

namespace Faros.Operator.Tests.EdgeAgents;

/// <summary>
/// The cluster TrustPolicy resource as the operator's enforcement source, against the real API server and a real
/// registry: it decides PluginsVerified without a file, wins over a file, is applied to every Agent when edited,
/// and an invalid version leaves the last good one in force with a Warning event.
/// </summary>
[TestFixture]
public sealed class ClusterTrustPolicyTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly Lazy<SigstoreKeyPair> OtherKey = new(SigstoreKeyPair.Generate);
    private RegistryProcess registry = null!;
    private Kubernetes client = null!;
    private ResourceClient<EdgeAgent> agents = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        client = OperatorTestEnvironment.NewClient();
        agents = new ResourceClient<EdgeAgent>(client);
        registry = await RegistryProcess.StartAsync();
        var packages = new PluginPackages(registry);
        await packages.PushPluginAsync("Contoso.Gated", "1.0.0");
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (registry is not null)
        {
            await registry.DisposeAsync();
        }

        client?.Dispose();
    }

    [Test]
    public async Task Without_a_file_the_TrustPolicy_resource_refuses_an_untrusted_signer_and_accepts_it_once_edited_to_trust_it()
    {
        var ns = await OperatorTestEnvironment.CreateNamespaceAsync(client, "cluster-policy");
        var policy = await CreatePolicyAsync(TrustingOnly(OtherKey.Value.PublicKeyPem));
        // No periodic re-resolution: only the policy change itself can make the operator verify again.
        await using var operatorHost = await OperatorUnderTest.StartAsync(ns, registry.ServiceIndex, null,
            "--Operator:TrustPolicyFile=", "--trust-policy-resource", policy, "--Operator:ReResolveIntervalSeconds", "600", "--Operator:DisconnectedPollSeconds", "600");
        await agents.CreateAsync(Agent(ns, "gated"));

        var refused = await VerifiedAsync(ns, "gated", ConditionStatus.False);
        var resolved = refused.Status.FindCondition(EdgeAgentConditions.PluginsResolved)!;
        var verified = refused.Status.FindCondition(EdgeAgentConditions.PluginsVerified)!;
        Assert.Multiple(() =>
        {
            Assert.That(verified.Reason, Is.EqualTo("UnknownKey"), verified.Message);
            Assert.That(resolved.Reason, Is.EqualTo(EdgeAgentConditions.Reasons.SignaturePolicyViolation), resolved.Message);
            Assert.That(refused.Status.Plugins.Single().Digest, Is.Null, "nothing is pinned for devices");
        });

        await PatchPolicyAsync(policy, TrustingOnly(TestPublisherKey.Shared.PublicKeyPem));
        var accepted = await VerifiedAsync(ns, "gated", ConditionStatus.True);
        Assert.Multiple(() =>
        {
            Assert.That(accepted.Status.Plugins.Single().Signer, Does.StartWith("key sha256:"));
            Assert.That(accepted.Status.Plugins.Single().Digest, Does.StartWith("sha512-"), "pinned once the edited policy trusts its signer");
        });

        // An edit that does not parse (a public key that is no PEM) is not enforced: the last good version stays.
        await PatchPolicyAsync(policy, TrustingOnly("not a public key"));
        var warning = await Eventually.GetAsync(() => EventsAsync(policy), events => events.Any(e => e.Reason == ClusterTrustPolicyWatch.InvalidReason),
            Patience, "a Warning event on the invalid TrustPolicy");
        await agents.MergePatchAsync(ns, "gated", """{"metadata":{"labels":{"poke":"1"}}}""");
        await Task.Delay(TimeSpan.FromSeconds(3));
        var kept = await agents.GetAsync(ns, "gated");
        Assert.Multiple(() =>
        {
            var invalid = warning.First(e => e.Reason == ClusterTrustPolicyWatch.InvalidReason);
            Assert.That(invalid.Type, Is.EqualTo("Warning"));
            Assert.That(invalid.Message, Does.Contain("rules[0].signers[0]: The public key is not PEM").And.Contain("Still enforcing TrustPolicy " + policy));
            Assert.That(kept.Status.FindCondition(EdgeAgentConditions.PluginsVerified)!.Status, Is.EqualTo(ConditionStatus.True), "the last good policy is still enforced");
        });

        // Deleting the resource falls back to the file, here none: the built-in default trusts nobody.
        await client.CustomObjects.DeleteClusterCustomObjectAsync("plugins.faros.sh", "v1alpha1", "trustpolicies", policy);
        await VerifiedAsync(ns, "gated", ConditionStatus.False);
    }

    [Test]
    public async Task The_TrustPolicy_resource_wins_over_the_policy_file_while_it_exists()
    {
        var ns = await OperatorTestEnvironment.CreateNamespaceAsync(client, "policy-precedence");
        var policy = await CreatePolicyAsync(TrustingOnly(OtherKey.Value.PublicKeyPem));
        // The file (OperatorTrustPolicy) trusts the key Contoso.Gated is signed with; the resource does not.
        await using var operatorHost = await OperatorUnderTest.StartAsync(ns, registry.ServiceIndex, null, "--trust-policy-resource", policy);
        await agents.CreateAsync(Agent(ns, "precedence"));

        var refused = await VerifiedAsync(ns, "precedence", ConditionStatus.False);
        Assert.That(refused.Status.FindCondition(EdgeAgentConditions.PluginsVerified)!.Reason, Is.EqualTo("UnknownKey"));

        await client.CustomObjects.DeleteClusterCustomObjectAsync("plugins.faros.sh", "v1alpha1", "trustpolicies", policy);
        await VerifiedAsync(ns, "precedence", ConditionStatus.True);
    }

    private static string TrustingOnly(string publicKeyPem) =>
        TestTrustPolicy.Document(TestTrustPolicy.Rule("[\"Contoso.Gated\"]", "require", TestTrustPolicy.PublicKeySigner(publicKeyPem)));

    private async Task<string> CreatePolicyAsync(string document)
    {
        var name = $"policy-{Guid.NewGuid().ToString("N")[..8]}";
        await client.CustomObjects.CreateClusterCustomObjectAsync(TestTrustPolicyResource.Of(name, document), "plugins.faros.sh", "v1alpha1", "trustpolicies");
        return name;
    }

    private Task PatchPolicyAsync(string name, string document) =>
        client.CustomObjects.PatchClusterCustomObjectAsync(new V1Patch(TestTrustPolicyResource.SpecPatch(document), V1Patch.PatchType.MergePatch), "plugins.faros.sh", "v1alpha1", "trustpolicies", name);

    private async Task<IList<Corev1Event>> EventsAsync(string policy) =>
        (await client.CoreV1.ListNamespacedEventAsync("default", fieldSelector: $"involvedObject.name={policy}")).Items;

    private Task<EdgeAgent> VerifiedAsync(string ns, string name, string status) =>
        Eventually.GetAsync(() => agents.GetAsync(ns, name),
            a => a.Status.FindCondition(EdgeAgentConditions.PluginsVerified) is { } c && c.Status == status,
            Patience, $"{name}: PluginsVerified {status}");

    private static EdgeAgent Agent(string ns, string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new EdgeAgentSpec { Plugins = [new PluginReference { Name = "gated", Package = "Contoso.Gated", Version = "1.0.0" }] },
    };
}
