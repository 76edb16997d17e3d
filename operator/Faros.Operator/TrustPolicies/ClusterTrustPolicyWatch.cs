using Faros.Api.Kubernetes;
using Faros.Api.Plugins;
using Faros.Operator.Controllers;
using Faros.Sdk.Reconciliation;
using Faros.Signing.Policy;
using Faros.Signing.Sigstore.Trust;
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
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var watcher = new ResourceWatcher<TrustPolicyResource>(
            new ResourceClient<TrustPolicyResource>(_client), new WatchSettings(null, _settings.WatchTimeout), _logger,
            (before, after) => before.Metadata.Generation != after.Metadata.Generation || before.Metadata.Uid != after.Metadata.Uid);
        watcher.Changed += key =>
        {
            if (key.Name == _settings.ResourceName)
            {
                Apply(watcher.Find(key));
            }
        };
        var watching = watcher.RunAsync(cancellationToken);
        await Task.WhenAny(watcher.Synced, watching, Task.Delay(_settings.FirstListPatience, cancellationToken));
        if (watcher.Synced.IsCompleted)
        {
            // The list raised no event for a resource that does not exist: the fallback stays, now settled.
            Apply(watcher.Find(new ObjectKey("", _settings.ResourceName)));
        }
        else if (!cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning("TrustPolicy resources could not be listed within {Patience} (is the CRD installed, may the operator list trustpolicies?); enforcing {Origin} until they can",
                _settings.FirstListPatience, _policy.Current.Origin);
            _policy.Settle();
        }

        await watching.ConfigureAwait(false);
    }

    private void Apply(TrustPolicyResource? resource)
    {
        if (resource is null)
        {
            var wasSettled = _policy.Settled.IsCompleted;
            if (_policy.Replace(_settings.Fallback) || !wasSettled)
            {
                _logger.LogInformation("TrustPolicy {Name} does not exist; enforcing {Origin}", _settings.ResourceName, _settings.Fallback.Origin);
            }

            return;
        }

        TrustPolicySnapshot snapshot;
        try
        {
            snapshot = TrustPolicySnapshot.FromResource(KubernetesJson.Serialize(resource), _settings.TrustedRoot);
        }
        catch (Exception invalid) when (invalid is FormatException or ArgumentException)
        {
            _policy.Settle();
            var generation = $"{resource.Metadata.Uid}/{resource.Metadata.Generation}";
            _logger.LogError("TrustPolicy {Name} (generation {Generation}) is invalid and is not enforced: {Error} Still enforcing {Origin}",
                resource.Metadata.Name, resource.Metadata.Generation, invalid.Message, _policy.Current.Origin);
            if (_reportedInvalid != generation)
            {
                _reportedInvalid = generation;
                _ = RecordEventAsync(resource, "Warning", InvalidReason,
                    $"generation {resource.Metadata.Generation} is not enforced: {invalid.Message} Still enforcing {_policy.Current.Origin}. Fix the spec (docs/signing.md).");
            }

            return;
        }

        if (_policy.Replace(snapshot))
        {
            _logger.LogInformation("Enforcing {Origin}; it takes precedence over {Fallback}", snapshot.Origin, _settings.Fallback.Origin);
            _ = RecordEventAsync(resource, "Normal", AppliedReason, $"the operator enforces generation {resource.Metadata.Generation}; every edge Agent's plugins are verified again.");
        }
    }

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
