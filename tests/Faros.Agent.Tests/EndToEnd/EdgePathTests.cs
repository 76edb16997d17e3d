using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Faros.Agent.Tests.Fixtures;
using Faros.Api.Edge;
using Faros.Api.Kubernetes;
using Faros.Api.Plugins;
using Faros.PluginHost;
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
        await using var run = await EdgeRun.StartAsync("edge-path", AgentTestRun.Packages.Get(Echo, "1.0.0"));
        var (ns, agents, registry, hubOperator, device, directory) = (run.Namespace, run.Agents, run.Registry, run.OperatorProgram, run.AgentProgram, run.Directory);
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
            Assert.That(File.ReadAllText(Path.Combine(directory, "state", Echo, "config.json")), Is.EqualTo("""{"interval":3}"""));
            Assert.That(hubOperator.HasExited || device.HasExited, Is.False, "neither program crashed");
        });
    }

    [Test]
    public async Task The_wireguard_sample_enabled_with_a_configRef_reconciles_the_named_Network_and_the_device_writes_its_status()
    {
        var wireGuard = await PackWireGuardSampleAsync();
        await using var run = await EdgeRun.StartAsync("edge-configref", wireGuard);
        var networks = new ResourceClient<Network>(run.Admin);
        await networks.CreateAsync(WireGuardNetwork(run.Namespace, "wg0", "10.8.0.2/24"));
        await networks.CreateAsync(WireGuardNetwork(run.Namespace, "wg1", "10.9.0.2/24"));
        await EventuallyAsync(() => run.Agents.FindAsync(run.Namespace, Device), a => a?.Status.LastHeartbeat is not null, run.AgentProgram, "the agent's own Agent object with a heartbeat");

        await run.Agents.MergePatchAsync(run.Namespace, Device, """{"spec":{"plugins":[{"name":"vpn","package":"Faros.Samples.WireGuard","version":"*","configRef":{"kind":"Network","name":"wg0"}}]}}""");
        var running = await EventuallyAsync(() => run.Agents.GetAsync(run.Namespace, Device), a => IsRunning(a, wireGuard.Version), run.AgentProgram, "the wireguard plugin Running");
        var first = await EventuallyAsync(() => networks.GetAsync(run.Namespace, "wg0"), n => n.Status.ObservedGeneration == 1, run.AgentProgram, "wg0's status written by the device");

        var edited = await networks.GetAsync(run.Namespace, "wg0");
        edited.Spec.Addresses = ["10.8.0.3/24"];
        await networks.ReplaceAsync(edited);
        var second = await EventuallyAsync(() => networks.GetAsync(run.Namespace, "wg0"), n => n.Status.ObservedGeneration == 2, run.AgentProgram, "wg0 reconciled again after its spec changed");
        var rendered = await File.ReadAllTextAsync(Path.Combine(run.Directory, "state", wireGuard.Id, "wg0.conf"));
        var untouched = await networks.GetAsync(run.Namespace, "wg1");

        Assert.Multiple(() =>
        {
            Assert.That(running.Status.Plugins.Single().Message, Does.Not.Contain("configRef"), "configRef is no defect");
            Assert.That(first.Status.FindCondition("Configured")?.Status, Is.EqualTo("True"), JsonSerializer.Serialize(first.Status));
            Assert.That(first.Status.FindCondition("Configured")?.ObservedGeneration, Is.EqualTo(1));
            // wg-quick is not installed here: the plugin renders the config and says why it could not apply it.
            Assert.That(first.Status.FindCondition("Applied")?.Status, Is.EqualTo("False"), JsonSerializer.Serialize(first.Status));
            Assert.That(first.Status.FindCondition("Applied")?.Reason, Is.EqualTo("WireGuardToolsMissing"));
            Assert.That(first.Status.PeerCount, Is.EqualTo(1));
            Assert.That(second.Status.FindCondition("Configured")?.ObservedGeneration, Is.EqualTo(2));
            Assert.That(rendered, Does.Contain("10.8.0.3/24"), "the edited spec was rendered");
            Assert.That(untouched.Status.ObservedGeneration, Is.Null, "a Network no configRef names is neither readable by the device nor reconciled");
            Assert.That(run.AgentProgram.Output.ToString(), Does.Not.Contain("Forbidden"), "the device's Role covers watching the Network and writing its status");
        });
    }

    private static Network WireGuardNetwork(string ns, string name, string address) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new NetworkSpec
        {
            Type = "wireguard",
            Addresses = [address],
            Config = new JsonObject
            {
                ["privateKey"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
                ["peers"] = new JsonArray(new JsonObject
                {
                    ["publicKey"] = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray()),
                    ["endpoint"] = "hub.example.org:51820",
                    ["allowedIPs"] = new JsonArray("10.8.0.0/24"),
                }),
            },
        },
    };

    /// <summary>The real wireguard sample (built as a reference of this test project), packed.</summary>
    private static async Task<PackedPlugin> PackWireGuardSampleAsync()
    {
        const string id = "Faros.Samples.WireGuard";
        var configuration = typeof(EdgePathTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var output = Path.Combine(TestContext.CurrentContext.WorkDirectory, "wireguard-sample");
        using var cli = new DotnetCli("wireguard-pack");
        var pack = await cli.RunInAsync(RepositoryRoot.Find(), ["pack", "samples/wireguard/src/" + id, "-c", configuration, "--no-build", "-o", output, $"-p:FarosManifestOutputDirectory={Path.Combine(output, "faros")}/"]);
        Assert.That(pack.Succeeded, Is.True, pack.ToString());
        var path = Directory.GetFiles(output, $"{id}.*.nupkg").Single();
        var version = Path.GetFileNameWithoutExtension(path)[(id.Length + 1)..];
        return new PackedPlugin(id, version, path, await PackageDigest.ComputeAsync(path, CancellationToken.None));
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

    /// <summary>
    /// A hub (this fixture's kube-apiserver, a registry holding <c>plugin</c> signed, the operator program watching a
    /// fresh namespace) and a registered device running the agent program with its Registration's token.
    /// </summary>
    private sealed class EdgeRun : IAsyncDisposable
    {
        private readonly TempDirectory _directory;

        private EdgeRun(Kubernetes admin, string ns, TempDirectory directory, RegistryProcess registry)
        {
            Admin = admin;
            Namespace = ns;
            _directory = directory;
            Registry = registry;
            Agents = new ResourceClient<EdgeAgent>(admin);
        }

        public Kubernetes Admin { get; }

        public string Namespace { get; }

        public string Directory => _directory.Path;

        public RegistryProcess Registry { get; }

        public ResourceClient<EdgeAgent> Agents { get; }

        public BuiltProgram OperatorProgram { get; private set; } = null!;

        public BuiltProgram AgentProgram { get; private set; } = null!;

        public static async Task<EdgeRun> StartAsync(string name, PackedPlugin plugin)
        {
            var admin = HubEnvironment.NewClient();
            var run = new EdgeRun(admin, await HubEnvironment.CreateNamespaceAsync(admin), new TempDirectory(name), await RegistryProcess.StartAsync());
            var trustPolicy = TestTrustPolicy.Write(run.Directory, TestTrustPolicy.Document(
                TestTrustPolicy.Rule("[\"Faros.TestPlugins.*\", \"Faros.Samples.*\"]", "require", TestTrustPolicy.PublicKeySigner(TestPublisherKey.Shared.PublicKeyPem))));
            await PushSignedAsync(run.Registry, plugin);
            run.OperatorProgram = BuiltProgram.Start("operator/Faros.Operator", "Faros.Operator",
            [
                "--kubeconfig", HubEnvironment.Server.KubeconfigPath, "--trust-policy", trustPolicy,
                "--Operator:Namespace", run.Namespace, "--Operator:LeaderElection", "false",
                "--Operator:RegistryUrl", run.Registry.ServiceIndex.AbsoluteUri, "--Operator:RegistryCacheSeconds", "0",
                "--Operator:ReResolveIntervalSeconds", "1", "--Operator:DisconnectedPollSeconds", "0.5",
                "--Operator:InitialBackoffSeconds", "0.2", "--Operator:MaxBackoffSeconds", "2",
            ]);

            var registrations = new ResourceClient<Registration>(admin);
            await registrations.CreateAsync(new Registration
            {
                Metadata = new V1ObjectMeta { Name = Device, NamespaceProperty = run.Namespace },
                Spec = new RegistrationSpec { AgentName = Device },
            });
            var registration = await EventuallyAsync(() => registrations.GetAsync(run.Namespace, Device),
                r => r.Status.IsConditionTrue(RegistrationConditions.Ready) && r.Status.TokenSecretName is not null, run.OperatorProgram, "Registration Ready");
            var kubeconfig = await WriteDeviceKubeconfigAsync(admin, registration, run.Directory);

            run.AgentProgram = BuiltProgram.Start("agent/Faros.Agent", "Faros.Agent",
            [
                $"--Agent:Kubeconfig={kubeconfig}", $"--Agent:Name={Device}", $"--Agent:Namespace={run.Namespace}",
                $"--Agent:Registry={run.Registry.ServiceIndex.AbsoluteUri}", $"--Agent:TrustPolicy={trustPolicy}",
                $"--Agent:CacheDirectory={Path.Combine(run.Directory, "cache")}", $"--Agent:StateDirectory={Path.Combine(run.Directory, "state")}",
                "--Agent:HeartbeatInterval=00:00:01", "--Agent:WatchTimeout=00:00:05",
            ]);
            return run;
        }

        public async ValueTask DisposeAsync()
        {
            await AgentProgram.DisposeAsync();
            await OperatorProgram.DisposeAsync();
            await Registry.DisposeAsync();
            _directory.Dispose();
            Admin.Dispose();
        }
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
