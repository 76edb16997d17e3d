using System.Text.Json.Serialization;

namespace Faros.Api.Plugins;

/// <summary>Which runtime, and where its API is.</summary>
public sealed class ContainerRuntimeSpec
{
    /// <summary>Runtime kind, e.g. <c>docker</c>.</summary>
    [JsonPropertyName("type")]
    public string Type { get; set; } = "";

    /// <summary>Unix socket of the engine API.</summary>
    [JsonPropertyName("socketPath")]
    public string? SocketPath { get; set; }

    /// <summary>Seconds between refreshes.</summary>
    [JsonPropertyName("refreshSeconds")]
    public int? RefreshSeconds { get; set; }
}
