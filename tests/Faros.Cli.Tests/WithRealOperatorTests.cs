using System.Text;
using Faros.Api.Core;
using Faros.Api.Edge;
using Faros.Api.Kubernetes;
using Faros.Cli.Tests.Environment;
using Faros.Operator.Tests.Intelligence;
using k8s;
using k8s.Models;

namespace Faros.Cli.Tests;

/// <summary>
/// The built tool against the REAL operator (hosted in-process, watching this fixture's namespace of the shared hub
/// and resolving against the shared registry with a policy that requires the test publisher's signature): every wait
/// of the CLI ends on status the operator itself wrote. <see cref="OperatorStandIn"/> stays for timeouts and failures
/// the real operator cannot be made to produce on demand.
/// </summary>
[TestFixture]
public sealed class WithRealOperatorTests : RealOperatorTestBase
{
    protected override string NamespacePrefix => "real";

    protected override async Task PrepareRegistryAsync()
    {
        using var http = registry.CreateClient();
        var publisher = new PackagePublishClient(http);
        // Signed with the test publisher key by the push; 1.* must pick the highest.
        foreach (var version in new[] { "1.0.0", "1.2.0" })
        {
            await publisher.PushOrThrowAsync(TestPackages.Build(new TestPackageSpec("Contoso.Relay", version) { PackageTypes = ["FarosPlugin"] }), registry.BootstrapApiKey);
        }
    }

    [Test]
    public async Task Agent_generate_waits_for_the_real_registration_and_its_kubeconfig_reaches_only_its_own_agent()
    {
        var file = Path.Combine(sandbox.Directory, "device", "kubeconfig");
        var result = await sandbox.KubectlFarosAsync("agent", "generate", "dev1", "-f", file, "-n", ns, "--timeout", "60s");
        Assert.That(result.Succeeded, result.ToString());
        Assert.That(result.StandardError, Does.Contain($"Waiting for registration {ns}/dev1"));
        Assert.That(result.StandardOutput, Does.Contain("Wrote the kubeconfig of agent"));
        Assert.That(File.GetUnixFileMode(file), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.That(await new ResourceClient<EdgeAgent>(admin.Client).FindAsync(ns, "dev1"), Is.Not.Null, "the agent is created too");

        var registration = await new ResourceClient<Registration>(admin.Client).GetAsync(ns, "dev1");
        Assert.That(registration.Status.ServiceAccountName, Is.EqualTo("faros-agent-dev1"));
        Assert.That(await File.ReadAllTextAsync(file), Does.Contain("certificate-authority-data: " + registration.Status.CertificateAuthorityData).And.Not.Contain("insecure-skip-tls-verify"));

        var asDevice = await sandbox.KubectlAsync("--kubeconfig", file, "get", "agents.edge.faros.sh", "dev1", "-o", "name");
        Assert.That(asDevice.StandardOutput.Trim(), Is.EqualTo("agent.edge.faros.sh/dev1"), asDevice.ToString());
        var secrets = await sandbox.KubectlAsync("--kubeconfig", file, "get", "secrets");
        Assert.That(secrets.ExitCode, Is.Not.Zero, secrets.ToString());
        Assert.That(secrets.StandardError, Does.Contain("Forbidden").IgnoreCase.And.Contain($"system:serviceaccount:{ns}:faros-agent-dev1"));
        var otherAgent = await sandbox.KubectlAsync("--kubeconfig", file, "get", "agents.edge.faros.sh", "someone-else");
        Assert.That(otherAgent.StandardError, Does.Contain("forbidden"), otherAgent.ToString());

        // Again: the Registration is reused and ready, so the same kubeconfig comes at once, here on stdout.
        var again = await sandbox.FarosAsync("agent", "generate", "dev1", "-f", "-", "-n", ns, "--timeout", "5s");
        Assert.That(again.Succeeded, again.ToString());
        Assert.That(again.StandardOutput, Is.EqualTo(await File.ReadAllTextAsync(file)));
    }

    [Test]
    public async Task Plugins_enable_shows_the_version_and_signer_the_real_operator_pinned()
    {
        await new ResourceClient<EdgeAgent>(admin.Client).CreateAsync(new EdgeAgent { Metadata = new V1ObjectMeta { Name = "dev2", NamespaceProperty = ns } });
        var result = await sandbox.KubectlFarosAsync("plugins", "enable", "dev2", "Contoso.Relay@1.*", "-n", ns, "--timeout", "60s");
        Assert.That(result.Succeeded, result.ToString());

        var pinned = (await new ResourceClient<EdgeAgent>(admin.Client).GetAsync(ns, "dev2")).Status.Plugins.Single();
        Assert.That(pinned.Version, Is.EqualTo("1.2.0"));
        Assert.That(pinned.Signer, Does.StartWith("key sha256:"));
        Assert.That(result.StandardOutput, Does.Contain($"Enabled contoso-relay on agent {ns}/dev2: Contoso.Relay 1.2.0 (Resolved)"));
        Assert.That(result.StandardOutput, Does.Contain("digest: " + pinned.Digest).And.Contain("signer: " + pinned.Signer));
    }

    [Test]
    public async Task Plugins_enable_of_an_unknown_plugin_exits_3_with_the_real_operators_NotFound_reason()
    {
        await new ResourceClient<EdgeAgent>(admin.Client).CreateAsync(new EdgeAgent { Metadata = new V1ObjectMeta { Name = "dev3", NamespaceProperty = ns } });
        var result = await sandbox.FarosAsync("plugins", "enable", "dev3", "Contoso.Nowhere", "-n", ns, "--timeout", "60s");
        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.StandardError, Does.Contain("(NotFound)").And.Contain("Contoso.Nowhere").And.Contain("plugins disable dev3 contoso-nowhere"));
    }

    /// <summary>
    /// No cluster agent runs here, so the test plays its one part: it writes the core Agent's status.lastHeartbeat
    /// as the cluster agent does. Before that, the honest state is Initializing (AwaitingHeartbeat).
    /// </summary>
    [Test]
    public async Task Clusters_init_gets_the_real_token_and_is_Ready_once_the_cluster_agent_reports()
    {
        var early = await sandbox.FarosAsync("clusters", "init", "edge-a", "-n", ns, "--timeout", "5s");
        Assert.That(early.ExitCode, Is.EqualTo(4), early.ToString());
        Assert.That(early.StandardError, Does.Contain($"waiting for cluster {ns}/edge-a to be Ready (last seen: phase Initializing)"));
        var token = Encoding.UTF8.GetString((await admin.Client.CoreV1.ReadNamespacedSecretAsync("faros-cluster-edge-a-token", ns)).Data["token"]);
        Assert.That(early.StandardOutput, Does.Contain("kind: Secret").And.Contain("token: " + token), "the manifest carries the token the operator had issued");

        var init = sandbox.FarosAsync("clusters", "init", "edge-a", "-n", ns, "--timeout", "60s");
        var agents = new ResourceClient<CoreAgent>(admin.Client);
        var agent = await agents.GetAsync(ns, "edge-a");
        agent.Status.LastHeartbeat = DateTime.UtcNow;
        await agents.ReplaceStatusAsync(agent);
        var result = await init;
        Assert.That(result.Succeeded, result.ToString());
        Assert.That(result.StandardError, Does.Contain($"Cluster {ns}/edge-a is Ready."));
        var cluster = await new ResourceClient<Cluster>(admin.Client).GetAsync(ns, "edge-a");
        Assert.That(cluster.Status.Phase, Is.EqualTo(ClusterPhases.Ready));
        Assert.That(cluster.Status.AgentName, Is.EqualTo("edge-a"));
    }

    [Test]
    public async Task Ai_agents_init_waits_until_the_real_operator_probed_the_backend_Ready()
    {
        await using var backend = await OpenAiCompatibleBackend.StartAsync("sk-cli-test", "gpt-4o-mini");
        var result = await sandbox.KubectlFarosAsync("ai-agents", "init", "--name", "ops", "--backend", "openai", "--model", "gpt-4o-mini",
            "--api-key", "sk-cli-test", "--base-url", backend.BaseUrl.AbsoluteUri, "-n", ns, "--wait", "--timeout", "60s");
        Assert.That(result.Succeeded, result.ToString());
        Assert.That(result.StandardError, Does.Contain($"Waiting for AI agent {ns}/ops to be Ready: phase Ready"));
        Assert.That(backend.AuthorizationHeaders, Does.Contain("Bearer sk-cli-test"), "the operator probed the endpoint with the stored key");
    }
}
