using Faros.Agent.Tests.Fixtures;
using Faros.PluginHost.Supervision;
using Faros.PluginHost.Verification;
using static Faros.Agent.Tests.Fixtures.TestPluginPackages;

namespace Faros.Agent.Tests.PluginHost;

/// <summary>Packages that must never load: each is refused with a named reason, before any of its code runs.</summary>
public sealed class RefusalTests
{
    private static TestPluginPackages Packages => AgentTestRun.Packages;

    [Test]
    public async Task A_package_with_one_byte_changed_in_the_registry_is_refused_as_a_digest_mismatch_before_it_loads()
    {
        var tampered = Packages.Get(Tampered);
        var stored = AgentTestRun.Feed.StoredPackagePath(tampered);
        var bytes = await File.ReadAllBytesAsync(stored);
        bytes[bytes.Length / 2] ^= 0x01;
        await File.WriteAllBytesAsync(stored, bytes);
        await using var harness = new HostHarness();

        harness.Host.Apply([tampered.Spec(AgentTestRun.Feed.DownloadUrl(tampered))]);
        var failed = await harness.WaitForAsync(Tampered, s => s.Phase == PluginPhase.Failed);

        Assert.Multiple(() =>
        {
            Assert.That(failed.Refusal, Is.EqualTo(RefusalReason.DigestMismatch));
            Assert.That(failed.Message, Does.Contain("refused (DigestMismatch)").And.Contain(tampered.Digest.Base64));
            Assert.That(harness.History.Where(h => h.Id == Tampered).Select(h => h.Phase), Does.Not.Contain(PluginPhase.Starting), "nothing was loaded");
            Assert.That(Directory.Exists(harness.StateOf(Tampered)), Is.False, "the plugin never got a context");
            Assert.That(harness.Host.Contexts.CountAlive(), Is.Zero);
            Assert.That(harness.Host.Cache.Find(tampered.Digest), Is.Null, "the refused package is not cached");
        });
    }

    [Test]
    public async Task A_package_the_trust_check_refuses_is_not_loaded_and_the_reason_names_the_policy()
    {
        await using var harness = new HostHarness(trust: new PackageIdAllowList([Echo]));

        harness.Host.Apply([Packages.Get(Echo).Spec(), Packages.Get(Throwing).Spec()]);
        await harness.WaitForRunningAsync(Echo, "1.0.0");
        var refused = await harness.WaitForAsync(Throwing, s => s.Phase == PluginPhase.Failed);

        Assert.Multiple(() =>
        {
            Assert.That(refused.Refusal, Is.EqualTo(RefusalReason.Untrusted));
            Assert.That(refused.Message, Does.Contain("matches no allowed id pattern (Faros.TestPlugins.Echo)"));
            Assert.That(harness.History.Where(h => h.Id == Throwing).Select(h => h.Phase), Does.Not.Contain(PluginPhase.Starting));
            Assert.That(harness.Host.Contexts.CountAlive(), Is.EqualTo(1), "only the trusted plugin was loaded");
        });
    }

    [Test]
    public async Task A_hub_plugin_is_refused_on_a_device()
    {
        await using var harness = new HostHarness();

        harness.Host.Apply([Packages.Get(HubOnly).Spec()]);
        var refused = await harness.WaitForAsync(HubOnly, s => s.Phase == PluginPhase.Failed);

        Assert.Multiple(() =>
        {
            Assert.That(refused.Refusal, Is.EqualTo(RefusalReason.WrongSide));
            Assert.That(refused.Message, Does.Contain("runs on the 'hub' side and this host is 'device'"));
        });
    }

    [Test]
    public async Task A_failed_upgrade_leaves_the_running_version_in_place()
    {
        await using var harness = new HostHarness();
        var v1 = Packages.Get(Echo);
        harness.Host.Apply([v1.Spec()]);
        await harness.WaitForRunningAsync(Echo, "1.0.0");

        // v2 resolved with the wrong digest, as if the registry served a different file than the operator saw.
        var v2 = Packages.Get(Echo, "2.0.0") with { Digest = Packages.Get(Throwing).Digest };
        harness.Host.Apply([v2.Spec()]);
        var kept = await harness.WaitForAsync(Echo, s => s.Refusal == RefusalReason.DigestMismatch);

        Assert.Multiple(() =>
        {
            Assert.That(kept.Phase, Is.EqualTo(PluginPhase.Running));
            Assert.That(kept.Version, Is.EqualTo("1.0.0"));
            Assert.That(kept.Message, Does.StartWith("Could not switch to 2.0.0"));
            Assert.That(File.Exists(Path.Combine(harness.StateOf(Echo), "stopped")), Is.False, "v1 kept running");
        });
    }
}
