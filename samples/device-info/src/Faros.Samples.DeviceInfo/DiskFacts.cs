using System.Text.Json.Serialization;

namespace Faros.Samples.DeviceInfo;

/// <summary>One mounted file system.</summary>
public sealed record DiskFacts(
    [property: JsonPropertyName("mountPoint")] string MountPoint,
    [property: JsonPropertyName("fileSystem")] string FileSystem,
    [property: JsonPropertyName("totalBytes")] long TotalBytes,
    [property: JsonPropertyName("freeBytes")] long FreeBytes);
