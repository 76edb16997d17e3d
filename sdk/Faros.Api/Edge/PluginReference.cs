using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Faros.Api.Edge;

/// <summary>One plugin an agent runs: which package, which versions, and its configuration.</summary>
public sealed class PluginReference
{
    /// <summary>Local name, unique within the agent (a DNS label).</summary>
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    /// <summary>Registry package id; when unset, the catalog entry whose id matches <see cref="Name"/>.</summary>
    [JsonPropertyName("package")]
    public string? Package { get; set; }

    /// <summary>NuGet version range, e.g. <c>1.2.3</c> (at least), <c>[1.2.3]</c> (exactly) or <c>1.*</c> (floating); unset means the latest.</summary>
    [JsonPropertyName("version")]
    public string? Version { get; set; }

    /// <summary>Inline configuration handed to the plugin; exclusive with <see cref="ConfigRef"/>.</summary>
    [JsonPropertyName("config")]
    public JsonObject? Config { get; set; }

    /// <summary>A plugin resource holding the configuration; exclusive with <see cref="Config"/>.</summary>
    [JsonPropertyName("configRef")]
    public PluginConfigReference? ConfigRef { get; set; }
}
