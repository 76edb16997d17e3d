using k8s;
using k8s.Models;

namespace Faros.Sdk.Reconciliation;

/// <summary>The host's untyped view of a reconciler; plugins derive from <see cref="Reconciler{TResource}"/>.</summary>
public interface IReconciler
{
    /// <summary>The kind this reconciler owns.</summary>
    ResourceKind Kind { get; }

    /// <summary>The CLR type the host deserializes resources of <see cref="Kind"/> into.</summary>
    Type ResourceType { get; }

    /// <summary>Brings the world in line with <paramref name="resource"/>'s spec and records it in its status.</summary>
    Task<ReconcileResult> ReconcileAsync(IKubernetesObject<V1ObjectMeta> resource, CancellationToken cancellationToken);
}
