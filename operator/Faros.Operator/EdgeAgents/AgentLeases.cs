using Faros.Api.Kubernetes;
using Faros.Operator.Controllers;
using Faros.Sdk.Reconciliation;
using k8s.Models;

namespace Faros.Operator.EdgeAgents;

/// <summary>
/// Devices' Leases, cached by a watch, so that checking whether an Agent is connected costs no API request.
/// While it runs, it queues an Agent again when its Lease appears or goes away, or is renewed after it went
/// stale. Going stale needs no event: the reconciler requeues itself for that moment.
/// </summary>
public sealed class AgentLeases : IController
{
    private readonly WorkQueue<ObjectKey> _agents;

    public AgentLeases(ResourceWatcher<V1Lease> watcher, WorkQueue<ObjectKey> agents)
    {
        Watcher = watcher;
        _agents = agents;
    }

    public ResourceWatcher<V1Lease> Watcher { get; }

    public ResourceKind Kind { get; } = new("coordination.k8s.io", "v1", "Lease", "leases");

    /// <summary>The Lease named <paramref name="name"/> in <paramref name="ns"/>, once the cache is filled.</summary>
    public async Task<V1Lease?> FindAsync(string ns, string name, CancellationToken cancellationToken)
    {
        await Watcher.Synced.WaitAsync(cancellationToken);
        return Watcher.Find(new ObjectKey(ns, name));
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Watcher.Changed += _agents.Add;
        try
        {
            await Watcher.RunAsync(cancellationToken);
        }
        finally
        {
            Watcher.Changed -= _agents.Add;
        }
    }

    /// <summary>Whether a Lease change can turn its agent's Connected condition: renewed after going stale, or a new holder or duration.</summary>
    public static bool CanChangeConnection(V1Lease before, V1Lease after) =>
        IsStale(before, DateTime.UtcNow) || before.Spec?.HolderIdentity != after.Spec?.HolderIdentity || before.Spec?.LeaseDurationSeconds != after.Spec?.LeaseDurationSeconds;

    private static bool IsStale(V1Lease lease, DateTime now) =>
        lease.Spec?.RenewTime is not { } renewed || now - DateTime.SpecifyKind(renewed, DateTimeKind.Utc) > TimeSpan.FromSeconds(Math.Max(1, lease.Spec.LeaseDurationSeconds ?? 40));
}
