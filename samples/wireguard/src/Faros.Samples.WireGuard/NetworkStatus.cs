using System.Text.Json.Serialization;
using Faros.Sdk.Reconciliation;

namespace Faros.Samples.WireGuard;

/// <summary>Observed network.</summary>
public sealed class NetworkStatus : ResourceStatus
{
    /// <summary>Path of the rendered wg-quick config on the device.</summary>
    [JsonPropertyName("configPath")]
    public string? ConfigPath { get; set; }

    /// <summary>Number of peers configured.</summary>
    [JsonPropertyName("peerCount")]
    public int PeerCount { get; set; }
}
