using System.Text.Json.Serialization;

namespace Faros.Api.Core;

/// <summary>Desired cluster.</summary>
public sealed class ClusterSpec
{
    /// <summary>Human-readable name.</summary>
    [JsonPropertyName("displayName")]
    public string? DisplayName { get; set; }

    /// <summary>Seconds without a heartbeat after which a Ready cluster becomes Failed; default 300.</summary>
    [JsonPropertyName("heartbeatTimeoutSeconds")]
    public int? HeartbeatTimeoutSeconds { get; set; }
}
