using System.Text.Json.Serialization;

namespace Faros.Samples.DeviceInfo;

/// <summary>How often to collect.</summary>
public sealed class DeviceInfoSpec
{
    /// <summary>Seconds between collections; the plugin's defaultIntervalSeconds when unset.</summary>
    [JsonPropertyName("intervalSeconds")]
    public int? IntervalSeconds { get; set; }
}
