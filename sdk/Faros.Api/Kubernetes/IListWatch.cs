using k8s;
using k8s.Models;

namespace Faros.Api.Kubernetes;

/// <summary>What a list-then-watch cache needs of one kind: paged lists and resumable watches.</summary>
public interface IListWatch<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>The kind, for logs.</summary>
    string Description { get; }

    /// <summary>One page of a list in <paramref name="ns"/>, or everywhere when null.</summary>
    /// <param name="fieldSelector">
    /// Narrows the list, e.g. <c>metadata.name=NAME</c>: RBAC grants limited by resourceNames authorize a list or watch
    /// only with that selector.
    /// </param>
    Task<CustomResourceList<T>> ListPageAsync(string? ns, int limit, string? continueToken, CancellationToken cancellationToken = default, string? fieldSelector = null);

    /// <summary>Changes after <paramref name="resourceVersion"/>, with bookmarks; 410 Gone arrives through <paramref name="onError"/>.</summary>
    IAsyncEnumerable<(WatchEventType Type, T Object)> WatchAsync(string? ns, string resourceVersion, int timeoutSeconds, Action<Exception> onError, CancellationToken cancellationToken, string? fieldSelector = null);
}
