using Faros.Sdk.Reconciliation;

namespace Faros.Sdk.Tests.Reconciliation;

public sealed class ExponentialBackoffTests
{
    [Test]
    public void Doubles_from_the_initial_delay_and_caps_at_the_maximum()
    {
        var backoff = new ExponentialBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));

        var delays = Enumerable.Range(1, 6).Select(backoff.DelayAfter).Select(d => d.TotalSeconds);

        Assert.That(delays, Is.EqualTo(new double[] { 1, 2, 4, 8, 10, 10 }));
    }

    [Test]
    public void Huge_failure_counts_do_not_overflow() =>
        Assert.That(ExponentialBackoff.Default.DelayAfter(10_000), Is.EqualTo(TimeSpan.FromMinutes(5)));

    [Test]
    public void Rejects_nonsense_settings()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new ExponentialBackoff(TimeSpan.Zero, TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new ExponentialBackoff(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ExponentialBackoff.Default.DelayAfter(0));
    }
}
