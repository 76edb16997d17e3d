using Faros.Agent.Tests.Agent.EndToEnd;
using Faros.Agent.Tests.Fixtures;
using Faros.Api.Edge;
using Faros.Api.Kubernetes;
using Faros.PluginHost.Supervision;
using Faros.PluginHost.Verification;
using Faros.Signing.Sigstore.Keys;
using k8s;
using k8s.Models;
using static Faros.Agent.Tests.Fixtures.TestPluginPackages;

namespace Faros.Agent.Tests.Agent;

/// <summary>
/// The agent enforcing the hub's cluster TrustPolicy, read with nothing but the device token its Registration
/// produced (the operator runs as a built program and grants the access): it refuses a plugin the policy does not
/// trust, runs it once the policy is edited to trust its signer, and after a restart without the hub verifies with
/// the policy it cached.
/// </summary>
public sealed class ClusterTrustPolicyAgentTests
{
    private const string Device = "dev1";

    [Test]
    public async Task The_agent_reads_the_TrustPolicy_with_its_device_token_refuses_untrusted_plugins_follows_edits_and_restarts_offline_with_the_cached_policy()
    {
        using var admin = HubEnvironment.NewClient();
        var ns = await HubEnvironment.CreateNamespaceAsync(admin);
        using var directory = new TempDirectory("agent-cluster-policy");
        var policy = $"policy-{Guid.NewGuid().ToString("N")[..8]}";
        using var otherKey = SigstoreKeyPair.Generate();
        await admin.CustomObjects.CreateClusterCustomObjectAsync(TestTrustPolicyResource.Of(policy, Trusting(otherKey.PublicKeyPem)), "plugins.faros.sh", "v1alpha1", "trustpolicies");

        string kubeconfig;
        await using (var hubOperator = BuiltProgram.Start("operator/Faros.Operator", "Faros.Operator",
        [
            "--kubeconfig", HubEnvironment.Server.KubeconfigPath, "--trust-policy-resource", policy,
            "--Operator:Namespace", ns, "--Operator:LeaderElection", "false",
            // No registry: the operator only provisions the Registration; the test pins plugins itself.
            "--Operator:RegistryUrl", "http://127.0.0.1:9/v3/index.json",
        ]))
        {
            var registrations = new ResourceClient<Registration>(admin);
            await registrations.CreateAsync(new Registration { Metadata = new V1ObjectMeta { Name = Device, NamespaceProperty = ns }, Spec = new RegistrationSpec { AgentName = Device } });
            var registration = await AgentLoopTests.Eventually(() => registrations.GetAsync(ns, Device),
                r => r.Status.IsConditionTrue(RegistrationConditions.Ready) && r.Status.TokenSecretName is not null);
            kubeconfig = await EdgePathTests.WriteDeviceKubeconfigAsync(admin, registration, directory.Path);
        }

        var agents = new ResourceClient<EdgeAgent>(admin);
        var cachedPolicy = Path.Combine(directory.Path, "cache", ClusterTrustPolicySource.CacheFileName);
        using (var deviceClient = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig)))
        {
            await using var device = AgentLoopTests.RunningAgent.Start(Options(kubeconfig, ns, directory.Path, policy), deviceClient);
            var created = await AgentLoopTests.Eventually(() => agents.FindAsync(ns, Device), a => a is not null);
            await AgentLoopTests.PinAsync(agents, created!, AgentTestRun.Packages.Get(Echo), AgentTestRun.Feed);

            var refused = await AgentLoopTests.Eventually(() => agents.GetAsync(ns, Device), a => a.Status.Plugins is [{ Phase: PluginPhases.Failed }]);
            Assert.Multiple(() =>
            {
                Assert.That(refused.Status.Plugins[0].Message, Does.Contain("the trust policy denies it (UnknownKey)"), "refused under the cluster policy read with the device token");
                Assert.That(device.Loop.Plugins.Snapshots.Single().Phase, Is.Not.EqualTo(PluginPhase.Running));
                Assert.That(File.ReadAllText(cachedPolicy), Does.Contain(policy), "the policy is cached for offline starts");
            });

            await EditPolicyAsync(admin, policy, Trusting(TestPublisherKey.Shared.PublicKeyPem));
            var running = await AgentLoopTests.Eventually(() => agents.GetAsync(ns, Device), a => a.Status.Plugins is [{ Phase: PluginPhases.Running }]);
            Assert.That(running.Status.Plugins[0].Signer, Does.StartWith("sigstore: key sha256:"), "verified again under the edited policy");

            // Withdrawing trust stops the running plugin; restoring it brings the plugin back.
            await EditPolicyAsync(admin, policy, Trusting(otherKey.PublicKeyPem));
            var stopped = await AgentLoopTests.Eventually(() => Task.FromResult(device.Loop.Plugins.Snapshots.SingleOrDefault()), s => s?.Refusal == RefusalReason.Untrusted);
            Assert.That(stopped!.Phase, Is.Not.EqualTo(PluginPhase.Running), "a plugin the policy no longer trusts does not keep running");
            await EditPolicyAsync(admin, policy, Trusting(TestPublisherKey.Shared.PublicKeyPem));
            await AgentLoopTests.Eventually(() => Task.FromResult(device.Loop.Plugins.Snapshots.SingleOrDefault()), s => s?.Phase == PluginPhase.Running);
        }

        // The hub and the registry are gone; only the cached policy can trust the cached package.
        var deadHub = Path.Combine(directory.Path, "dead-hub.kubeconfig");
        File.WriteAllText(deadHub, File.ReadAllText(kubeconfig).Replace(HubEnvironment.Server.Server.GetLeftPart(UriPartial.Authority).TrimEnd('/'), $"https://127.0.0.1:{FreeTcpPort.Next()}", StringComparison.Ordinal));
        using var deadClient = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(deadHub));
        await using var offline = AgentLoopTests.RunningAgent.Start(Options(deadHub, ns, directory.Path, policy), deadClient);
        var snapshot = await AgentLoopTests.Eventually(() => Task.FromResult(offline.Loop.Plugins.Snapshots.SingleOrDefault()), s => s?.Phase == PluginPhase.Running);
        Assert.That(snapshot!.Signer, Does.StartWith("sigstore: key sha256:"));
    }

    private static Task EditPolicyAsync(IKubernetes admin, string policy, string document) =>
        admin.CustomObjects.PatchClusterCustomObjectAsync(new V1Patch(TestTrustPolicyResource.SpecPatch(document), V1Patch.PatchType.MergePatch),
            "plugins.faros.sh", "v1alpha1", "trustpolicies", policy);

    private static string Trusting(string publicKeyPem) =>
        TestTrustPolicy.Document(TestTrustPolicy.Rule("[\"Faros.TestPlugins.*\"]", "require", TestTrustPolicy.PublicKeySigner(publicKeyPem)));

    private static AgentOptions Options(string kubeconfig, string ns, string root, string policy) => new()
    {
        Kubeconfig = kubeconfig,
        Name = Device,
        Namespace = ns,
        Registry = AgentTestRun.Feed.ServiceIndex,
        CacheDirectory = Path.Combine(root, "cache"),
        StateDirectory = Path.Combine(root, "state"),
        TrustPolicyResource = policy,
        SyncInterval = TimeSpan.FromMinutes(10),
        WatchTimeout = TimeSpan.FromSeconds(5),
        HeartbeatInterval = TimeSpan.FromSeconds(1),
        HubBackoff = new Faros.Sdk.Reconciliation.ExponentialBackoff(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1)),
    };
}
