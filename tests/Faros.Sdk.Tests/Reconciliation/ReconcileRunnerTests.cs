using Faros.Sdk.Reconciliation;
using Microsoft.Extensions.Logging.Abstractions;

namespace Faros.Sdk.Tests.Reconciliation;

public sealed class ReconcileRunnerTests
{
    private static readonly ExponentialBackoff Backoff = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

    [Test]
    public async Task Failures_back_off_exponentially_per_resource_and_reset_after_success()
    {
        var reconciler = new ScriptedReconciler(
            new IOException("disk"), ReconcileResult.Retry("busy"), new IOException("disk"), ReconcileResult.Done);
        var runner = new ReconcileRunner(reconciler, Backoff, NullLogger.Instance);
        var resource = Thermostat.Named("living-room");

        var outcomes = new List<ReconcileOutcome>();
        for (var i = 0; i < 4; i++)
        {
            outcomes.Add(await runner.RunAsync(resource, CancellationToken.None));
        }

        Assert.Multiple(() =>
        {
            Assert.That(outcomes.Select(o => o.NextRunIn), Is.EqualTo(new TimeSpan?[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), null }));
            Assert.That(outcomes.Select(o => o.ConsecutiveFailures), Is.EqualTo(new[] { 1, 2, 3, 0 }));
            Assert.That(outcomes[0].Result.Error, Is.EqualTo("IOException: disk"));
            Assert.That(outcomes[1].Result.Error, Is.EqualTo("busy"));
        });
    }

    [Test]
    public async Task Each_resource_has_its_own_failure_count()
    {
        var runner = new ReconcileRunner(new ScriptedReconciler(new IOException("x")), Backoff, NullLogger.Instance);

        await runner.RunAsync(Thermostat.Named("a"), CancellationToken.None);
        await runner.RunAsync(Thermostat.Named("a"), CancellationToken.None);
        var other = await runner.RunAsync(Thermostat.Named("b"), CancellationToken.None);

        Assert.That(other.ConsecutiveFailures, Is.EqualTo(1));
        Assert.That(other.NextRunIn, Is.EqualTo(TimeSpan.FromSeconds(1)));
    }

    [Test]
    public async Task A_requested_requeue_is_passed_through()
    {
        var runner = new ReconcileRunner(new ScriptedReconciler(ReconcileResult.Requeue(TimeSpan.FromMinutes(1))), Backoff, NullLogger.Instance);

        var outcome = await runner.RunAsync(Thermostat.Named("a"), CancellationToken.None);

        Assert.That(outcome.NextRunIn, Is.EqualTo(TimeSpan.FromMinutes(1)));
        Assert.That(outcome.Result.Failed, Is.False);
    }

    [Test]
    public void Cancellation_by_the_host_propagates()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var runner = new ReconcileRunner(new ScriptedReconciler(new OperationCanceledException(cancelled.Token)), Backoff, NullLogger.Instance);

        Assert.ThrowsAsync<OperationCanceledException>(() => runner.RunAsync(Thermostat.Named("a"), cancelled.Token));
    }
}
