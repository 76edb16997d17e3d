namespace Faros.Samples.DeviceInfo;

/// <summary>The plugin's configuration (see faros-config.schema.json).</summary>
public sealed class DeviceInfoOptions
{
    /// <summary>Interval for resources without spec.intervalSeconds.</summary>
    public int DefaultIntervalSeconds { get; set; } = 60;
}
