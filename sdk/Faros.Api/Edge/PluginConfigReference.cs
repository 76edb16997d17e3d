using System.Text.Json.Serialization;

namespace Faros.Api.Edge;

/// <summary>A plugin resource in the agent's namespace, e.g. kind Network, name wireguard.</summary>
public sealed class PluginConfigReference
{
    /// <summary>apiVersion of the resource; defaults to plugins.faros.sh/v1alpha1.</summary>
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    /// <summary>Kind, e.g. Network or ContainerRuntime.</summary>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "";

    /// <summary>Name of the resource in the agent's namespace.</summary>
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";
}
