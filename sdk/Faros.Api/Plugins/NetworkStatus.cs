using System.Text.Json.Serialization;
using Faros.Sdk.Reconciliation;

namespace Faros.Api.Plugins;

/// <summary>Observed network, as the device's plugin reports it.</summary>
public sealed class NetworkStatus : ResourceStatus
{
    /// <summary>Path of the rendered configuration on the device.</summary>
    [JsonPropertyName("configPath")]
    public string? ConfigPath { get; set; }

    /// <summary>Number of peers configured.</summary>
    [JsonPropertyName("peerCount")]
    public int? PeerCount { get; set; }
}
