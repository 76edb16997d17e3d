using System.Collections.Concurrent;
using Faros.PluginHost.Caching;
using Faros.PluginHost.Fetching;
using Faros.PluginHost.Loading;
using Faros.PluginHost.Verification;
using Microsoft.Extensions.Logging;

namespace Faros.PluginHost.Supervision;

/// <summary>What every supervisor of one host shares, and the host's hooks for what they report.</summary>
internal sealed class PluginHostServices(
    PluginHostOptions options,
    PluginCache cache,
    PackageLocator locator,
    PackageDownloader downloader,
    PackageVerifier verifier,
    CollectibleContextTracker contexts,
    ILoggerFactory loggerFactory,
    HostedPlugins host)
{
    private readonly ConcurrentDictionary<PackageDigest, bool> _contentChecked = new();

    public PluginHostOptions Options { get; } = options;

    public PluginCache Cache { get; } = cache;

    public PackageLocator Locator { get; } = locator;

    public PackageDownloader Downloader { get; } = downloader;

    public PackageVerifier Verifier { get; } = verifier;

    public CollectibleContextTracker Contexts { get; } = contexts;

    public ILoggerFactory LoggerFactory { get; } = loggerFactory;

    public TimeProvider Time => Options.Time;

    /// <summary>True until this process has compared the entry's extracted files with its verified package.</summary>
    public bool NeedsContentCheck(PackageDigest digest) => !_contentChecked.ContainsKey(digest);

    public void ContentChecked(PackageDigest digest) => _contentChecked[digest] = true;

    public void Publish(PluginSnapshot snapshot) => host.OnSnapshot(snapshot);

    public void PluginRunning(PluginSpec spec) => host.OnRunning(spec);

    public void PluginStopped(PluginSupervisor supervisor, bool forget) => host.OnStopped(supervisor, forget);

    public void ContextLingers(string id, string version, WeakReference context) => host.OnLingering(id, version, context);
}
