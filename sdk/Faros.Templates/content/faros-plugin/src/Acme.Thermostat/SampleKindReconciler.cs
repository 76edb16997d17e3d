using Faros.Sdk.Reconciliation;

namespace Acme.Thermostat;

/// <summary>
/// Level-based: each pass gets the whole current resource, converges, and records the outcome in status
/// conditions. Return ReconcileResult.Retry(...) to be retried with exponential backoff.
/// </summary>
public sealed class SampleKindReconciler(TimeProvider time) : Reconciler<SampleKind>
{
    /// <summary>Condition type reporting whether the spec is in effect.</summary>
    public const string ReadyCondition = "Ready";

    /// <inheritdoc />
    protected override Task<ReconcileResult> ReconcileCoreAsync(SampleKind resource, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(resource.Spec.Message))
        {
            resource.Status.SetCondition(ReadyCondition, false, "MessageMissing", "spec.message is empty.", resource.Metadata?.Generation, time.GetUtcNow());
            return Task.FromResult(ReconcileResult.Done);
        }

        resource.Status.AppliedMessage = resource.Spec.Message;
        resource.Status.SetCondition(ReadyCondition, true, "Applied", "spec.message applied.", resource.Metadata?.Generation, time.GetUtcNow());
        return Task.FromResult(ReconcileResult.Done);
    }
}
