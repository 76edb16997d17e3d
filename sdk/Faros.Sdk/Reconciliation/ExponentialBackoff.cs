namespace Faros.Sdk.Reconciliation;

/// <summary>
/// Retry delays that double from <see cref="Initial"/> up to <see cref="Max"/>. No jitter: each resource
/// retries on its own schedule already, and deterministic delays keep tests exact.
/// </summary>
public sealed record ExponentialBackoff
{
    /// <summary>Creates a backoff of <paramref name="initial"/> × <paramref name="factor"/>^(n-1), capped at <paramref name="max"/>.</summary>
    public ExponentialBackoff(TimeSpan initial, TimeSpan max, double factor = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, initial);
        ArgumentOutOfRangeException.ThrowIfLessThan(factor, 1.0);
        Initial = initial;
        Max = max;
        Factor = factor;
    }

    /// <summary>1 second doubling to 5 minutes, as controller-runtime's default per-item limiter.</summary>
    public static ExponentialBackoff Default { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));

    /// <summary>Delay before the first retry.</summary>
    public TimeSpan Initial { get; }

    /// <summary>Longest delay.</summary>
    public TimeSpan Max { get; }

    /// <summary>Growth per consecutive failure.</summary>
    public double Factor { get; }

    /// <summary>The delay after <paramref name="consecutiveFailures"/> failures in a row (1 or more).</summary>
    public TimeSpan DelayAfter(int consecutiveFailures)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(consecutiveFailures, 1);
        var ticks = Initial.Ticks * Math.Pow(Factor, consecutiveFailures - 1);
        return ticks >= Max.Ticks ? Max : TimeSpan.FromTicks((long)ticks);
    }
}
