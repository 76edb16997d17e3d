using Faros.Cli.Infrastructure;
using NuGet.Packaging;
using NuGet.Versioning;

namespace Faros.Cli.Registry;

/// <summary>
/// A .nupkg on disk, opened once and held open (others may read, not write) so that the bytes signed are the bytes
/// uploaded. Its id, version and package types come from the nuspec, read with NuGet.Packaging.
/// </summary>
public sealed class PluginPackageFile : IDisposable
{
    private PluginPackageFile(string path, FileStream stream, string id, NuGetVersion version, IReadOnlyList<string> packageTypes)
    {
        Path = path;
        Stream = stream;
        Id = id;
        Version = version;
        PackageTypes = packageTypes;
    }

    public string Path { get; }

    /// <summary>The open file; rewind before each read.</summary>
    public FileStream Stream { get; }

    public string Id { get; }

    public NuGetVersion Version { get; }

    public IReadOnlyList<string> PackageTypes { get; }

    public long Length => Stream.Length;

    /// <summary>"{id}.{version}", the stem of the package's files in a feed.</summary>
    public string Stem => $"{Id}.{Version.ToNormalizedString()}";

    public bool IsPlugin => PackageTypes.Contains(PluginRegistry.PluginPackageType, StringComparer.OrdinalIgnoreCase);

    public static PluginPackageFile Open(string path)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw CliException.Usage($"{path} does not exist; pass the plugin's .nupkg (`dotnet pack` writes it to bin/Release).");
        }

        var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
        try
        {
            using var reader = new PackageArchiveReader(stream, leaveStreamOpen: true);
            var nuspec = reader.NuspecReader;
            var package = new PluginPackageFile(fullPath, stream, nuspec.GetId(), nuspec.GetVersion(),
                nuspec.GetPackageTypes().Select(type => type.Name).ToList());
            stream.Position = 0;
            return package;
        }
        catch (Exception exception) when (exception is InvalidDataException or NuGet.Packaging.Core.PackagingException or System.Xml.XmlException or ArgumentException or InvalidOperationException)
        {
            stream.Dispose();
            throw new CliException(ExitCodes.Error, $"{path} is not a readable NuGet package ({exception.Message}). Build it with `dotnet pack`.", exception);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public void Dispose() => Stream.Dispose();
}
