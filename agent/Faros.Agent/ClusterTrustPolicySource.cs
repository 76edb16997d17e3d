using Faros.PluginHost;
using Faros.PluginHost.Verification;
using Faros.Sdk.Reconciliation;
using Faros.Signing.Policy;
using Faros.Signing.Sigstore.Trust;
using k8s;
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

    // Without a cached policy, first checks wait this long for the hub before refusing under the built-in default.
    private static readonly TimeSpan FirstReadPatience = TimeSpan.FromSeconds(10);

    private readonly string _cacheFile;
    private readonly TrustedRoot? _trustedRoot;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TrustPolicyResourceFollower _follower;

    public ClusterTrustPolicySource(IKubernetes client, string name, string cacheDirectory, TrustedRoot? trustedRoot, TimeSpan watchTimeout, ExponentialBackoff reconnect, TimeProvider time, ILogger logger)
    {
        _cacheFile = Path.Combine(cacheDirectory, CacheFileName);
        _trustedRoot = trustedRoot;
        _time = time;
        _logger = logger;
        var builtInDefault = new TrustPolicySnapshot(TrustPolicyEvaluator.For(TrustPolicy.Empty, trustedRoot, time), "built-in", $"the built-in default (TrustPolicy {name} not read)");
        var cached = ReadCache();
        Policy = new CurrentTrustPolicy(cached ?? builtInDefault, settled: cached is not null);
        if (cached is not null)
        {
            _logger.LogInformation("Enforcing the last-known {Origin} from {CacheFile} until the hub answers", cached.Origin, _cacheFile);
        }

        _follower = new TrustPolicyResourceFollower(client, name, Policy, builtInDefault, trustedRoot, watchTimeout, FirstReadPatience, logger, reconnect, time);
        _follower.Enforced += (_, json) => WriteCache(json);
        _follower.Absent += TryDeleteCache;
    }

    /// <summary>The policy in force; <see cref="CurrentTrustPolicy.Changed"/> fires when the hub's version changes.</summary>
    public CurrentTrustPolicy Policy { get; }

    /// <summary>Follows the hub's TrustPolicy until cancelled.</summary>
    public Task RunAsync(CancellationToken cancellationToken) => _follower.RunAsync(cancellationToken);

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
}
