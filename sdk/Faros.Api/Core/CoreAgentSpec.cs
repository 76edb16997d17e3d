using System.Text.Json.Serialization;

namespace Faros.Api.Core;

/// <summary>Which cluster the agent serves and where its token is.</summary>
public sealed class CoreAgentSpec
{
    /// <summary>Name of the Cluster (same namespace).</summary>
    [JsonPropertyName("clusterName")]
    public string ClusterName { get; set; } = "";

    /// <summary>The Secret key holding the agent's token.</summary>
    [JsonPropertyName("tokenSecretRef")]
    public SecretKeyReference TokenSecretRef { get; set; } = new();
}
