using System.Net;
using System.Text.Json;
using Faros.Sdk.Reconciliation;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Faros.Sdk.Kubernetes;

/// <summary><see cref="INamespacedKubernetes"/> over a KubernetesClient <see cref="IKubernetes"/>.</summary>
public sealed class NamespacedKubernetes : INamespacedKubernetes
{
    private readonly IKubernetes _client;

    /// <summary>Confines <paramref name="client"/> to <paramref name="namespace"/>.</summary>
    public NamespacedKubernetes(IKubernetes client, string @namespace)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        ArgumentException.ThrowIfNullOrWhiteSpace(@namespace);
        Namespace = @namespace;
    }

    /// <inheritdoc />
    public string Namespace { get; }

    /// <inheritdoc />
    public async Task<T?> GetAsync<T>(string name, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var kind = ResourceKind.Of<T>();
        try
        {
            var raw = await _client.CustomObjects.GetNamespacedCustomObjectAsync(
                kind.Group, kind.Version, Namespace, kind.Plural, name, cancellationToken).ConfigureAwait(false);
            return Convert<T>(raw);
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<T>> ListAsync<T>(CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var kind = ResourceKind.Of<T>();
        var raw = await _client.CustomObjects.ListNamespacedCustomObjectAsync(
            kind.Group, kind.Version, Namespace, kind.Plural, cancellationToken: cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(KubernetesJson.Serialize(raw));
        return document.RootElement.TryGetProperty("items", out var items)
            ? items.EnumerateArray().Select(item => KubernetesJson.Deserialize<T>(item.GetRawText())).ToArray()
            : [];
    }

    /// <inheritdoc />
    public async Task<T> ReplaceStatusAsync<T>(T resource, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (resource.Metadata?.NamespaceProperty is { Length: > 0 } ns && ns != Namespace)
        {
            throw new InvalidOperationException($"Resource {resource.Metadata.Name} is in namespace '{ns}', outside '{Namespace}'.");
        }

        var kind = ResourceKind.Of<T>();
        var raw = await _client.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync(
            resource, kind.Group, kind.Version, Namespace, kind.Plural, resource.Metadata!.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
        return Convert<T>(raw);
    }

    // The CustomObjects API returns untyped JSON; round-trip it through the client's own serializer settings.
    private static T Convert<T>(object raw) => KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(raw));
}
