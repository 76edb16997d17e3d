using Faros.Agent.Tests.Fixtures;
using Faros.PluginHost.Supervision;
using static Faros.Agent.Tests.Fixtures.TestPluginPackages;

namespace Faros.Agent.Tests.PluginHost;

/// <summary>A plugin that throws, hangs or dies fails alone: it is restarted with backoff and the rest keep running.</summary>
public sealed class IsolationTests
{
    private static TestPluginPackages Packages => AgentTestRun.Packages;

    [Test]
    public async Task Throwing_hanging_and_dying_plugins_are_restarted_with_backoff_while_a_healthy_one_keeps_running()
    {
        await using var harness = new HostHarness();

        harness.Host.Apply([Packages.Get(Echo).Spec(), Packages.Get(Throwing).Spec(), Packages.Get(Hanging).Spec(), Packages.Get(Dying).Spec()]);
        await harness.WaitForRunningAsync(Echo, "1.0.0");
        var throwing = await harness.WaitForAsync(Throwing, s => s.Phase == PluginPhase.Failed && s.Restarts >= 3);
        var hanging = await harness.WaitForAsync(Hanging, s => s.Phase == PluginPhase.Failed && s.Restarts >= 2);
        var dying = await harness.WaitForAsync(Dying, s => s.Phase == PluginPhase.Failed && s.Restarts >= 2);

        var echoAfterRunning = harness.History.Where(h => h.Id == Echo).SkipWhile(h => h.Phase != PluginPhase.Running).Select(h => h.Phase);
        var throwingFailures = harness.History.Where(h => h.Id == Throwing && h.Phase == PluginPhase.Failed).ToArray();
        var announced = throwingFailures.Select(f => System.Text.RegularExpressions.Regex.Match(f.Message, @"Restarting in ([0-9.]+) s\.").Groups[1].Value).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(harness.Find(Echo)!.Phase, Is.EqualTo(PluginPhase.Running));
            Assert.That(echoAfterRunning, Is.All.EqualTo(PluginPhase.Running), "the healthy plugin never left Running");
            Assert.That(throwing.Message, Does.Contain("ThrowingPlugin fails its start on purpose."));
            Assert.That(hanging.Message, Does.Contain("Start of Faros.TestPlugins.Hanging 1.0.0 did not finish within 2 s"));
            Assert.That(dying.Message, Does.Contain("DyingPlugin's worker loop died."));
            Assert.That(announced.Take(3), Is.EqualTo(new[] { "0.2", "0.4", "0.8" }), "the restart delay doubles");
            Assert.That(throwingFailures[2].Since - throwingFailures[1].Since, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(0.4)), "the announced delay is waited");
        });

        harness.Host.Apply([Packages.Get(Echo).Spec()]);
        await Task.WhenAll(harness.WaitForGoneAsync(Throwing), harness.WaitForGoneAsync(Hanging), harness.WaitForGoneAsync(Dying));
        Assert.Multiple(() =>
        {
            Assert.That(harness.Host.Contexts.CountAlive(), Is.EqualTo(1), "every failed attempt's context was collected; only the healthy plugin's remains");
            Assert.That(harness.Host.RestartRequired, Is.False);
        });
    }

    [Test]
    public async Task A_plugin_whose_unload_never_completes_is_reported_as_restart_required_and_the_host_carries_on()
    {
        await using var harness = new HostHarness(configure: o => o with { UnloadTimeout = TimeSpan.FromSeconds(1) });
        harness.Host.Apply([Packages.Get(Echo).Spec(), Packages.Get(Stuck).Spec()]);
        await harness.WaitForRunningAsync(Echo, "1.0.0");
        await harness.WaitForRunningAsync(Stuck, "1.0.0");

        harness.Host.Apply([Packages.Get(Echo).Spec()]);
        await harness.WaitForGoneAsync(Stuck);

        Assert.Multiple(() =>
        {
            Assert.That(harness.Host.RestartRequired, Is.True);
            Assert.That(harness.Host.LingeringContexts.Select(l => (l.Id, l.Version)), Is.EqualTo(new[] { (Stuck, "1.0.0") }));
            Assert.That(harness.Find(Echo)!.Phase, Is.EqualTo(PluginPhase.Running));
        });
    }
}
