using System.Text.Json.Serialization;

namespace Faros.Samples.DockerRuntime;

/// <summary>Which runtime, and where its API is.</summary>
public sealed class ContainerRuntimeSpec
{
    /// <summary>The Docker Engine's default socket.</summary>
    public const string DefaultSocketPath = "/var/run/docker.sock";

    /// <summary>Runtime kind; this plugin handles <c>docker</c>.</summary>
    [JsonPropertyName("type")]
    public string Type { get; set; } = "";

    /// <summary>Unix socket of the engine API.</summary>
    [JsonPropertyName("socketPath")]
    public string? SocketPath { get; set; }

    /// <summary>Seconds between refreshes.</summary>
    [JsonPropertyName("refreshSeconds")]
    public int RefreshSeconds { get; set; } = 30;
}
