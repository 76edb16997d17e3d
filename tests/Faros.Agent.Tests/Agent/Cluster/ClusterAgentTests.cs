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
        await agents.CreateAsync(new CoreAgent
        {
            Metadata = new V1ObjectMeta { Name = "west", NamespaceProperty = ns },
            Spec = new CoreAgentSpec { ClusterName = "west", TokenSecretRef = new SecretKeyReference { Name = "faros-cluster-west-token", Key = "token" } },
        });

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

    private static async Task<CoreAgent> RunUntilAsync(ResourceClient<CoreAgent> agents, string ns, string? targetKubeconfig, Func<CoreAgent, bool> done)
    {
        var options = new AgentOptions
        {
            Mode = AgentMode.Cluster, Kubeconfig = HubEnvironment.Server.KubeconfigPath, Name = "west", Namespace = ns,
            TargetKubeconfig = targetKubeconfig, HeartbeatInterval = TimeSpan.FromMilliseconds(300),
        };
        using var target = new TargetCluster(targetKubeconfig, TestLogging.Factory.CreateLogger<TargetCluster>());
        using var agent = new ClusterAgent(options, agents, target, TestLogging.Factory.CreateLogger<ClusterAgent>());
        await agent.StartAsync(CancellationToken.None);
        try
        {
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
