using Faros.Api.Kubernetes;
using Faros.Api.Plugins;
using Faros.Sdk.Reconciliation;
using Faros.Signing.Policy;
using Faros.Signing.Sigstore.Trust;
using k8s;
using Microsoft.Extensions.Logging;

namespace Faros.PluginHost.Verification;

/// <summary>
/// Enforces one cluster TrustPolicy, followed by name (so a grant limited by resourceNames suffices), through a
/// <see cref="CurrentTrustPolicy"/>: each valid generation is enforced at once, an invalid one leaves the last good
/// policy in force, and while the resource does not exist the fallback applies. The operator and the agent both
/// follow the hub's policy with this one piece; what each adds (events, a last-known copy on disk) hangs off its events.
/// </summary>
public sealed class TrustPolicyResourceFollower
{
    private readonly IKubernetes _client;
    private readonly string _name;
    private readonly CurrentTrustPolicy _policy;
    private readonly TrustPolicySnapshot _fallback;
    private readonly TrustedRoot? _trustedRoot;
    private readonly TimeSpan _watchTimeout;
    private readonly TimeSpan _firstListPatience;
    private readonly ExponentialBackoff? _reconnect;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <param name="fallback">Enforced while the resource does not exist.</param>
    /// <param name="firstListPatience">How long decisions waiting on <see cref="CurrentTrustPolicy.Settled"/> wait for the first list before going ahead with the policy in force.</param>
    public TrustPolicyResourceFollower(
        IKubernetes client, string name, CurrentTrustPolicy policy, TrustPolicySnapshot fallback, TrustedRoot? trustedRoot,
        TimeSpan watchTimeout, TimeSpan firstListPatience, ILogger logger, ExponentialBackoff? reconnect = null, TimeProvider? time = null)
    {
        _client = client;
        _name = name;
        _policy = policy;
        _fallback = fallback;
        _trustedRoot = trustedRoot;
        _watchTimeout = watchTimeout;
        _firstListPatience = firstListPatience;
        _logger = logger;
        _reconnect = reconnect;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>A new generation of the resource is enforced; its JSON as the API server returned it.</summary>
    public event Action<TrustPolicyResource, string>? Enforced;

    /// <summary>A generation that does not parse; the last good policy stays in force.</summary>
    public event Action<TrustPolicyResource, Exception>? Rejected;

    /// <summary>The resource does not exist (any more); the fallback is in force.</summary>
    public event Action? Absent;

    /// <summary>Lists, then watches the resource until cancelled, reconnecting with backoff.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var watcher = new ResourceWatcher<TrustPolicyResource>(
            new ResourceClient<TrustPolicyResource>(_client),
            new WatchSettings(null, _watchTimeout, FieldSelector: WatchSettings.NameSelector(_name)),
            _logger,
            (before, after) => before.Metadata.Generation != after.Metadata.Generation || before.Metadata.Uid != after.Metadata.Uid,
            _reconnect,
            _time);
        var key = new ObjectKey("", _name);
        watcher.Changed += changed =>
        {
            if (changed == key)
            {
                Apply(watcher.Find(key));
            }
        };
        // A list that finds nothing raises no Changed.
        watcher.Listed += () =>
        {
            if (watcher.Find(key) is null)
            {
                Apply(null);
            }
        };

        var watching = watcher.RunAsync(cancellationToken);
        await Task.WhenAny(watcher.Synced, watching, Task.Delay(_firstListPatience, _time, cancellationToken)).ConfigureAwait(false);
        if (!watcher.Synced.IsCompleted && !cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning("TrustPolicy {Name} could not be read within {Patience} (is the hub reachable, the CRD installed, the read granted?); enforcing {Origin} until it can",
                _name, _firstListPatience, _policy.Current.Origin);
            _policy.Settle();
        }

        await watching.ConfigureAwait(false);
    }

    private void Apply(TrustPolicyResource? resource)
    {
        try
        {
            if (resource is null)
            {
                var first = !_policy.Settled.IsCompleted;
                if (_policy.Replace(_fallback) || first)
                {
                    _logger.LogWarning("TrustPolicy {Name} does not exist; enforcing {Origin}", _name, _fallback.Origin);
                }

                Absent?.Invoke();
                return;
            }

            var json = KubernetesJson.Serialize(resource);
            TrustPolicySnapshot snapshot;
            try
            {
                snapshot = TrustPolicySnapshot.FromResource(json, _trustedRoot, _time);
            }
            catch (Exception invalid) when (invalid is FormatException or ArgumentException)
            {
                _logger.LogError("TrustPolicy {Name} (generation {Generation}) is invalid and is not enforced: {Error} Still enforcing {Origin}",
                    _name, resource.Metadata.Generation, invalid.Message, _policy.Current.Origin);
                Rejected?.Invoke(resource, invalid);
                return;
            }

            if (_policy.Replace(snapshot))
            {
                _logger.LogInformation("Enforcing {Origin}; plugins are verified again", snapshot.Origin);
                Enforced?.Invoke(resource, json);
            }
        }
        finally
        {
            _policy.Settle();
        }
    }
}
