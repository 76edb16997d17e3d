namespace Faros.Registry.Storage;

/// <summary>Where each package file lives, relative to the store's root; the same layout on disk and in blobs.</summary>
public static class PackageFilePaths
{
    public static string Of(string lowerId, string lowerVersion, PackageFileKind kind)
    {
        // Ids and versions were validated at push and reads go through the same validation,
        // but keep a path escape impossible even if a caller forgets.
        if (lowerId.Contains("..", StringComparison.Ordinal) || lowerId.IndexOfAny(['/', '\\']) >= 0 ||
            lowerVersion.Contains("..", StringComparison.Ordinal) || lowerVersion.IndexOfAny(['/', '\\']) >= 0)
        {
            throw new ArgumentException($"'{lowerId}/{lowerVersion}' is not a valid package id and version.");
        }

        var fileName = kind switch
        {
            PackageFileKind.Package => $"{lowerId}.{lowerVersion}.nupkg",
            PackageFileKind.Nuspec => $"{lowerId}.nuspec",
            PackageFileKind.Readme => "readme",
            PackageFileKind.Icon => "icon",
            PackageFileKind.SymbolPackage => $"{lowerId}.{lowerVersion}.snupkg",
            PackageFileKind.SigstoreBundle => $"{lowerId}.{lowerVersion}.sigstore.json",
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        return $"{lowerId}/{lowerVersion}/{fileName}";
    }
}
