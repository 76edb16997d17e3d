using System.Collections.Concurrent;
using System.Text;
using Faros.Api.Core;
using Faros.Api.Kubernetes;
using Faros.Operator.Clusters;
using Faros.Operator.Tests.EdgeAgents;
using k8s;
using k8s.Models;
using Reasons = Faros.Api.Core.ClusterConditions.Reasons;

namespace Faros.Operator.Tests.Clusters;

/// <summary>A Cluster's whole lifecycle in the operator's real host against the real API server.</summary>
[TestFixture]
public sealed class ClusterReconcilerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public async Task A_cluster_goes_Pending_Initializing_Ready_Failed_on_heartbeat_loss_then_Deleting_Deleted()
    {
        using var admin = OperatorTestEnvironment.NewClient();
        var ns = await OperatorTestEnvironment.CreateNamespaceAsync(admin, "cluster");
        await using var operatorHost = await OperatorUnderTest.StartAsync(ns, new Uri("http://127.0.0.1:9/v3/index.json"), null, "--Operator:ClusterPollSeconds", "0.5");
        var clusters = new ResourceClient<Cluster>(admin);
        var agents = new ResourceClient<CoreAgent>(admin);
        var phases = new ConcurrentQueue<string>();
        using var stopWatching = new CancellationTokenSource();
        var watching = RecordPhasesAsync(clusters, ns, phases, stopWatching.Token);

        await clusters.CreateAsync(new Cluster { Metadata = new V1ObjectMeta { Name = "north", NamespaceProperty = ns }, Spec = new ClusterSpec { HeartbeatTimeoutSeconds = 10 } });
        var initializing = await Eventually.GetAsync(() => clusters.GetAsync(ns, "north"),
            c => c.Status.FindCondition(ClusterConditions.Ready)?.Reason == Reasons.AwaitingHeartbeat, Patience, "agent and token created, awaiting a heartbeat");
        Assert.That(initializing.Status.Phase, Is.EqualTo(ClusterPhases.Initializing));
        Assert.That(initializing.Metadata.Finalizers, Does.Contain(ClusterReconciler.Finalizer));

        var agent = await agents.GetAsync(ns, initializing.Status.AgentName!);
        Assert.That(agent.Spec.ClusterName, Is.EqualTo("north"));
        var secret = await admin.CoreV1.ReadNamespacedSecretAsync(agent.Spec.TokenSecretRef.Name, ns);
        var token = Encoding.UTF8.GetString(secret.Data[agent.Spec.TokenSecretRef.Key]);
        Assert.That(token.Split('.'), Has.Length.EqualTo(3), "a signed JWT");
        using (var asAgent = new Kubernetes(new KubernetesClientConfiguration { Host = OperatorTestEnvironment.Server.Server.AbsoluteUri, AccessToken = token, SkipTlsVerify = true }))
        {
            // The API server authenticates the token as the cluster's ServiceAccount (and RBAC then refuses it the secret list).
            var refused = Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => asAgent.CoreV1.ListNamespacedSecretAsync(ns));
            Assert.That(refused!.Response.Content, Does.Contain($"system:serviceaccount:{ns}:{ClusterReconciler.ServiceAccountName("north")}"));

            // Its Role lets it heartbeat its own Agent, as the cluster agent does, and nothing more.
            var asAgentAgents = new ResourceClient<CoreAgent>(asAgent);
            var own = await asAgentAgents.GetAsync(ns, "north");
            own.Status.LastHeartbeat = WholeSeconds(DateTime.UtcNow);
            await asAgentAgents.ReplaceStatusAsync(own);
            Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => asAgentAgents.ListAsync(ns), "listing every Agent is refused");
            var ownToken = await asAgent.CoreV1.ReadNamespacedSecretAsync(agent.Spec.TokenSecretRef.Name, ns);
            Assert.That(ownToken.Data["token"], Is.EqualTo(secret.Data["token"]), "it reads its own token Secret, where the operator renews the token");
            Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => asAgentAgents.DeleteAsync(ns, "north"), "deleting its Agent is refused");
        }
        var ready = await Eventually.GetAsync(() => clusters.GetAsync(ns, "north"), c => c.Status.Phase == ClusterPhases.Ready, Patience, "Ready after a heartbeat");
        Assert.That(ready.Status.IsConditionTrue(ClusterConditions.Ready));

        var table = await OperatorTestEnvironment.KubectlAsync("-n", ns, "get", "clusters.core.faros.sh", "north");
        Assert.That(table.StandardOutput, Does.Contain("Ready").And.Contain("True"), table.ToString());

        var failed = await Eventually.GetAsync(() => clusters.GetAsync(ns, "north"), c => c.Status.Phase == ClusterPhases.Failed, Patience, "Failed once the heartbeat is 10 s old");
        Assert.That(failed.Status.FindCondition(ClusterConditions.Ready)!.Reason, Is.EqualTo(Reasons.HeartbeatLost));

        await clusters.DeleteAsync(ns, "north");
        await Eventually.GetAsync(() => clusters.FindAsync(ns, "north"), c => c is null, Patience, "the cluster gone after its finalizer ran");
        Assert.Multiple(async () =>
        {
            Assert.That(await agents.FindAsync(ns, "north"), Is.Null, "agent left behind");
            Assert.That((await admin.CoreV1.ListNamespacedSecretAsync(ns, labelSelector: "core.faros.sh/cluster=north")).Items, Is.Empty, "token Secret left behind");
            Assert.That((await admin.CoreV1.ListNamespacedServiceAccountAsync(ns, labelSelector: "core.faros.sh/cluster=north")).Items, Is.Empty, "ServiceAccount left behind");
            Assert.That((await admin.RbacAuthorizationV1.ListNamespacedRoleAsync(ns, labelSelector: "core.faros.sh/cluster=north")).Items, Is.Empty, "Role left behind");
            Assert.That((await admin.RbacAuthorizationV1.ListNamespacedRoleBindingAsync(ns, labelSelector: "core.faros.sh/cluster=north")).Items, Is.Empty, "RoleBinding left behind");
        });

        await stopWatching.CancelAsync();
        await watching;
        var seen = phases.Distinct().ToList();
        Assert.That(seen, Is.EqualTo(new[] { ClusterPhases.Pending, ClusterPhases.Initializing, ClusterPhases.Ready, ClusterPhases.Failed, ClusterPhases.Deleting, ClusterPhases.Deleted }),
            "phases in the order a watcher saw them");
    }

    private static DateTime WholeSeconds(DateTime time) => time.AddTicks(-(time.Ticks % TimeSpan.TicksPerSecond));

    private static async Task RecordPhasesAsync(ResourceClient<Cluster> clusters, string ns, ConcurrentQueue<string> phases, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var (_, cluster) in clusters.WatchAsync(ns, "0", 300, _ => { }, cancellationToken))
            {
                if (cluster.Status.Phase is { } phase && (phases.IsEmpty || phases.Last() != phase))
                {
                    phases.Enqueue(phase);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
