using System.Collections.Concurrent;
using Faros.Api.Core;
using Faros.Sdk.Reconciliation;

namespace Faros.Operator.Tests.Controllers;

/// <summary>
/// A reconciler for the machinery tests: records every pass and marks the Cluster Ready for the generation it
/// saw; <see cref="OnReconcile"/> lets a test inject behaviour (fail, race, block).
/// </summary>
internal sealed class RecordingReconciler : Reconciler<Cluster>
{
    public ConcurrentQueue<(string Name, long? Generation, DateTimeOffset At)> Passes { get; } = new();

    public Func<Cluster, CancellationToken, Task<ReconcileResult?>>? OnReconcile { get; set; }

    public int PassesFor(string name) => Passes.Count(p => p.Name == name);

    protected override async Task<ReconcileResult> ReconcileCoreAsync(Cluster resource, CancellationToken cancellationToken)
    {
        Passes.Enqueue((resource.Metadata.Name, resource.Metadata.Generation, DateTimeOffset.UtcNow));
        if (OnReconcile is not null && await OnReconcile(resource, cancellationToken) is { } result)
        {
            return result;
        }

        resource.Status.Phase = ClusterPhases.Ready;
        resource.Status.SetCondition("Ready", true, "Observed", $"reconciled generation {resource.Metadata.Generation}", resource.Metadata.Generation, DateTimeOffset.UtcNow);
        return ReconcileResult.Done;
    }
}
