using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Faros.Agent.Tests.Fixtures;
using Faros.Api.Edge;
using Faros.Api.Kubernetes;
using k8s;
using k8s.Models;
using static Faros.Agent.Tests.Fixtures.TestPluginPackages;

// Nested under Faros.Agent.Tests.Agent so that HubEnvironment's API server (a namespace-scoped SetUpFixture) serves it too.
namespace Faros.Agent.Tests.Agent.EndToEnd;

/// <summary>
/// The whole edge path with real processes and real credentials: a kube-apiserver, a registry process holding a
/// Sigstore-signed plugin, the operator and the agent as built programs, the agent speaking only with the device
/// token its Registration produced.
/// </summary>
public sealed class EdgePathTests
{
    private const string Device = "dev1";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Test]
    public async Task A_registered_device_runs_a_floating_plugin_reference_resolved_by_the_operator_and_hot_swaps_to_a_newer_push()
    {
        using var admin = HubEnvironment.NewClient();
        var ns = await HubEnvironment.CreateNamespaceAsync(admin);
        using var directory = new TempDirectory("edge-path");
        var trustPolicy = TestTrustPolicy.Write(directory.Path, TestTrustPolicy.Document(
            TestTrustPolicy.Rule("[\"Faros.TestPlugins.*\"]", "require", TestTrustPolicy.PublicKeySigner(TestPublisherKey.Shared.PublicKeyPem))));
        await using var registry = await RegistryProcess.StartAsync();
        await PushSignedAsync(registry, AgentTestRun.Packages.Get(Echo, "1.0.0"));

        await using var hubOperator = BuiltProgram.Start("operator/Faros.Operator", "Faros.Operator",
        [
            "--kubeconfig", HubEnvironment.Server.KubeconfigPath, "--trust-policy", trustPolicy,
            "--Operator:Namespace", ns, "--Operator:LeaderElection", "false",
            "--Operator:RegistryUrl", registry.ServiceIndex.AbsoluteUri, "--Operator:RegistryCacheSeconds", "0",
            "--Operator:ReResolveIntervalSeconds", "1", "--Operator:DisconnectedPollSeconds", "0.5",
            "--Operator:InitialBackoffSeconds", "0.2", "--Operator:MaxBackoffSeconds", "2",
        ]);

        var registrations = new ResourceClient<Registration>(admin);
        await registrations.CreateAsync(new Registration
        {
            Metadata = new V1ObjectMeta { Name = Device, NamespaceProperty = ns },
            Spec = new RegistrationSpec { AgentName = Device },
        });
        var registration = await EventuallyAsync(() => registrations.GetAsync(ns, Device),
            r => r.Status.IsConditionTrue(RegistrationConditions.Ready) && r.Status.TokenSecretName is not null, hubOperator, "Registration Ready");
        var kubeconfig = await WriteDeviceKubeconfigAsync(admin, registration, directory.Path);

        await using var device = BuiltProgram.Start("agent/Faros.Agent", "Faros.Agent",
        [
            $"--Agent:Kubeconfig={kubeconfig}", $"--Agent:Name={Device}", $"--Agent:Namespace={ns}",
            $"--Agent:Registry={registry.ServiceIndex.AbsoluteUri}", $"--Agent:TrustPolicy={trustPolicy}",
            $"--Agent:CacheDirectory={Path.Combine(directory.Path, "cache")}", $"--Agent:StateDirectory={Path.Combine(directory.Path, "state")}",
            "--Agent:HeartbeatInterval=00:00:01", "--Agent:WatchTimeout=00:00:05",
        ]);
        var agents = new ResourceClient<EdgeAgent>(admin);
        var created = await EventuallyAsync(() => agents.FindAsync(ns, Device), a => a?.Status.LastHeartbeat is not null, device, "the agent's own Agent object with a heartbeat");

        var toRunning = Stopwatch.StartNew();
        await agents.MergePatchAsync(ns, Device, """{"spec":{"plugins":[{"name":"echo","package":"Faros.TestPlugins.Echo","version":"*","config":{"interval":3}}]}}""");
        var running = await EventuallyAsync(() => agents.GetAsync(ns, Device), a => IsRunning(a, "1.0.0"), device, "Echo 1.0.0 Running");
        toRunning.Stop();
        var connected = await EventuallyAsync(() => agents.GetAsync(ns, Device), a => a.Status.IsConditionTrue(EdgeAgentConditions.Connected), hubOperator, "Connected=True");

        var toSwap = Stopwatch.StartNew();
        await PushSignedAsync(registry, AgentTestRun.Packages.Get(Echo, "2.0.0"));
        var swapped = await EventuallyAsync(() => agents.GetAsync(ns, Device), a => IsRunning(a, "2.0.0"), device, "Echo 2.0.0 Running after the push");
        toSwap.Stop();
        var signers = await SignersOverAsync(agents, ns, TimeSpan.FromSeconds(3));

        await TestContext.Progress.WriteLineAsync($"Edge path: spec patch -> plugin Running {toRunning.Elapsed.TotalSeconds:F1} s; push -> new version Running {toSwap.Elapsed.TotalSeconds:F1} s.");
        var plugin = running.Status.Plugins.Single();
        var verified = running.Status.FindCondition(EdgeAgentConditions.PluginsVerified);
        await TestContext.Progress.WriteLineAsync($"Device signer: {plugin.Signer}; operator: {verified?.Message}");
        Assert.Multiple(() =>
        {
            Assert.That(created!.Metadata.Name, Is.EqualTo(Device));
            Assert.That(running.Status.IsConditionTrue(EdgeAgentConditions.PluginsResolved), Is.True, JsonSerializer.Serialize(running.Status));
            Assert.That(verified?.Status, Is.EqualTo("True"), verified?.Message);
            Assert.That(verified?.Message, Does.Contain("echo"), "the condition names the checked plugin and its signer");
            Assert.That(plugin.Digest, Is.EqualTo(AgentTestRun.Packages.Get(Echo).Digest.Prefixed), "the operator pinned the pushed package's digest");
            Assert.That(plugin.Signer, Does.StartWith("key sha256:"), "the operator's verdict on the pinned package");
            Assert.That(plugin.Message, Does.Contain("trusted by sigstore: " + plugin.Signer), "the device checked the same Sigstore key against its own trust policy");
            Assert.That(signers, Is.EquivalentTo(new[] { swapped.Status.Plugins.Single().Signer }), "operator and agent do not rewrite each other's signer");
            Assert.That(connected.Status.FindCondition(EdgeAgentConditions.Connected)!.Reason, Is.EqualTo(EdgeAgentConditions.Reasons.LeaseRenewed));
            Assert.That(swapped.Status.Plugins.Single().Digest, Is.EqualTo(AgentTestRun.Packages.Get(Echo, "2.0.0").Digest.Prefixed));
            Assert.That(File.ReadAllText(Path.Combine(directory.Path, "state", Echo, "config.json")), Is.EqualTo("""{"interval":3}"""));
            Assert.That(hubOperator.HasExited || device.HasExited, Is.False, "neither program crashed");
        });
    }

    /// <summary>Every status.plugins[0].signer seen over <paramref name="period"/> (several operator re-resolves and heartbeats).</summary>
    private static async Task<HashSet<string?>> SignersOverAsync(ResourceClient<EdgeAgent> agents, string ns, TimeSpan period)
    {
        var seen = new HashSet<string?>();
        for (var end = DateTime.UtcNow + period; DateTime.UtcNow < end; await Task.Delay(100))
        {
            seen.Add((await agents.GetAsync(ns, Device)).Status.Plugins.SingleOrDefault()?.Signer);
        }

        return seen;
    }

    private static bool IsRunning(EdgeAgent agent, string version) =>
        agent.Status.Plugins is [{ Phase: PluginPhases.Running } plugin] && plugin.Version == version;

    private static async Task PushSignedAsync(RegistryProcess registry, PackedPlugin package)
    {
        using var http = registry.CreateClient();
        var content = await File.ReadAllBytesAsync(package.Path);
        using var response = await new PackagePublishClient(http).PushWithBundleAsync(content, TestPublisherKey.Sign(content), registry.BootstrapApiKey);
        Assert.That((int)response.StatusCode, Is.EqualTo(201), $"pushing {package.Id} {package.Version}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>
    /// The kubeconfig `kubectl faros agent generate` writes: the Registration's server and CA (else the admin's TLS
    /// setting), the token from its Secret, the Agent's namespace as the context's.
    /// </summary>
    internal static async Task<string> WriteDeviceKubeconfigAsync(IKubernetes admin, Registration registration, string directory)
    {
        var secret = await admin.CoreV1.ReadNamespacedSecretAsync(registration.Status.TokenSecretName, registration.Metadata.NamespaceProperty);
        var token = Encoding.UTF8.GetString(secret.Data["token"]);
        var adminConfig = KubernetesClientConfiguration.BuildConfigFromConfigFile(HubEnvironment.Server.KubeconfigPath);
        var tls = registration.Status.CertificateAuthorityData is { } ca
            ? $"certificate-authority-data: {ca}"
            : adminConfig.SkipTlsVerify ? "insecure-skip-tls-verify: true" : throw new InvalidOperationException("The Registration names no CA and the hub's TLS is verified.");
        var path = Path.Combine(directory, "device.kubeconfig");
        await File.WriteAllTextAsync(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: faros-hub
              cluster:
                server: {registration.Status.Server ?? adminConfig.Host}
                {tls}
            users:
            - name: {Device}
              user:
                token: {token}
            contexts:
            - name: {Device}
              context:
                cluster: faros-hub
                user: {Device}
                namespace: {registration.Metadata.NamespaceProperty}
            current-context: {Device}

            """);
        return path;
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> condition, BuiltProgram watched, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var value = await read();
            if (condition(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline || watched.HasExited)
            {
                Assert.Fail($"{what} did not happen within {Patience.TotalSeconds} s ({watched.Name} exited: {watched.HasExited}); last value: {JsonSerializer.Serialize(value)}");
            }

            await Task.Delay(100);
        }
    }
}
