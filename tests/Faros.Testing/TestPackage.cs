using NuGet.Versioning;

namespace Faros.Testing;

/// <summary>A built .nupkg in memory, with the identity the registry should index it under.</summary>
public sealed record TestPackage(string Id, NuGetVersion Version, byte[] Content)
{
    /// <summary>Lower-case id, as used in flat-container and registration URLs.</summary>
    public string LowerId => Id.ToLowerInvariant();

    /// <summary>Normalized lower-case version (no build metadata), as used in URLs.</summary>
    public string LowerVersion => Version.ToNormalizedString().ToLowerInvariant();

    public string FileName => $"{Id}.{Version.ToNormalizedString()}.nupkg";

    /// <summary>Writes the package to a directory (for CLI pushes) and returns its path.</summary>
    public string WriteTo(string directory)
    {
        var path = Path.Combine(directory, FileName);
        File.WriteAllBytes(path, Content);
        return path;
    }
}
