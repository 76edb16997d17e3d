namespace Faros.Sdk.Reconciliation;

/// <summary>What a <see cref="ReconcileRunner"/> pass came to.</summary>
/// <param name="Result">The reconciler's result; a thrown exception becomes a failed result.</param>
/// <param name="NextRunIn">When to run again without a change; null to wait for the next change.</param>
/// <param name="ConsecutiveFailures">Failures in a row for this resource, 0 after a success.</param>
public sealed record ReconcileOutcome(ReconcileResult Result, TimeSpan? NextRunIn, int ConsecutiveFailures);
