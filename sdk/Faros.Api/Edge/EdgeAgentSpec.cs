using System.Text.Json.Serialization;

namespace Faros.Api.Edge;

/// <summary>Desired state of an edge agent.</summary>
public sealed class EdgeAgentSpec
{
    /// <summary>Plugins the device runs, each name unique within the agent.</summary>
    [JsonPropertyName("plugins")]
    public IList<PluginReference> Plugins { get; set; } = [];
}
