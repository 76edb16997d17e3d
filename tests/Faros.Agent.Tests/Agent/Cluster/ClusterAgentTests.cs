using System.Diagnostics;
using System.Text;
using Faros.Agent.Cluster;
using Faros.Agent.Tests.Fixtures;
using Faros.Api;
using Faros.Api.Core;
using Faros.Api.Kubernetes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Faros.Agent.Tests.Agent.Cluster;

/// <summary>
/// The cluster agent against the real API server, which doubles as the cluster the agent runs in: its heartbeat on
/// its core.faros.sh Agent, what it reports of its cluster, and how it keeps its hub credentials current.
/// </summary>
public sealed class ClusterAgentTests
{
    private const string Name = "west";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public async Task It_heartbeats_its_core_Agent_and_reports_what_it_can_learn_of_its_cluster()
    {
        using var admin = HubEnvironment.NewClient();
        var ns = await HubEnvironment.CreateNamespaceAsync(admin);
        var agents = new ResourceClient<CoreAgent>(admin);
        await CreateCoreAgentAsync(agents, ns);

        await RunUntilAsync(Options(ns, HubEnvironment.Server.KubeconfigPath, HubEnvironment.Server.KubeconfigPath),
            async () => (await agents.GetAsync(ns, Name)).Status.FindCondition(CoreAgentConditions.TargetReachable)?.Status == "True");
        var agent = await agents.GetAsync(ns, Name);
        Assert.That(agent.Status.LastHeartbeat, Is.Not.Null);
        Assert.That(agent.Status.AgentVersion, Does.Match(@"^\d+\.\d+\.\d+"));
        Assert.That(agent.Status.FindCondition(CoreAgentConditions.TargetReachable)!.Message, Does.Contain("Kubernetes v1.20.2"));

        // Outside a pod and with no target kubeconfig, it still heartbeats and says it cannot see its cluster.
        var before = agent.Status.LastHeartbeat;
        await RunUntilAsync(Options(ns, HubEnvironment.Server.KubeconfigPath, null), async () =>
        {
            var current = await agents.GetAsync(ns, Name);
            return current.Status.LastHeartbeat > before && current.Status.FindCondition(CoreAgentConditions.TargetReachable)?.Reason == CoreAgentConditions.Reasons.NoTargetAccess;
        });
    }

    [Test]
    public async Task Refused_by_the_hub_it_picks_up_a_changed_hub_kubeconfig_without_a_restart()
    {
        using var admin = HubEnvironment.NewClient();
        var ns = await HubEnvironment.CreateNamespaceAsync(admin);
        var agents = new ResourceClient<CoreAgent>(admin);
        await CreateCoreAgentAsync(agents, ns);
        using var directory = new TempDirectory("cluster-agent");
        var kubeconfig = Path.Combine(directory.Path, "kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, TokenKubeconfig(ns, "revoked-token"));

        // As a re-applied manifest updates the mounted Secret: the file changes while the agent runs and is refused.
        await RunUntilAsync(Options(ns, kubeconfig, null), async () => (await agents.GetAsync(ns, Name)).Status.LastHeartbeat is not null, started: async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.That((await agents.GetAsync(ns, Name)).Status.LastHeartbeat, Is.Null, "refused credentials wrote nothing");
            File.Copy(HubEnvironment.Server.KubeconfigPath, kubeconfig, overwrite: true);
        });
    }

    [Test]
    public async Task It_switches_to_the_token_the_operator_renewed_and_stores_it_in_its_clusters_Secret()
    {
        using var admin = HubEnvironment.NewClient();
        var ns = await HubEnvironment.CreateNamespaceAsync(admin);
        var agents = new ResourceClient<CoreAgent>(admin);
        await CreateCoreAgentAsync(agents, ns);
        var (issued, renewed) = await ClusterIdentityAsync(admin, ns);
        using var directory = new TempDirectory("cluster-agent");
        var kubeconfig = Path.Combine(directory.Path, "kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, TokenKubeconfig(ns, issued));
        var options = Options(ns, kubeconfig, HubEnvironment.Server.KubeconfigPath);
        options.HubKubeconfigSecret = $"{ns}/faros-cluster-agent";
        await RunUntilAsync(options, async () =>
            Encoding.UTF8.GetString((await admin.CoreV1.ReadNamespacedSecretAsync("faros-cluster-agent", ns)).Data["kubeconfig"]).Contains(renewed, StringComparison.Ordinal)
            && (await agents.GetAsync(ns, Name)).Status.LastHeartbeat is not null,
            started: async () =>
            {
                // The manifest's Secret in the cluster the agent runs in (here the same API server) appears only now:
                // the first store fails, and is retried at a later heartbeat although the new token is in use already.
                await Task.Delay(TimeSpan.FromSeconds(1));
                await admin.CoreV1.CreateNamespacedSecretAsync(new V1Secret
                {
                    Metadata = new V1ObjectMeta { Name = "faros-cluster-agent" },
                    StringData = new Dictionary<string, string> { ["kubeconfig"] = TokenKubeconfig(ns, issued) },
                }, ns);
            });

        // What a restarted pod would start from: the stored kubeconfig, with the renewed token, reaches the hub.
        var stored = Path.Combine(directory.Path, "stored-kubeconfig");
        await File.WriteAllBytesAsync(stored, (await admin.CoreV1.ReadNamespacedSecretAsync("faros-cluster-agent", ns)).Data["kubeconfig"]);
        using var restarted = new HubConnection(stored);
        Assert.That(restarted.Token, Is.EqualTo(renewed));
        Assert.That((await restarted.Agents.GetAsync(ns, Name)).Spec.ClusterName, Is.EqualTo(Name));
    }

    /// <summary>The cluster's ServiceAccount with the hub permissions the operator grants it; two tokens, as issued and as renewed (in its token Secret).</summary>
    private static async Task<(string Issued, string Renewed)> ClusterIdentityAsync(IKubernetes admin, string ns)
    {
        const string account = "faros-cluster-west";
        await admin.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = account } }, ns);
        await admin.RbacAuthorizationV1.CreateNamespacedRoleAsync(new V1Role
        {
            Metadata = new V1ObjectMeta { Name = account },
            Rules =
            [
                new V1PolicyRule { ApiGroups = [ApiGroups.Core], Resources = ["agents"], ResourceNames = [Name], Verbs = ["get"] },
                new V1PolicyRule { ApiGroups = [ApiGroups.Core], Resources = ["agents/status"], ResourceNames = [Name], Verbs = ["get", "update"] },
                new V1PolicyRule { ApiGroups = [""], Resources = ["secrets"], ResourceNames = ["faros-cluster-west-token"], Verbs = ["get"] },
            ],
        }, ns);
        await admin.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(new V1RoleBinding
        {
            Metadata = new V1ObjectMeta { Name = account },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = account },
            Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = account, NamespaceProperty = ns }],
        }, ns);
        // Two requests in the same second with the same lifetime would sign the same claims into the same token.
        async Task<string> IssueAsync(int lifetimeSeconds) => (await admin.CoreV1.CreateNamespacedServiceAccountTokenAsync(
            new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec { Audiences = [], ExpirationSeconds = lifetimeSeconds } }, account, ns)).Status.Token;
        var issued = await IssueAsync(3600);
        var renewed = await IssueAsync(7200);
        Assert.That(renewed, Is.Not.EqualTo(issued));
        await admin.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "faros-cluster-west-token" },
            Data = new Dictionary<string, byte[]> { ["token"] = Encoding.UTF8.GetBytes(renewed) },
        }, ns);
        return (issued, renewed);
    }

    private static Task CreateCoreAgentAsync(ResourceClient<CoreAgent> agents, string ns) => agents.CreateAsync(new CoreAgent
    {
        Metadata = new V1ObjectMeta { Name = Name, NamespaceProperty = ns },
        Spec = new CoreAgentSpec { ClusterName = Name, TokenSecretRef = new SecretKeyReference { Name = "faros-cluster-west-token", Key = "token" } },
    });

    private static string TokenKubeconfig(string ns, string token) => $$"""
        apiVersion: v1
        kind: Config
        clusters: [{ name: hub, cluster: { server: "{{HubEnvironment.Server.Server}}", insecure-skip-tls-verify: true } }]
        users: [{ name: west, user: { token: "{{token}}" } }]
        contexts: [{ name: west, context: { cluster: hub, user: west, namespace: {{ns}} } }]
        current-context: west
        """;

    private static AgentOptions Options(string ns, string hubKubeconfig, string? targetKubeconfig) => new()
    {
        Mode = AgentMode.Cluster, Kubeconfig = hubKubeconfig, Name = Name, Namespace = ns,
        TargetKubeconfig = targetKubeconfig, HeartbeatInterval = TimeSpan.FromMilliseconds(300),
    };

    private static async Task RunUntilAsync(AgentOptions options, Func<Task<bool>> done, Func<Task>? started = null)
    {
        using var hub = new HubConnection(options.Kubeconfig);
        using var target = new TargetCluster(options.TargetKubeconfig, TestLogging.Factory.CreateLogger<TargetCluster>());
        var tokens = new HubTokenRefresh(hub, target, options, TestLogging.Factory.CreateLogger<HubTokenRefresh>());
        using var agent = new ClusterAgent(options, hub, target, tokens, TestLogging.Factory.CreateLogger<ClusterAgent>());
        await agent.StartAsync(CancellationToken.None);
        try
        {
            if (started is not null)
            {
                await started();
            }

            var clock = Stopwatch.StartNew();
            while (!await done())
            {
                Assert.That(clock.Elapsed, Is.LessThan(Patience), "the agent never got there");
                await Task.Delay(100);
            }
        }
        finally
        {
            await agent.StopAsync(CancellationToken.None);
        }
    }
}
