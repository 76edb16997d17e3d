namespace Faros.Sdk.Reconciliation;

/// <summary>What a reconcile pass asks of the host next.</summary>
public sealed record ReconcileResult
{
    private ReconcileResult(TimeSpan? requeueAfter, string? error)
    {
        RequeueAfter = requeueAfter;
        Error = error;
    }

    /// <summary>
    /// The state matches the spec; run again only when the resource changes (reconcilers are level-based:
    /// each pass reads the whole current object, so a missed event costs nothing).
    /// </summary>
    public static ReconcileResult Done { get; } = new(null, null);

    /// <summary>When to run again even without a change (polling, e.g. device facts); null for never.</summary>
    public TimeSpan? RequeueAfter { get; }

    /// <summary>Why the pass failed; the host retries with exponential backoff. Null on success.</summary>
    public string? Error { get; }

    /// <summary>Whether the pass failed.</summary>
    public bool Failed => Error is not null;

    /// <summary>Succeeded; run again after <paramref name="delay"/>.</summary>
    public static ReconcileResult Requeue(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new ReconcileResult(delay, null);
    }

    /// <summary>Failed for <paramref name="error"/>; retry with backoff.</summary>
    public static ReconcileResult Retry(string error)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(error);
        return new ReconcileResult(null, error);
    }
}
