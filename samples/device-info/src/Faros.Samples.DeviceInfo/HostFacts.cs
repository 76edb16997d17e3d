using System.Text.Json.Serialization;

namespace Faros.Samples.DeviceInfo;

/// <summary>What a device is: OS, CPU, memory, disks.</summary>
public sealed record HostFacts(
    [property: JsonPropertyName("os")] string OperatingSystem,
    [property: JsonPropertyName("architecture")] string Architecture,
    [property: JsonPropertyName("cpuCount")] int CpuCount,
    [property: JsonPropertyName("cpuModel")] string? CpuModel,
    [property: JsonPropertyName("memoryTotalBytes")] long? MemoryTotalBytes,
    [property: JsonPropertyName("memoryAvailableBytes")] long? MemoryAvailableBytes,
    [property: JsonPropertyName("disks")] IReadOnlyList<DiskFacts> Disks);
