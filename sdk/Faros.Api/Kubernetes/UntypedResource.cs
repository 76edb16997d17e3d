using System.Text.Json;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Faros.Api.Kubernetes;

/// <summary>
/// A custom resource of any kind with everything but its metadata kept as raw JSON: how a host that does not
/// know a plugin's types lists, watches and writes the plugin's resources. Use with
/// <see cref="ResourceClient{T}(IKubernetes, Faros.Sdk.Reconciliation.ResourceKind)"/>.
/// </summary>
public sealed class UntypedResource : IKubernetesObject<V1ObjectMeta>
{
    /// <inheritdoc />
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "";

    /// <inheritdoc />
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "";

    /// <inheritdoc />
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>Every other top-level field: spec, status, and whatever else the kind has.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement> Fields { get; set; } = [];

    // Methods, not a property: the serializer would skip a "status" member matching an ignored property of that name.

    /// <summary>The status, or null when the resource has none yet.</summary>
    public JsonElement? FindStatus() =>
        Fields.TryGetValue("status", out var status) && status.ValueKind != JsonValueKind.Null ? status : null;

    /// <summary>Replaces the status.</summary>
    public void SetStatus(JsonElement status) => Fields["status"] = status;
}
