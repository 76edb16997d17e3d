using Faros.Agent.Tests.Fixtures;
using static Faros.Agent.Tests.Fixtures.TestPluginPackages;

namespace Faros.Agent.Tests.PluginHost;

/// <summary>Loading, using (a reconcile pass) and unloading a plugin many times leaves no context behind and memory flat.</summary>
public sealed class LeakTests
{
    private const int Cycles = 100;
    private const int WarmUpCycles = 10;

    [Test]
    public async Task A_hundred_load_reconcile_and_unload_cycles_leave_no_context_alive_and_memory_steady()
    {
        await using var harness = new HostHarness(configure: o => o with { HealthInterval = TimeSpan.FromMinutes(1) }, quiet: true);
        var echo = AgentTestRun.Packages.Get(Echo);
        long afterWarmUp = 0;

        for (var cycle = 1; cycle <= Cycles; cycle++)
        {
            harness.Host.Apply([echo.Spec()]);
            await harness.WaitForRunningAsync(Echo, "1.0.0");
            var pass = await harness.Host.ReconcileAsync(ReconcileTests.EchoKind, ReconcileTests.EchoResource($"cycle {cycle}"), CancellationToken.None);
            Assert.That(pass.Outcome.Result.Failed, Is.False);
            harness.Host.Apply([]);
            await harness.WaitForGoneAsync(Echo);
            if (cycle % 10 == 0)
            {
                TestContext.Out.WriteLine($"cycle {cycle}: managed {ManagedMemory() / 1024} KiB, working set {Environment.WorkingSet / 1024} KiB");
            }

            if (cycle == WarmUpCycles)
            {
                afterWarmUp = ManagedMemory();
            }
        }

        var growth = ManagedMemory() - afterWarmUp;
        TestContext.Out.WriteLine($"Managed heap after {WarmUpCycles} cycles: {afterWarmUp / 1024} KiB; growth over the next {Cycles - WarmUpCycles}: {growth / 1024} KiB");
        Assert.Multiple(() =>
        {
            Assert.That(harness.Host.Contexts.CountAlive(), Is.Zero, "every unloaded context was collected");
            Assert.That(harness.Host.RestartRequired, Is.False);
            Assert.That(growth, Is.LessThan(1L << 20), "managed memory stays flat across cycles");
        });
    }

    private static long ManagedMemory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
