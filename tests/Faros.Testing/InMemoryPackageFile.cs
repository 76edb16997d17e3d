using NuGet.Frameworks;
using NuGet.Packaging;

namespace Faros.Testing;

/// <summary>
/// A package file held as bytes. PackageBuilder may open a file more than once (it reads the readme to
/// validate it, then again to write it) and disposes each stream, so every call returns a fresh stream.
/// </summary>
internal sealed class InMemoryPackageFile(string path, byte[] content) : IPackageFile
{
    public string Path { get; } = path;

    public string? EffectivePath => null;

    [Obsolete("Use NuGetFramework instead; required by IPackageFile.")]
    public System.Runtime.Versioning.FrameworkName? TargetFramework => null;

    public NuGetFramework? NuGetFramework => null;

    public DateTimeOffset LastWriteTime { get; } = DateTimeOffset.UtcNow;

    public Stream GetStream() => new MemoryStream(content, writable: false);
}
