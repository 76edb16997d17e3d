using System.Text.Json.Serialization;
using Faros.Sdk.Reconciliation;

namespace Faros.Api.Intelligence;

/// <summary>Observed AI agent.</summary>
public sealed class AiAgentStatus : ResourceStatus
{
    /// <summary>One of <see cref="Core.ClusterPhases"/>.</summary>
    [JsonPropertyName("phase")]
    public string? Phase { get; set; }

    /// <summary>Names of the Clusters the selector matches.</summary>
    [JsonPropertyName("clusters")]
    public IList<string> Clusters { get; set; } = [];

    /// <summary>When the agent last reported in.</summary>
    [JsonPropertyName("lastHeartbeat")]
    public DateTime? LastHeartbeat { get; set; }
}
