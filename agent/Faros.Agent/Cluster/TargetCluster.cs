using k8s;
using Microsoft.Extensions.Logging;
using Reasons = Faros.Agent.Cluster.ClusterAgentConditions.Reasons;

namespace Faros.Agent.Cluster;

/// <summary>
/// The cluster the agent runs in, read cheaply (GET /version, which every authenticated caller may read): through
/// --target-kubeconfig when given, the pod's in-cluster config otherwise.
/// </summary>
public sealed class TargetCluster : IDisposable
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);
    private readonly IKubernetes? _client;
    private readonly string _source;

    public TargetCluster(string? kubeconfig, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        if (kubeconfig is not null)
        {
            _client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
            _source = "through " + kubeconfig;
        }
        else if (KubernetesClientConfiguration.IsInCluster())
        {
            _client = new Kubernetes(KubernetesClientConfiguration.InClusterConfig());
            _source = "in-cluster";
        }
        else
        {
            _source = "no access";
            logger.LogWarning("Not running in a pod and no --target-kubeconfig given: the agent heartbeats but reports nothing about its cluster");
        }
    }

    /// <summary>The state of <see cref="ClusterAgentConditions.TargetReachable"/>: (status, reason, message).</summary>
    public async Task<(bool? Reachable, string Reason, string Message)> ProbeAsync(CancellationToken cancellationToken)
    {
        if (_client is null)
        {
            return (null, Reasons.NoTargetAccess, "not running in a pod and no --target-kubeconfig given; the cluster is not inspected.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            var version = await _client.Version.GetCodeAsync(timeout.Token).ConfigureAwait(false);
            return (true, Reasons.Reachable, $"Kubernetes {version.GitVersion} on {version.Platform} ({_source}).");
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return (false, Reasons.Unreachable, $"the cluster's API server did not answer ({_source}): {failure.Message}");
        }
    }

    public void Dispose() => (_client as IDisposable)?.Dispose();
}
