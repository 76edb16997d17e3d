using Faros.Api.Plugins;
using Faros.Operator.Controllers;
using Faros.PluginHost.Verification;
using Faros.Sdk.Reconciliation;
using Faros.Signing.Policy;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Faros.Operator.TrustPolicies;

/// <summary>
/// Makes the cluster TrustPolicy named <see cref="ClusterTrustPolicySettings.ResourceName"/> the operator's trust
/// policy while it exists; the policy file (or the built-in default) applies while it does not. The resource wins
/// when both exist. A resource that does not parse leaves the last good policy in force, is logged, and gets a
/// Warning event <c>InvalidTrustPolicy</c> naming the defect (<c>kubectl describe trustpolicy NAME</c>).
/// </summary>
public sealed class ClusterTrustPolicyWatch : IController
{
    /// <summary>Reason of the Warning event on a TrustPolicy that does not parse.</summary>
    public const string InvalidReason = "InvalidTrustPolicy";

    /// <summary>Reason of the Normal event when a TrustPolicy version is enforced.</summary>
    public const string AppliedReason = "TrustPolicyApplied";

    private readonly IKubernetes _client;
    private readonly CurrentTrustPolicy _policy;
    private readonly ClusterTrustPolicySettings _settings;
    private readonly ILogger<ClusterTrustPolicyWatch> _logger;
    private string? _reportedInvalid;

    public ClusterTrustPolicyWatch(IKubernetes client, CurrentTrustPolicy policy, ClusterTrustPolicySettings settings, ILogger<ClusterTrustPolicyWatch> logger)
    {
        _client = client;
        _policy = policy;
        _settings = settings;
        _logger = logger;
    }

    /// <inheritdoc />
    public ResourceKind Kind { get; } = ResourceKind.Of<TrustPolicyResource>();

    /// <inheritdoc />
    public Task RunAsync(CancellationToken cancellationToken)
    {
        var follower = new TrustPolicyResourceFollower(_client, _settings.ResourceName, _policy, _settings.Fallback, _settings.TrustedRoot,
            _settings.WatchTimeout, _settings.FirstListPatience, _logger);
        follower.Enforced += (resource, _) => RecordInBackground(resource, "Normal", AppliedReason,
            $"the operator enforces generation {resource.Metadata.Generation}; every edge Agent's plugins are verified again.");
        follower.Rejected += (resource, invalid) =>
        {
            var generation = $"{resource.Metadata.Uid}/{resource.Metadata.Generation}";
            if (_reportedInvalid != generation)
            {
                _reportedInvalid = generation;
                RecordInBackground(resource, "Warning", InvalidReason,
                    $"generation {resource.Metadata.Generation} is not enforced: {invalid.Message} Still enforcing {_policy.Current.Origin}. Fix the spec (docs/signing.md).");
            }
        };
        return follower.RunAsync(cancellationToken);
    }

    // An event is a courtesy to whoever runs kubectl describe: never hold up enforcement for it.
    private void RecordInBackground(TrustPolicyResource resource, string type, string reason, string message) =>
        _ = RecordEventAsync(resource, type, reason, message);

    /// <summary>Events about cluster-scoped objects live in the default namespace, where kubectl describe finds them.</summary>
    private async Task RecordEventAsync(TrustPolicyResource resource, string type, string reason, string message)
    {
        var now = DateTime.UtcNow;
        try
        {
            await _client.CoreV1.CreateNamespacedEventAsync(new Corev1Event
            {
                Metadata = new V1ObjectMeta { GenerateName = resource.Metadata.Name + ".", NamespaceProperty = "default" },
                InvolvedObject = new V1ObjectReference
                {
                    ApiVersion = resource.ApiVersion, Kind = resource.Kind, Name = resource.Metadata.Name, Uid = resource.Metadata.Uid,
                    ResourceVersion = resource.Metadata.ResourceVersion,
                },
                Type = type,
                Reason = reason,
                Message = message,
                Source = new V1EventSource { Component = "faros-operator" },
                FirstTimestamp = now,
                LastTimestamp = now,
                Count = 1,
            }, "default").ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is HttpRequestException or k8s.Autorest.HttpOperationException or TaskCanceledException)
        {
            _logger.LogWarning("Recording the {Reason} event on TrustPolicy {Name} failed: {Error}", reason, resource.Metadata.Name, failure.Message);
        }
    }
}
