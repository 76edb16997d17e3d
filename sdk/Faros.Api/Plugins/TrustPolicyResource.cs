using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Faros.Api.Plugins;

/// <summary>
/// The cluster-wide plugin trust policy. Its <see cref="Spec"/> is the policy document that Faros.Signing's
/// <c>TrustPolicy.Parse</c> reads (docs/signing.md); it stays opaque here so that one parser owns its meaning.
/// </summary>
[KubernetesEntity(Group = ApiGroups.Plugins, ApiVersion = ApiGroups.V1Alpha1, Kind = "TrustPolicy", PluralName = "trustpolicies")]
public sealed class TrustPolicyResource : IKubernetesObject<V1ObjectMeta>, ISpec<JsonObject>
{
    /// <inheritdoc />
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = $"{ApiGroups.Plugins}/{ApiGroups.V1Alpha1}";

    /// <inheritdoc />
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "TrustPolicy";

    /// <inheritdoc />
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <inheritdoc />
    [JsonPropertyName("spec")]
    public JsonObject Spec { get; set; } = [];
}
