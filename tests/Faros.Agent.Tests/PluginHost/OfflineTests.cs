using Faros.Agent.Tests.Fixtures;
using Faros.PluginHost.Supervision;
using static Faros.Agent.Tests.Fixtures.TestPluginPackages;

namespace Faros.Agent.Tests.PluginHost;

/// <summary>A host restarted with its registry gone brings its plugins back from the cache, verified again.</summary>
public sealed class OfflineTests
{
    [Test]
    public async Task A_restart_with_the_registry_stopped_loads_the_last_known_good_set_from_the_cache()
    {
        using var root = new TempDirectory("offline-host");
        var packages = AgentTestRun.Packages;
        var feed = await PluginFeed.StartAsync(packages);
        var v2 = packages.Get(Echo, "2.0.0");
        await HostHarness.RunOnceAsync(root.Path, v2.Spec(feed.DownloadUrl(v2), """{"mode":"offline"}"""));

        await feed.DisposeAsync();
        File.Delete(Path.Combine(root.Path, "state", Echo, "v2.started"));
        await using var offline = new HostHarness(root.Path);
        var lastKnownGood = offline.Host.LastKnownGood;
        offline.Host.Apply(lastKnownGood);
        var running = await offline.WaitForRunningAsync(Echo, "2.0.0");

        Assert.Multiple(() =>
        {
            Assert.That(lastKnownGood.Select(s => s.DisplayName), Is.EqualTo(new[] { "Faros.TestPlugins.Echo 2.0.0" }));
            Assert.That(offline.History.Select(h => h.Phase), Does.Not.Contain(PluginPhase.Downloading));
            Assert.That(offline.History.Select(h => h.Message), Does.Contain("Verifying the cached package."));
            Assert.That(running.Signer, Is.EqualTo("allow-list:Faros.TestPlugins.*"), "the trust check ran again on the cached package");
            Assert.That(File.Exists(Path.Combine(root.Path, "state", Echo, "v2.started")), Is.True);
            Assert.That(File.ReadAllText(Path.Combine(root.Path, "state", Echo, "config.json")), Is.EqualTo("""{"mode":"offline"}"""));
        });
    }

    [Test]
    public async Task A_cached_package_altered_while_offline_is_refused_and_never_loaded()
    {
        using var root = new TempDirectory("offline-tamper");
        var echo = AgentTestRun.Packages.Get(Echo);
        await HostHarness.RunOnceAsync(root.Path, echo.Spec());

        var cached = Path.Combine(root.Path, "cache", "packages", echo.Digest.Hex, "package.nupkg");
        var bytes = await File.ReadAllBytesAsync(cached);
        bytes[bytes.Length / 3] ^= 0x20;
        await File.WriteAllBytesAsync(cached, bytes);

        // No registry: the cached copy fails its digest, and the fresh download it falls back to cannot happen.
        await using var offline = new HostHarness(root.Path, configure: o => o with
        {
            ServiceIndex = new Uri($"http://127.0.0.1:{FreeTcpPort.Next()}/v3/index.json"),
            Download = o.Download with { MaxAttempts = 2, Backoff = new Faros.Sdk.Reconciliation.ExponentialBackoff(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(50)) },
        });
        offline.Host.Apply([echo.Spec()]);
        var failed = await offline.WaitForAsync(Echo, s => s.Phase == PluginPhase.Failed);

        Assert.Multiple(() =>
        {
            Assert.That(failed.Message, Does.Contain("Reading the service index"));
            Assert.That(offline.History.Select(h => h.Phase), Does.Not.Contain(PluginPhase.Starting));
            Assert.That(offline.Host.Cache.Find(echo.Digest), Is.Null, "the altered entry was dropped");
            Assert.That(offline.Host.Contexts.CountAlive(), Is.Zero);
        });
    }

    [Test]
    public async Task An_unreadable_last_known_good_file_starts_the_host_with_an_empty_set_instead_of_failing()
    {
        using var root = new TempDirectory("offline-garbage");
        Directory.CreateDirectory(Path.Combine(root.Path, "cache"));
        await File.WriteAllTextAsync(Path.Combine(root.Path, "cache", "last-known-good.json"), "[{\"id\": \"Acme.Half\", \"vers");

        await using var harness = new HostHarness(root.Path);

        Assert.That(harness.Host.LastKnownGood, Is.Empty);
    }
}
