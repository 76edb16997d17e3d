using Faros.Api.Kubernetes;
using k8s;
using k8s.Models;

namespace Faros.Operator.Controllers;

/// <summary>coordination.k8s.io Leases as a <see cref="ResourceWatcher{T}"/> source (devices' heartbeats).</summary>
public sealed class LeaseListWatch(IKubernetes client) : IListWatch<V1Lease>
{
    public string Description => "Lease.coordination.k8s.io/v1";

    public async Task<CustomResourceList<V1Lease>> ListPageAsync(string? ns, int limit, string? continueToken, CancellationToken cancellationToken = default, string? fieldSelector = null)
    {
        var list = ns is null
            ? await client.CoordinationV1.ListLeaseForAllNamespacesAsync(continueParameter: continueToken, fieldSelector: fieldSelector, limit: limit, cancellationToken: cancellationToken)
            : await client.CoordinationV1.ListNamespacedLeaseAsync(ns, continueParameter: continueToken, fieldSelector: fieldSelector, limit: limit, cancellationToken: cancellationToken);
        return new CustomResourceList<V1Lease> { Metadata = list.Metadata, Items = list.Items };
    }

    public IAsyncEnumerable<(WatchEventType Type, V1Lease Object)> WatchAsync(string? ns, string resourceVersion, int timeoutSeconds, Action<Exception> onError, CancellationToken cancellationToken, string? fieldSelector = null)
    {
        var response = ns is null
            ? client.CoordinationV1.ListLeaseForAllNamespacesWithHttpMessagesAsync(allowWatchBookmarks: true, fieldSelector: fieldSelector, resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds, watch: true, cancellationToken: cancellationToken)
            : client.CoordinationV1.ListNamespacedLeaseWithHttpMessagesAsync(ns, allowWatchBookmarks: true, fieldSelector: fieldSelector, resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds, watch: true, cancellationToken: cancellationToken);
        // As for custom resources: the typed watch of a list response.
#pragma warning disable CS0618
        return response.WatchAsync<V1Lease, V1LeaseList>(onError, cancellationToken);
#pragma warning restore CS0618
    }
}
