using System.Text.Json.Serialization;
using Faros.Sdk.Reconciliation;

namespace Faros.Api.Edge;

/// <summary>Observed state of an edge agent: the pinned plugins (written by the operator) and the device's heartbeat.</summary>
public sealed class EdgeAgentStatus : ResourceStatus
{
    /// <summary>One entry per spec.plugins[] name, in spec order.</summary>
    [JsonPropertyName("plugins")]
    public IList<PluginStatus> Plugins { get; set; } = [];

    /// <summary>When the device last reported in.</summary>
    [JsonPropertyName("lastHeartbeat")]
    public DateTime? LastHeartbeat { get; set; }
}
