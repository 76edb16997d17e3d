using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Faros.Api.Plugins;

/// <summary>Desired network.</summary>
public sealed class NetworkSpec
{
    /// <summary>Network technology, e.g. <c>wireguard</c>; the plugin for it handles the resource.</summary>
    [JsonPropertyName("type")]
    public string Type { get; set; } = "";

    /// <summary>Interface name; defaults to the resource name.</summary>
    [JsonPropertyName("interface")]
    public string? Interface { get; set; }

    /// <summary>Addresses of the interface in CIDR form.</summary>
    [JsonPropertyName("addresses")]
    public IList<string> Addresses { get; set; } = [];

    /// <summary>Technology-specific settings, validated by the plugin.</summary>
    [JsonPropertyName("config")]
    public JsonObject? Config { get; set; }
}
