using Faros.Api.Core;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Reasons = Faros.Api.Core.CoreAgentConditions.Reasons;

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

    /// <summary>The state of <see cref="CoreAgentConditions.TargetReachable"/>: (status, reason, message).</summary>
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

    /// <summary>Writes <paramref name="value"/> under <paramref name="key"/> of the Secret <paramref name="secret"/> ("namespace/name") in this cluster.</summary>
    public async Task StoreAsync(string secret, string key, string value, CancellationToken cancellationToken)
    {
        var client = _client ?? throw new InvalidOperationException($"Cannot store into Secret {secret}: {_source} to this cluster.");
        var (ns, name) = ClusterModeOptions.SplitSecret(secret);
        var patch = new V1Patch(KubernetesJson.Serialize(new Dictionary<string, object> { ["stringData"] = new Dictionary<string, string> { [key] = value } }), V1Patch.PatchType.MergePatch);
        await client.CoreV1.PatchNamespacedSecretAsync(patch, name, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => (_client as IDisposable)?.Dispose();
}
