using Faros.Sdk.Reconciliation;
using k8s;
using k8s.Models;

namespace Faros.Api.Kubernetes;

/// <summary>
/// Typed access to one namespaced custom resource kind, including its status subresource. The kind comes
/// from <typeparamref name="T"/>'s [KubernetesEntity] attribute, or is given (for <see cref="UntypedResource"/>).
/// </summary>
public sealed class ResourceClient<T> : IListWatch<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly IKubernetes _client;

    public ResourceClient(IKubernetes client)
        : this(client, ResourceKind.Of<T>())
    {
    }

    /// <summary>Access to <paramref name="kind"/>, whose objects <typeparamref name="T"/> carries (e.g. <see cref="UntypedResource"/>).</summary>
    public ResourceClient(IKubernetes client, ResourceKind kind)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        Kind = kind ?? throw new ArgumentNullException(nameof(kind));
    }

    /// <summary>Group, version, kind and plural of <typeparamref name="T"/>.</summary>
    public ResourceKind Kind { get; }

    /// <inheritdoc />
    public string Description => Kind.ToString();

    public Task<T> GetAsync(string ns, string name, CancellationToken cancellationToken = default) =>
        _client.CustomObjects.GetNamespacedCustomObjectAsync<T>(Kind.Group, Kind.Version, ns, Kind.Plural, name, cancellationToken);

    /// <summary>The resource, or null when it does not exist.</summary>
    public async Task<T?> FindAsync(string ns, string name, CancellationToken cancellationToken = default)
    {
        try
        {
            return await GetAsync(ns, name, cancellationToken);
        }
        catch (k8s.Autorest.HttpOperationException notFound) when (notFound.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Lists in <paramref name="ns"/>, or in every namespace when it is null.</summary>
    public Task<CustomResourceList<T>> ListAsync(string? ns, string? labelSelector = null, CancellationToken cancellationToken = default) =>
        ns is null
            ? _client.CustomObjects.ListClusterCustomObjectAsync<CustomResourceList<T>>(Kind.Group, Kind.Version, Kind.Plural, labelSelector: labelSelector, cancellationToken: cancellationToken)
            : _client.CustomObjects.ListNamespacedCustomObjectAsync<CustomResourceList<T>>(Kind.Group, Kind.Version, ns, Kind.Plural, labelSelector: labelSelector, cancellationToken: cancellationToken);

    /// <summary>One page of a list (<paramref name="limit"/> items from <paramref name="continueToken"/>), in <paramref name="ns"/> or everywhere.</summary>
    public Task<CustomResourceList<T>> ListPageAsync(string? ns, int limit, string? continueToken, CancellationToken cancellationToken = default, string? fieldSelector = null) =>
        ns is null
            ? _client.CustomObjects.ListClusterCustomObjectAsync<CustomResourceList<T>>(Kind.Group, Kind.Version, Kind.Plural, continueParameter: continueToken, fieldSelector: fieldSelector, limit: limit, cancellationToken: cancellationToken)
            : _client.CustomObjects.ListNamespacedCustomObjectAsync<CustomResourceList<T>>(Kind.Group, Kind.Version, ns, Kind.Plural, continueParameter: continueToken, fieldSelector: fieldSelector, limit: limit, cancellationToken: cancellationToken);

    /// <summary>
    /// Watches changes after <paramref name="resourceVersion"/> with bookmarks; the server ends the watch after
    /// <paramref name="timeoutSeconds"/>. An expired resourceVersion arrives as a 410 error through <paramref name="onError"/>.
    /// </summary>
    public IAsyncEnumerable<(WatchEventType Type, T Object)> WatchAsync(string? ns, string resourceVersion, int timeoutSeconds, Action<Exception> onError, CancellationToken cancellationToken, string? fieldSelector = null)
    {
        var response = ns is null
            ? _client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync<object>(Kind.Group, Kind.Version, Kind.Plural, allowWatchBookmarks: true, fieldSelector: fieldSelector, resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds, watch: true, cancellationToken: cancellationToken)
            : _client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync<object>(Kind.Group, Kind.Version, ns, Kind.Plural, allowWatchBookmarks: true, fieldSelector: fieldSelector, resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds, watch: true, cancellationToken: cancellationToken);
        // The replacement WatchList*Async methods yield untyped objects; this is the typed path for custom resources.
#pragma warning disable CS0618
        return response.WatchAsync<T, object>(onError, cancellationToken);
#pragma warning restore CS0618
    }

    public Task<T> CreateAsync(T resource, CancellationToken cancellationToken = default)
    {
        Stamp(resource);
        return _client.CustomObjects.CreateNamespacedCustomObjectAsync<T>(resource, Kind.Group, Kind.Version, Namespace(resource), Kind.Plural, cancellationToken: cancellationToken);
    }

    /// <summary>Replaces metadata and spec; fails with 409 when <paramref name="resource"/> is stale.</summary>
    public Task<T> ReplaceAsync(T resource, CancellationToken cancellationToken = default)
    {
        Stamp(resource);
        return _client.CustomObjects.ReplaceNamespacedCustomObjectAsync<T>(resource, Kind.Group, Kind.Version, Namespace(resource), Kind.Plural, resource.Metadata.Name, cancellationToken: cancellationToken);
    }

    /// <summary>Replaces status through the status subresource; fails with 409 when <paramref name="resource"/> is stale.</summary>
    public Task<T> ReplaceStatusAsync(T resource, CancellationToken cancellationToken = default)
    {
        Stamp(resource);
        return _client.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync<T>(resource, Kind.Group, Kind.Version, Namespace(resource), Kind.Plural, resource.Metadata.Name, cancellationToken: cancellationToken);
    }

    /// <summary>Applies a JSON merge patch to the resource.</summary>
    public Task<T> MergePatchAsync(string ns, string name, string mergePatch, CancellationToken cancellationToken = default) =>
        _client.CustomObjects.PatchNamespacedCustomObjectAsync<T>(new V1Patch(mergePatch, V1Patch.PatchType.MergePatch), Kind.Group, Kind.Version, ns, Kind.Plural, name, cancellationToken: cancellationToken);

    /// <summary>Applies a JSON merge patch through the status subresource.</summary>
    public Task<T> MergePatchStatusAsync(string ns, string name, string mergePatch, CancellationToken cancellationToken = default) =>
        _client.CustomObjects.PatchNamespacedCustomObjectStatusAsync<T>(new V1Patch(mergePatch, V1Patch.PatchType.MergePatch), Kind.Group, Kind.Version, ns, Kind.Plural, name, cancellationToken: cancellationToken);

    /// <summary>Deletes the resource; absent is fine.</summary>
    public async Task DeleteAsync(string ns, string name, CancellationToken cancellationToken = default)
    {
        try
        {
            await _client.CustomObjects.DeleteNamespacedCustomObjectAsync(Kind.Group, Kind.Version, ns, Kind.Plural, name, cancellationToken: cancellationToken);
        }
        catch (k8s.Autorest.HttpOperationException notFound) when (notFound.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
        }
    }

    private void Stamp(T resource)
    {
        resource.ApiVersion = Kind.ApiVersion;
        resource.Kind = Kind.Kind;
    }

    private static string Namespace(T resource) =>
        resource.Metadata?.NamespaceProperty is { Length: > 0 } ns
            ? ns
            : throw new ArgumentException($"{resource.Metadata?.Name} has no metadata.namespace; Faros resources are namespaced.", nameof(resource));
}
