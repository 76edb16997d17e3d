using System.Text.Json.Serialization;
using Faros.Sdk.Reconciliation;

namespace Faros.Samples.DeviceInfo;

/// <summary>The facts last collected.</summary>
public sealed class DeviceInfoStatus : ResourceStatus
{
    /// <summary>The facts, null until the first collection.</summary>
    [JsonPropertyName("host")]
    public HostFacts? Host { get; set; }

    /// <summary>When they were collected.</summary>
    [JsonPropertyName("collectedAt")]
    public DateTimeOffset? CollectedAt { get; set; }
}
