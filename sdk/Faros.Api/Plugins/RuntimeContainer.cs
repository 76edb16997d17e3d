using System.Text.Json.Serialization;

namespace Faros.Api.Plugins;

/// <summary>One container as a runtime lists it.</summary>
public sealed class RuntimeContainer
{
    /// <summary>Engine id.</summary>
    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    /// <summary>Container name.</summary>
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    /// <summary>Image reference.</summary>
    [JsonPropertyName("image")]
    public string Image { get; set; } = "";

    /// <summary>Engine state, e.g. running or exited.</summary>
    [JsonPropertyName("state")]
    public string State { get; set; } = "";
}
