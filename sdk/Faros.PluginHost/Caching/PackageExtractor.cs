using System.IO.Compression;
using System.Security.Cryptography;
using Faros.PluginHost.Verification;

namespace Faros.PluginHost.Caching;

/// <summary>
/// Expands a verified nupkg, refusing entry names that would land outside the target (absolute, <c>..</c>,
/// drive or backslash paths) and packages that expand beyond a size limit. NuGet's own packaging parts
/// (<c>[Content_Types].xml</c>, <c>_rels/</c>, <c>package/</c>) are left out.
/// </summary>
internal static class PackageExtractor
{
    public static void Extract(string packageName, string packagePath, string targetDirectory, long maxExpandedBytes)
    {
        using var archive = ZipFile.OpenRead(packagePath);
        var files = ContentEntries(packageName, archive, targetDirectory).ToArray();
        var expanded = files.Sum(f => f.Entry.Length);
        if (expanded > maxExpandedBytes)
        {
            throw new PluginRefusedException(packageName, RefusalReason.UnsafeContent,
                $"it expands to {expanded} bytes, over the host's limit of {maxExpandedBytes}. Fix: raise MaxExpandedPackageBytes if the plugin really is that large.");
        }

        foreach (var (entry, path) in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            entry.ExtractToFile(path, overwrite: false);
        }
    }

    /// <summary>True when <paramref name="contentDirectory"/> holds exactly the package's files, byte for byte.</summary>
    public static bool ContentMatches(string packageName, string packagePath, string contentDirectory)
    {
        if (!Directory.Exists(contentDirectory))
        {
            return false;
        }

        using var archive = ZipFile.OpenRead(packagePath);
        var expected = ContentEntries(packageName, archive, contentDirectory).ToArray();
        var present = Directory.EnumerateFiles(contentDirectory, "*", SearchOption.AllDirectories).Count();
        if (present != expected.Length)
        {
            return false;
        }

        foreach (var (entry, path) in expected)
        {
            if (!File.Exists(path) || new FileInfo(path).Length != entry.Length)
            {
                return false;
            }

            using var packed = entry.Open();
            using var onDisk = File.OpenRead(path);
            if (!SHA256.HashData(packed).AsSpan().SequenceEqual(SHA256.HashData(onDisk)))
            {
                return false;
            }
        }

        return true;
    }

    private static IEnumerable<(ZipArchiveEntry Entry, string Path)> ContentEntries(string packageName, ZipArchive archive, string targetDirectory)
    {
        var root = Path.GetFullPath(targetDirectory) + Path.DirectorySeparatorChar;
        foreach (var entry in archive.Entries)
        {
            if (entry.FullName.EndsWith('/'))
            {
                continue;
            }

            var name = Uri.UnescapeDataString(entry.FullName);
            if (IsPackagingPart(name))
            {
                continue;
            }

            if (!IsSafeName(name))
            {
                throw new PluginRefusedException(packageName, RefusalReason.UnsafeContent,
                    $"its entry '{entry.FullName}' would be written outside the plugin's folder.");
            }

            var path = Path.GetFullPath(Path.Combine(root, name));
            if (!path.StartsWith(root, StringComparison.Ordinal))
            {
                throw new PluginRefusedException(packageName, RefusalReason.UnsafeContent,
                    $"its entry '{entry.FullName}' would be written outside the plugin's folder.");
            }

            yield return (entry, path);
        }
    }

    private static bool IsPackagingPart(string name) =>
        name.Equals("[Content_Types].xml", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("_rels/", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("package/", StringComparison.OrdinalIgnoreCase)
        || (!name.Contains('/', StringComparison.Ordinal) && name.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase));

    private static bool IsSafeName(string name) =>
        name.Length > 0
        && !name.StartsWith('/')
        && !name.Contains('\\', StringComparison.Ordinal)
        && !name.Contains(':', StringComparison.Ordinal)
        && !name.Any(char.IsControl)
        && name.Split('/').All(segment => segment.Length > 0 && segment != "." && segment != "..");
}
