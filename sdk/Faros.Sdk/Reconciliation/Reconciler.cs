using k8s;
using k8s.Models;

namespace Faros.Sdk.Reconciliation;

/// <summary>
/// Typed, level-based reconciler for one kind. Implement <see cref="ReconcileCoreAsync"/>: read the spec,
/// converge, set conditions on the status. The base records the observed generation; the host writes the
/// status back and requeues as the result asks.
/// </summary>
public abstract class Reconciler<TResource> : IReconciler
    where TResource : class, IKubernetesObject<V1ObjectMeta>, IHasResourceStatus
{
    /// <inheritdoc />
    public ResourceKind Kind { get; } = ResourceKind.Of<TResource>();

    /// <inheritdoc />
    public Type ResourceType => typeof(TResource);

    /// <summary>Reconciles <paramref name="resource"/> and stamps status.observedGeneration.</summary>
    public async Task<ReconcileResult> ReconcileAsync(TResource resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var result = await ReconcileCoreAsync(resource, cancellationToken).ConfigureAwait(false);
        resource.CurrentStatus.ObservedGeneration = resource.Metadata?.Generation;
        return result;
    }

    /// <inheritdoc />
    Task<ReconcileResult> IReconciler.ReconcileAsync(IKubernetesObject<V1ObjectMeta> resource, CancellationToken cancellationToken) =>
        resource is TResource typed
            ? ReconcileAsync(typed, cancellationToken)
            : throw new ArgumentException($"Expected a {typeof(TResource).Name}, got {resource?.GetType().Name ?? "null"}.", nameof(resource));

    /// <summary>One level-based pass over the current state of <paramref name="resource"/>.</summary>
    protected abstract Task<ReconcileResult> ReconcileCoreAsync(TResource resource, CancellationToken cancellationToken);
}
