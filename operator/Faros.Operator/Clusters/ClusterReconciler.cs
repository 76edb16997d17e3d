using Faros.Api.Core;
using Faros.Api.Kubernetes;
using Faros.Operator.Controllers;
using Faros.Operator.Identity;
using Faros.Sdk.Reconciliation;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Reasons = Faros.Api.Core.ClusterConditions.Reasons;

namespace Faros.Operator.Clusters;

/// <summary>
/// Takes a Cluster through its lifecycle: Pending; Initializing, which creates the core Agent, its
/// ServiceAccount (with a Role to heartbeat that Agent) and a Secret with a signed (JWT) token for it; Ready while the agent's heartbeat is fresh;
/// Failed when initialization fails or the heartbeat is lost past spec.heartbeatTimeoutSeconds; on delete,
/// Deleting, the finalizer's cleanup, then Deleted.
/// </summary>
public sealed class ClusterReconciler : Reconciler<Cluster>
{
    /// <summary>Held until the cluster's agent, token Secret and ServiceAccount are deleted.</summary>
    public const string Finalizer = "core.faros.sh/cluster-agent";

    private readonly IKubernetes _client;
    private readonly ResourceClient<Cluster> _clusters;
    private readonly ResourceClient<CoreAgent> _agents;
    private readonly ServiceAccountTokens _tokens;
    private readonly ClusterSettings _settings;
    private readonly ILogger<ClusterReconciler> _logger;

    public ClusterReconciler(IKubernetes client, ServiceAccountTokens tokens, ClusterSettings settings, ILogger<ClusterReconciler> logger)
    {
        _client = client;
        _clusters = new ResourceClient<Cluster>(client);
        _agents = new ResourceClient<CoreAgent>(client);
        _tokens = tokens;
        _settings = settings;
        _logger = logger;
    }

    public static string ServiceAccountName(string cluster) => $"faros-cluster-{cluster}";

    public static string TokenSecretName(string cluster) => $"faros-cluster-{cluster}-token";

    protected override async Task<ReconcileResult> ReconcileCoreAsync(Cluster cluster, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var generation = cluster.Metadata.Generation;
        var status = cluster.Status;
        if (cluster.Metadata.DeletionTimestamp is not null)
        {
            return await DeleteAsync(cluster, now, cancellationToken);
        }

        if (status.Phase is null)
        {
            // Recorded first, so that the lifecycle shows every phase in order.
            status.Phase = ClusterPhases.Pending;
            status.Conditions.SetCondition(ClusterConditions.Ready, ConditionStatus.False, Reasons.Pending, "the cluster was accepted; initialization follows.", generation, now);
            return ReconcileResult.Requeue(TimeSpan.Zero);
        }

        await _clusters.EnsureAsync(cluster, Finalizer, cancellationToken);
        var ns = cluster.Metadata.NamespaceProperty;
        var name = cluster.Metadata.Name;
        try
        {
            if (status.Phase == ClusterPhases.Pending)
            {
                status.Phase = ClusterPhases.Initializing;
            }

            await InitializeAsync(ns, name, now, cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            status.Phase = ClusterPhases.Failed;
            status.Conditions.SetCondition(ClusterConditions.Ready, ConditionStatus.False, Reasons.InitializationFailed,
                $"creating the cluster's agent or token failed: {failure.Message}", generation, now);
            return ReconcileResult.Retry(failure.Message);
        }

        status.AgentName = name;
        status.TokenSecretName = TokenSecretName(name);
        var agent = await _agents.FindAsync(ns, name, cancellationToken);
        var timeout = TimeSpan.FromSeconds(cluster.Spec.HeartbeatTimeoutSeconds ?? 300);
        if (agent?.Status.LastHeartbeat is not { } beat)
        {
            status.Phase = ClusterPhases.Initializing;
            status.Conditions.SetCondition(ClusterConditions.Ready, ConditionStatus.False, Reasons.AwaitingHeartbeat,
                $"agent {name} and its token are in place; waiting for its first heartbeat.", generation, now);
            return ReconcileResult.Requeue(_settings.PollWhileNotReady);
        }

        var heartbeat = DateTime.SpecifyKind(beat, DateTimeKind.Utc);
        status.LastHeartbeat = heartbeat;
        var age = now.UtcDateTime - heartbeat;
        if (age <= timeout)
        {
            status.Phase = ClusterPhases.Ready;
            status.Conditions.SetCondition(ClusterConditions.Ready, ConditionStatus.True, Reasons.HeartbeatFresh,
                $"agent {name} reported within the last {(int)timeout.TotalSeconds}s.", generation, now);
            return ReconcileResult.Requeue(timeout - age + TimeSpan.FromMilliseconds(100));
        }

        if (status.Phase != ClusterPhases.Failed)
        {
            _logger.LogWarning("Cluster {Namespace}/{Name} lost its agent's heartbeat ({Age} old)", ns, name, age);
        }

        status.Phase = ClusterPhases.Failed;
        status.Conditions.SetCondition(ClusterConditions.Ready, ConditionStatus.False, Reasons.HeartbeatLost,
            $"agent {name} last reported {(int)age.TotalSeconds}s ago, past the {(int)timeout.TotalSeconds}s timeout.", generation, now);
        return ReconcileResult.Requeue(_settings.PollWhileNotReady);
    }

    private async Task InitializeAsync(string ns, string name, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var serviceAccount = ServiceAccountName(name);
        var labels = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "faros-operator", ["core.faros.sh/cluster"] = name };
        await KubernetesObjects.EnsureExistsAsync(
            () => _client.CoreV1.ReadNamespacedServiceAccountAsync(serviceAccount, ns, cancellationToken: cancellationToken),
            () => _client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = serviceAccount, Labels = labels } }, ns, cancellationToken: cancellationToken));
        // The token authenticates the agent to the hub's API server as this ServiceAccount; the Role lets it heartbeat.
        await ServiceAccountRoles.ApplyAsync(_client, ns, serviceAccount, labels, ClusterAgentAccess.Rules(name, TokenSecretName(name)), cancellationToken);
        await _tokens.EnsureTokenSecretAsync(ns, serviceAccount, TokenSecretName(name), labels, now, cancellationToken);
        await KubernetesObjects.EnsureExistsAsync(
            () => _agents.GetAsync(ns, name, cancellationToken),
            () => _agents.CreateAsync(new CoreAgent
            {
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = labels },
                Spec = new CoreAgentSpec { ClusterName = name, TokenSecretRef = new Faros.Api.SecretKeyReference { Name = TokenSecretName(name), Key = "token" } },
            }, cancellationToken));
    }

    private async Task<ReconcileResult> DeleteAsync(Cluster cluster, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ns = cluster.Metadata.NamespaceProperty;
        var name = cluster.Metadata.Name;
        if (cluster.Status.Phase is not (ClusterPhases.Deleting or ClusterPhases.Deleted))
        {
            cluster.Status.Phase = ClusterPhases.Deleting;
            cluster.Status.Conditions.SetCondition(ClusterConditions.Ready, ConditionStatus.False, Reasons.Deleting,
                "deleting the cluster's agent, token, Role and ServiceAccount.", cluster.Metadata.Generation, now);
            return ReconcileResult.Requeue(TimeSpan.Zero);
        }

        await _agents.DeleteAsync(ns, name, cancellationToken);
        await ServiceAccountRoles.DeleteAsync(_client, ns, ServiceAccountName(name), cancellationToken);
        await KubernetesObjects.DeleteIfExistsAsync(() => _client.CoreV1.DeleteNamespacedSecretAsync(TokenSecretName(name), ns, cancellationToken: cancellationToken));
        await KubernetesObjects.DeleteIfExistsAsync(() => _client.CoreV1.DeleteNamespacedServiceAccountAsync(ServiceAccountName(name), ns, cancellationToken: cancellationToken));
        if (cluster.Status.Phase != ClusterPhases.Deleted)
        {
            cluster.Status.Phase = ClusterPhases.Deleted;
            var written = await _clusters.ReplaceStatusAsync(cluster, cancellationToken);
            cluster.Metadata.ResourceVersion = written.Metadata.ResourceVersion;
        }

        await _clusters.RemoveAsync(cluster, Finalizer, cancellationToken);
        _logger.LogInformation("Cluster {Namespace}/{Name} cleaned up", ns, name);
        return ReconcileResult.Done;
    }
}
