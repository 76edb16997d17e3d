using System.Text.Json.Serialization;
using Faros.Sdk.Reconciliation;

namespace Faros.Api.Core;

/// <summary>What the in-cluster agent reports.</summary>
public sealed class CoreAgentStatus : ResourceStatus
{
    /// <summary>When the agent last reported in.</summary>
    [JsonPropertyName("lastHeartbeat")]
    public DateTime? LastHeartbeat { get; set; }

    /// <summary>Version of the agent software.</summary>
    [JsonPropertyName("agentVersion")]
    public string? AgentVersion { get; set; }
}
