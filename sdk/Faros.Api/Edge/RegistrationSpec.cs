using System.Text.Json.Serialization;

namespace Faros.Api.Edge;

/// <summary>Which device agent is being admitted.</summary>
public sealed class RegistrationSpec
{
    /// <summary>Name of the edge Agent (same namespace) the device acts as.</summary>
    [JsonPropertyName("agentName")]
    public string AgentName { get; set; } = "";
}
