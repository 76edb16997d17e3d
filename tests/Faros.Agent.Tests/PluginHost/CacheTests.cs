using Faros.Agent.Tests.Fixtures;
using static Faros.Agent.Tests.Fixtures.TestPluginPackages;

namespace Faros.Agent.Tests.PluginHost;

/// <summary>The content-addressed cache: its layout, its size cap, and that a package in use is never evicted.</summary>
public sealed class CacheTests
{
    [Test]
    public async Task Over_the_cap_the_least_recently_used_package_is_evicted_but_never_the_one_in_use()
    {
        // A one-byte cap: every package is over it, so only "in use" keeps an entry.
        await using var harness = new HostHarness(configure: o => o with { CacheSizeLimitBytes = 1 });
        var v1 = AgentTestRun.Packages.Get(Echo);
        var v2 = AgentTestRun.Packages.Get(Echo, "2.0.0");

        harness.Host.Apply([v1.Spec()]);
        await harness.WaitForRunningAsync(Echo, "1.0.0");
        var whileV1Runs = harness.Host.Cache.Entries().Select(e => e.Digest).ToArray();
        harness.Host.Apply([v2.Spec()]);
        await harness.WaitForRunningAsync(Echo, "2.0.0");
        var whileV2Runs = harness.Host.Cache.Entries().Select(e => e.Digest).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(whileV1Runs, Is.EqualTo(new[] { v1.Digest }));
            Assert.That(whileV2Runs, Is.EqualTo(new[] { v2.Digest }));
            Assert.That(Directory.GetDirectories(Path.Combine(harness.Root, "cache", "packages")).Select(Path.GetFileName), Is.EqualTo(new[] { v2.Digest.Hex }));
        });
    }

    [Test]
    public async Task Cached_files_changed_on_disk_are_extracted_again_from_the_verified_package_at_the_next_start()
    {
        using var root = new TempDirectory("cache-repair");
        var echo = AgentTestRun.Packages.Get(Echo);
        await HostHarness.RunOnceAsync(root.Path, echo.Spec());

        var dll = Path.Combine(root.Path, "cache", "packages", echo.Digest.Hex, "content", "lib", "net10.0", "Faros.TestPlugins.dll");
        var original = await File.ReadAllBytesAsync(dll);
        await File.WriteAllBytesAsync(dll, [.. original, 0x00]);

        await using var second = new HostHarness(root.Path);
        second.Host.Apply([echo.Spec()]);
        await second.WaitForRunningAsync(Echo, "1.0.0");

        Assert.That(await File.ReadAllBytesAsync(dll), Is.EqualTo(original));
    }

    [Test]
    public async Task A_second_host_on_the_same_cache_directory_is_refused_while_the_first_runs()
    {
        using var root = new TempDirectory("cache-shared");
        await using (var first = new HostHarness(root.Path))
        {
            var error = Assert.Throws<IOException>(() => _ = new HostHarness(root.Path));
            Assert.That(error!.Message, Does.Contain("is in use by another process. Fix: give each agent or operator its own cache directory."));
        }

        await using var next = new HostHarness(root.Path);
        Assert.That(next.Host.Snapshots, Is.Empty, "the cache is free again once the first host is disposed");
    }
}
