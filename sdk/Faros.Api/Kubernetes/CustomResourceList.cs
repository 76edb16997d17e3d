using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Faros.Api.Kubernetes;

/// <summary>A list of custom resources as the API server returns it.</summary>
public sealed class CustomResourceList<T> : IKubernetesObject<V1ListMeta>, IItems<T>
{
    /// <inheritdoc />
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "";

    /// <inheritdoc />
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "";

    /// <inheritdoc />
    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    /// <inheritdoc />
    [JsonPropertyName("items")]
    public IList<T> Items { get; set; } = [];
}
