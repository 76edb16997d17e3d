using System.Text.Json.Serialization;
using Faros.Sdk.Reconciliation;

namespace Faros.Api.Core;

/// <summary>Observed cluster.</summary>
public sealed class ClusterStatus : ResourceStatus
{
    /// <summary>One of <see cref="ClusterPhases"/>.</summary>
    [JsonPropertyName("phase")]
    public string? Phase { get; set; }

    /// <summary>The core Agent created for the cluster.</summary>
    [JsonPropertyName("agentName")]
    public string? AgentName { get; set; }

    /// <summary>The Secret holding the agent's token.</summary>
    [JsonPropertyName("tokenSecretName")]
    public string? TokenSecretName { get; set; }

    /// <summary>When the cluster's agent last reported in.</summary>
    [JsonPropertyName("lastHeartbeat")]
    public DateTime? LastHeartbeat { get; set; }
}
