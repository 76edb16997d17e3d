using System.Diagnostics;
using Faros.Agent.Cluster;
using Faros.Agent.Tests.Fixtures;
using Faros.Api;
using Faros.Api.Core;
using Faros.Api.Kubernetes;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Faros.Agent.Tests.Agent.Cluster;

/// <summary>The cluster agent's heartbeat on its core.faros.sh Agent, against the real API server.</summary>
public sealed class ClusterAgentTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public async Task It_heartbeats_its_core_Agent_and_reports_what_it_can_learn_of_its_cluster()
    {
        using var admin = HubEnvironment.NewClient();
        var ns = await HubEnvironment.CreateNamespaceAsync(admin);
        var agents = new ResourceClient<CoreAgent>(admin);
        await CreateCoreAgentAsync(agents, ns);

        // The test API server doubles as the cluster the agent runs in.
        var reachable = await RunUntilAsync(agents, ns, HubEnvironment.Server.KubeconfigPath, a => a.Status.FindCondition(ClusterAgentConditions.TargetReachable)?.Status == "True");
        Assert.That(reachable.Status.LastHeartbeat, Is.Not.Null);
        Assert.That(reachable.Status.AgentVersion, Does.Match(@"^\d+\.\d+\.\d+"));
        Assert.That(reachable.Status.FindCondition(ClusterAgentConditions.TargetReachable)!.Message, Does.Contain("Kubernetes v1.20.2"));

        // Outside a pod and with no target kubeconfig, it still heartbeats and says it cannot see its cluster.
        var before = reachable.Status.LastHeartbeat;
        var blind = await RunUntilAsync(agents, ns, null, a => a.Status.FindCondition(ClusterAgentConditions.TargetReachable)?.Status == "Unknown" && a.Status.LastHeartbeat > before);
        Assert.That(blind.Status.FindCondition(ClusterAgentConditions.TargetReachable)!.Reason, Is.EqualTo(ClusterAgentConditions.Reasons.NoTargetAccess));
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
        await File.WriteAllTextAsync(kubeconfig, $$"""
            apiVersion: v1
            kind: Config
            clusters: [{ name: hub, cluster: { server: "{{HubEnvironment.Server.Server}}", insecure-skip-tls-verify: true } }]
            users: [{ name: west, user: { token: revoked-token } }]
            contexts: [{ name: west, context: { cluster: hub, user: west, namespace: {{ns}} } }]
            current-context: west
            """);

        // As a re-applied manifest updates the mounted Secret: the file changes while the agent runs and is refused.
        var heartbeat = await RunUntilAsync(agents, ns, null, a => a.Status.LastHeartbeat is not null, kubeconfig,
            started: () => File.Copy(HubEnvironment.Server.KubeconfigPath, kubeconfig, overwrite: true));
        Assert.That(heartbeat.Status.AgentVersion, Is.Not.Null);
    }

    private static Task CreateCoreAgentAsync(ResourceClient<CoreAgent> agents, string ns) => agents.CreateAsync(new CoreAgent
    {
        Metadata = new V1ObjectMeta { Name = "west", NamespaceProperty = ns },
        Spec = new CoreAgentSpec { ClusterName = "west", TokenSecretRef = new SecretKeyReference { Name = "faros-cluster-west-token", Key = "token" } },
    });

    private static async Task<CoreAgent> RunUntilAsync(ResourceClient<CoreAgent> agents, string ns, string? targetKubeconfig, Func<CoreAgent, bool> done,
        string? hubKubeconfig = null, Action? started = null)
    {
        var options = new AgentOptions
        {
            Mode = AgentMode.Cluster, Kubeconfig = hubKubeconfig ?? HubEnvironment.Server.KubeconfigPath, Name = "west", Namespace = ns,
            TargetKubeconfig = targetKubeconfig, HeartbeatInterval = TimeSpan.FromMilliseconds(300),
        };
        using var hub = new HubConnection(options.Kubeconfig);
        using var target = new TargetCluster(targetKubeconfig, TestLogging.Factory.CreateLogger<TargetCluster>());
        using var agent = new ClusterAgent(options, hub, target, TestLogging.Factory.CreateLogger<ClusterAgent>());
        await agent.StartAsync(CancellationToken.None);
        try
        {
            if (started is not null)
            {
                await Task.Delay(options.HeartbeatInterval * 2);
                Assert.That((await agents.GetAsync(ns, "west")).Status.LastHeartbeat, Is.Null, "refused credentials wrote nothing");
                started();
            }

            var clock = Stopwatch.StartNew();
            while (true)
            {
                var current = await agents.GetAsync(ns, "west");
                if (done(current))
                {
                    return current;
                }

                Assert.That(clock.Elapsed, Is.LessThan(Patience), "the heartbeat never showed");
                await Task.Delay(100);
            }
        }
        finally
        {
            await agent.StopAsync(CancellationToken.None);
        }
    }
}
