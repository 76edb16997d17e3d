using Faros.Agent.Tests.Fixtures;
using Faros.PluginHost.Supervision;
using static Faros.Agent.Tests.Fixtures.TestPluginPackages;

namespace Faros.Agent.Tests.PluginHost;

/// <summary>Install, upgrade, downgrade, reconfigure and remove, against the real registry.</summary>
public sealed class LifecycleTests
{
    private static TestPluginPackages Packages => AgentTestRun.Packages;

    [Test]
    public async Task A_plugin_resolved_through_the_service_index_is_downloaded_verified_cached_and_started()
    {
        await using var harness = new HostHarness();
        var echo = Packages.Get(Echo);

        harness.Host.Apply([echo.Spec()]);
        var running = await harness.WaitForRunningAsync(Echo, "1.0.0");

        var phases = harness.History.Where(h => h.Id == Echo).Select(h => h.Phase).Distinct().ToArray();
        var entry = harness.Host.Cache.Find(echo.Digest);
        Assert.Multiple(() =>
        {
            Assert.That(phases, Is.EqualTo(new[] { PluginPhase.Downloading, PluginPhase.Verifying, PluginPhase.Starting, PluginPhase.Running }));
            Assert.That(running.Signer, Is.EqualTo("allow-list:Faros.TestPlugins.*"));
            Assert.That(File.Exists(Path.Combine(harness.StateOf(Echo), "v1.started")), Is.True, "the plugin's own start ran");
            Assert.That(running.Report?.Facts["generation"], Is.EqualTo("v1"), "the plugin's status report reaches its snapshot");
            Assert.That(entry, Is.Not.Null);
            Assert.That(File.ReadAllBytes(entry!.PackagePath), Is.EqualTo(File.ReadAllBytes(echo.Path)));
            Assert.That(File.Exists(Path.Combine(entry.ContentDirectory, "lib", "net10.0", "Faros.TestPlugins.dll")), Is.True);
            Assert.That(harness.Host.LastKnownGood.Select(s => s.DisplayName), Is.EqualTo(new[] { "Faros.TestPlugins.Echo 1.0.0" }));
        });
    }

    [Test]
    public async Task An_upgrade_stops_the_old_version_and_unloads_its_context_before_the_new_one_runs()
    {
        await using var harness = new HostHarness();
        harness.Host.Apply([Packages.Get(Echo).Spec(AgentTestRun.Feed.DownloadUrl(Packages.Get(Echo)))]);
        await harness.WaitForRunningAsync(Echo, "1.0.0");

        var v2 = Packages.Get(Echo, "2.0.0");
        harness.Host.Apply([v2.Spec(AgentTestRun.Feed.DownloadUrl(v2))]);
        var running = await harness.WaitForRunningAsync(Echo, "2.0.0");

        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllText(Path.Combine(harness.StateOf(Echo), "stopped")), Is.EqualTo("v1"), "v1 was stopped");
            Assert.That(File.Exists(Path.Combine(harness.StateOf(Echo), "v2.started")), Is.True, "v2 started");
            Assert.That(running.Report?.Facts["generation"], Is.EqualTo("v2"));
            Assert.That(harness.Host.Contexts.CountAlive(), Is.EqualTo(1), "only v2's context is alive; v1's was collected");
            Assert.That(harness.Host.RestartRequired, Is.False);
        });
    }

    [Test]
    public async Task A_downgrade_brings_back_the_older_version_from_the_cache()
    {
        await using var harness = new HostHarness();
        var v1 = Packages.Get(Echo);
        var v2 = Packages.Get(Echo, "2.0.0");
        harness.Host.Apply([v1.Spec()]);
        await harness.WaitForRunningAsync(Echo, "1.0.0");
        harness.Host.Apply([v2.Spec()]);
        await harness.WaitForRunningAsync(Echo, "2.0.0");
        File.Delete(Path.Combine(harness.StateOf(Echo), "v1.started"));
        var before = harness.History.Count;

        harness.Host.Apply([v1.Spec()]);
        var running = await harness.WaitForRunningAsync(Echo, "1.0.0");

        var downgrade = harness.History.Skip(before).Where(h => h.Id == Echo).Select(h => h.Phase).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(running.Report?.Facts["generation"], Is.EqualTo("v1"));
            Assert.That(File.Exists(Path.Combine(harness.StateOf(Echo), "v1.started")), Is.True);
            Assert.That(downgrade, Does.Not.Contain(PluginPhase.Downloading), "v1 was still cached");
            Assert.That(harness.Host.Contexts.CountAlive(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_removed_plugin_is_stopped_unloaded_and_forgotten()
    {
        await using var harness = new HostHarness();
        harness.Host.Apply([Packages.Get(Echo).Spec()]);
        await harness.WaitForRunningAsync(Echo, "1.0.0");

        harness.Host.Apply([]);
        await harness.WaitForGoneAsync(Echo);

        Assert.Multiple(() =>
        {
            Assert.That(harness.History.Last(h => h.Id == Echo).Phase, Is.EqualTo(PluginPhase.Stopped));
            Assert.That(File.ReadAllText(Path.Combine(harness.StateOf(Echo), "stopped")), Is.EqualTo("v1"));
            Assert.That(harness.Host.Contexts.CountAlive(), Is.Zero);
            Assert.That(harness.Host.LastKnownGood, Is.Empty);
        });
    }
}
