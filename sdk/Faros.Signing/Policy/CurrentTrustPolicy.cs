namespace Faros.Signing.Policy;

/// <summary>
/// The trust policy in force where the policy can change while the process runs (a cluster TrustPolicy resource
/// being edited). Readers take <see cref="Current"/> once per decision, so evaluator and version always belong
/// together; a writer swaps in a new snapshot and <see cref="Changed"/> tells whoever must re-verify.
/// </summary>
public sealed class CurrentTrustPolicy
{
    private readonly TaskCompletionSource _settled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TrustPolicySnapshot _current;

    /// <param name="initial">The policy until another replaces it.</param>
    /// <param name="settled">False when a source is still being read (decisions wait on <see cref="Settled"/> until <see cref="Settle"/>).</param>
    public CurrentTrustPolicy(TrustPolicySnapshot initial, bool settled = true)
    {
        ArgumentNullException.ThrowIfNull(initial);
        _current = initial;
        if (settled)
        {
            _settled.TrySetResult();
        }
    }

    /// <summary>Raised after a different policy version became current.</summary>
    public event Action<TrustPolicySnapshot>? Changed;

    public TrustPolicySnapshot Current => Volatile.Read(ref _current);

    /// <summary>Completes once the policy's source has been read (or given up on), so that first decisions use it.</summary>
    public Task Settled => _settled.Task;

    /// <summary>A fixed policy that never changes.</summary>
    public static CurrentTrustPolicy Fixed(TrustPolicyEvaluator evaluator, string origin = "trust policy") =>
        new(new TrustPolicySnapshot(evaluator, origin, origin));

    /// <summary>Makes <paramref name="next"/> current; false (and no event) when it is the version already in force.</summary>
    public bool Replace(TrustPolicySnapshot next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var previous = Interlocked.Exchange(ref _current, next);
        Settle();
        if (previous.Version == next.Version)
        {
            return false;
        }

        Changed?.Invoke(next);
        return true;
    }

    /// <summary>Marks the source read: decisions waiting on <see cref="Settled"/> go ahead with <see cref="Current"/>.</summary>
    public void Settle() => _settled.TrySetResult();
}
