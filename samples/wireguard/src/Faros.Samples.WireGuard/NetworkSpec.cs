using System.Text.Json.Serialization;

namespace Faros.Samples.WireGuard;

/// <summary>Desired network.</summary>
public sealed class NetworkSpec
{
    /// <summary>Network technology; this plugin handles <c>wireguard</c>.</summary>
    [JsonPropertyName("type")]
    public string Type { get; set; } = "";

    /// <summary>Interface name, e.g. wg0; defaults to the resource name.</summary>
    [JsonPropertyName("interface")]
    public string? Interface { get; set; }

    /// <summary>Addresses of the interface in CIDR form, e.g. 10.8.0.2/24.</summary>
    [JsonPropertyName("addresses")]
    public IList<string> Addresses { get; set; } = [];

    /// <summary>WireGuard settings.</summary>
    [JsonPropertyName("config")]
    public WireGuardConfig Config { get; set; } = new();
}
