using System.Net;
using Faros.Api.Kubernetes;
using Faros.Api.Plugins;
using Faros.PluginHost;
using Faros.PluginHost.Verification;
using Faros.Signing.Policy;
using Faros.Signing.Sigstore.Trust;
using k8s;
using k8s.Autorest;
using Microsoft.Extensions.Logging;

namespace Faros.Agent;

/// <summary>
/// The device's trust policy from the hub's cluster TrustPolicy, read with the device token (its Registration grants
/// get/list/watch on that one name). Each valid version is enforced at once and written to the cache directory as the
/// last-known policy, so a restart without network verifies with the same policy. An invalid version keeps the last
/// good one; a deleted resource falls back to the built-in default, under which no plugin is trusted.
/// </summary>
public sealed class ClusterTrustPolicySource
{
    /// <summary>The last-known policy in the cache directory: the resource as the API server returned it.</summary>
    public const string CacheFileName = "trust-policy.json";

    private readonly ResourceClient<TrustPolicyResource> _policies;
    private readonly string _name;
    private readonly string _cacheFile;
    private readonly TrustedRoot? _trustedRoot;
    private readonly TimeProvider _time;
    private readonly TimeSpan _watchTimeout;
    private readonly ILogger _logger;

    public ClusterTrustPolicySource(IKubernetes client, string name, string cacheDirectory, TrustedRoot? trustedRoot, TimeSpan watchTimeout, TimeProvider time, ILogger logger)
    {
        _policies = new ResourceClient<TrustPolicyResource>(client);
        _name = name;
        _cacheFile = Path.Combine(cacheDirectory, CacheFileName);
        _trustedRoot = trustedRoot;
        _watchTimeout = watchTimeout;
        _time = time;
        _logger = logger;
        var cached = ReadCache();
        // Without a cached policy, first checks wait for the first read (or its failure) rather than refuse at once.
        Policy = new CurrentTrustPolicy(cached ?? BuiltInDefault, settled: cached is not null);
        if (cached is not null)
        {
            _logger.LogInformation("Enforcing the last-known {Origin} from {CacheFile} until the hub answers", cached.Origin, _cacheFile);
        }
    }

    /// <summary>The policy in force; <see cref="CurrentTrustPolicy.Changed"/> fires when the hub's version changes.</summary>
    public CurrentTrustPolicy Policy { get; }

    private TrustPolicySnapshot BuiltInDefault => new(TrustPolicyEvaluator.For(TrustPolicy.Empty, _trustedRoot, _time), "built-in", $"the built-in default (TrustPolicy {_name} not read)");

    /// <summary>Lists the TrustPolicy by name, then watches it; reconnects with backoff until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        string? resourceVersion = null;
        var selector = "metadata.name=" + _name;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (resourceVersion is null)
                {
                    var list = await _policies.ListPageAsync(null, 1, null, cancellationToken, selector).ConfigureAwait(false);
                    Apply(list.Items.FirstOrDefault());
                    resourceVersion = list.Metadata.ResourceVersion;
                }

                Exception? error = null;
                await foreach (var (type, item) in _policies.WatchAsync(null, resourceVersion, (int)_watchTimeout.TotalSeconds, e => error ??= e, cancellationToken, selector).ConfigureAwait(false))
                {
                    resourceVersion = item.Metadata?.ResourceVersion ?? resourceVersion;
                    if (type is WatchEventType.Added or WatchEventType.Modified or WatchEventType.Deleted)
                    {
                        Apply(type == WatchEventType.Deleted ? null : item);
                    }
                }

                if (error is not null)
                {
                    throw error;
                }

                failures = 0;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception failure) when (IsGone(failure))
            {
                resourceVersion = null;
            }
            catch (HttpRequestException quiet) when (quiet.InnerException is EndOfStreamException)
            {
                // The server ended a watch that saw no event: resume from the same version.
                failures = 0;
            }
            catch (Exception failure)
            {
                Policy.Settle();
                failures++;
                var delay = TimeSpan.FromMilliseconds(Math.Min(60_000, 500 * Math.Pow(2, Math.Min(failures, 7))));
                _logger.LogWarning("Reading TrustPolicy {Name} from the hub failed ({Error}); enforcing {Origin}, retrying in {Delay}", _name, failure.Message, Policy.Current.Origin, delay);
                resourceVersion = null;
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>
    /// Plugins to restart after the policy changed: those whose cached package the new policy refuses (they must
    /// stop) and those refused as untrusted before (they may now run). The others keep running untouched.
    /// </summary>
    public static async Task<IReadOnlySet<string>> ToRecheckAsync(HostedPlugins plugins, IPluginTrustCheck trust, IEnumerable<PluginSpec> desired, CancellationToken cancellationToken)
    {
        var snapshots = plugins.Snapshots.ToDictionary(s => s.Id, StringComparer.OrdinalIgnoreCase);
        var recheck = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var spec in desired)
        {
            if (!snapshots.TryGetValue(spec.Id, out var snapshot))
            {
                continue;
            }

            if (snapshot.Refusal == RefusalReason.Untrusted)
            {
                recheck.Add(spec.Id);
            }
            else if (plugins.Cache.Find(spec.Digest) is { } cached)
            {
                var decision = await trust.CheckAsync(new TrustCandidate(spec.Id, spec.Version, cached.PackagePath, cached.SigstoreBundlePath), cancellationToken).ConfigureAwait(false);
                if (!decision.IsAllowed)
                {
                    recheck.Add(spec.Id);
                }
            }
        }

        return recheck;
    }

    private void Apply(TrustPolicyResource? resource)
    {
        if (resource is null)
        {
            TryDeleteCache();
            if (Policy.Replace(BuiltInDefault))
            {
                _logger.LogWarning("TrustPolicy {Name} does not exist on the hub; enforcing the built-in default, under which no plugin is trusted", _name);
            }

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
            Policy.Settle();
            _logger.LogError("TrustPolicy {Name} (generation {Generation}) is invalid and is not enforced: {Error} Still enforcing {Origin}",
                _name, resource.Metadata.Generation, invalid.Message, Policy.Current.Origin);
            return;
        }

        WriteCache(json);
        if (Policy.Replace(snapshot))
        {
            _logger.LogInformation("Enforcing {Origin} from the hub; plugins are verified again", snapshot.Origin);
        }
    }

    private TrustPolicySnapshot? ReadCache()
    {
        if (!File.Exists(_cacheFile))
        {
            return null;
        }

        try
        {
            return TrustPolicySnapshot.FromResource(File.ReadAllText(_cacheFile), _trustedRoot, _time);
        }
        catch (Exception unreadable) when (unreadable is FormatException or ArgumentException or IOException)
        {
            _logger.LogError("The last-known trust policy {CacheFile} is unreadable ({Error}); nothing is trusted until the hub answers", _cacheFile, unreadable.Message);
            return null;
        }
    }

    /// <summary>Written next to the cache and renamed over the old one, so a crash leaves either version, never half of one.</summary>
    private void WriteCache(string json)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_cacheFile)!);
            var temporary = _cacheFile + ".tmp";
            File.WriteAllText(temporary, json);
            File.Move(temporary, _cacheFile, overwrite: true);
        }
        catch (IOException failure)
        {
            _logger.LogError("Saving the last-known trust policy to {CacheFile} failed ({Error}); a restart without network would not have it", _cacheFile, failure.Message);
        }
    }

    private void TryDeleteCache()
    {
        try
        {
            File.Delete(_cacheFile);
        }
        catch (IOException failure)
        {
            _logger.LogError("Deleting the last-known trust policy {CacheFile} failed: {Error}", _cacheFile, failure.Message);
        }
    }

    private static bool IsGone(Exception exception) => exception switch
    {
        KubernetesException kubernetes => kubernetes.Status?.Code == (int)HttpStatusCode.Gone,
        HttpOperationException http => http.Response.StatusCode == HttpStatusCode.Gone,
        _ => false,
    };
}
