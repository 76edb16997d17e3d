using System.Text.Json.Serialization;
using k8s.Models;

namespace Faros.Api.Intelligence;

/// <summary>Which model, where, with which key, over which clusters.</summary>
public sealed class AiAgentSpec
{
    /// <summary>Backend protocol; <c>openai</c> (any OpenAI-compatible API).</summary>
    [JsonPropertyName("backend")]
    public string Backend { get; set; } = "";

    /// <summary>Model id as the backend lists it.</summary>
    [JsonPropertyName("model")]
    public string Model { get; set; } = "";

    /// <summary>Base URL of the API, e.g. https://api.openai.com/v1.</summary>
    [JsonPropertyName("baseUrl")]
    public string? BaseUrl { get; set; }

    /// <summary>The Secret key holding the API key.</summary>
    [JsonPropertyName("secretRef")]
    public SecretKeyReference SecretRef { get; set; } = new();

    /// <summary>Which Clusters (same namespace) the agent operates; empty selects all.</summary>
    [JsonPropertyName("clusterSelector")]
    public V1LabelSelector? ClusterSelector { get; set; }
}
