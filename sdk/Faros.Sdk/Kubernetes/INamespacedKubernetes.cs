using k8s;
using k8s.Models;

namespace Faros.Sdk.Kubernetes;

/// <summary>
/// Kubernetes access confined to one namespace (the agent's, on the hub). Plugins get this instead of a raw
/// client so they cannot reach other agents' resources even by mistake; RBAC enforces the same on the server.
/// </summary>
public interface INamespacedKubernetes
{
    /// <summary>The only namespace this client touches.</summary>
    string Namespace { get; }

    /// <summary>Reads a custom resource by name; null when it does not exist.</summary>
    Task<T?> GetAsync<T>(string name, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>Lists the custom resources of <typeparamref name="T"/>'s kind in the namespace.</summary>
    Task<IReadOnlyList<T>> ListAsync<T>(CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>Writes <paramref name="resource"/>'s status subresource; returns the stored object.</summary>
    Task<T> ReplaceStatusAsync<T>(T resource, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>;
}
