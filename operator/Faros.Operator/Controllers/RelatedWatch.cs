using Faros.Api.Kubernetes;
using Faros.Sdk.Reconciliation;
using k8s;
using k8s.Models;

namespace Faros.Operator.Controllers;

/// <summary>
/// Watches objects a reconciler reads but does not own, and queues the owners' keys when one changes
/// (e.g. an edge Agent's configRefs change what its Registration's Role must allow).
/// </summary>
public sealed class RelatedWatch<TRelated> : IController
    where TRelated : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly ResourceWatcher<TRelated> _watcher;
    private readonly Func<ObjectKey, IEnumerable<ObjectKey>> _owners;
    private readonly WorkQueue<ObjectKey> _queue;

    /// <param name="owners">The keys to queue when the related object at a key changes.</param>
    public RelatedWatch(ResourceWatcher<TRelated> watcher, ResourceKind kind, Func<ObjectKey, IEnumerable<ObjectKey>> owners, WorkQueue<ObjectKey> queue)
    {
        _watcher = watcher;
        Kind = kind;
        _owners = owners;
        _queue = queue;
    }

    public ResourceKind Kind { get; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _watcher.Changed += QueueOwners;
        try
        {
            await _watcher.RunAsync(cancellationToken);
        }
        finally
        {
            _watcher.Changed -= QueueOwners;
        }
    }

    private void QueueOwners(ObjectKey related)
    {
        foreach (var owner in _owners(related))
        {
            _queue.Add(owner);
        }
    }
}
