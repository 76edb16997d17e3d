namespace Faros.Registry.Storage;

/// <summary>
/// Where package files live. Writes never overwrite: a second write of the same file fails with
/// <see cref="PackageFileExistsException"/>, so a lost race cannot replace a stored package.
/// </summary>
public interface IPackageFileStore
{
    /// <summary>Stores <paramref name="source"/> as the file; moves it when it is a local temp file the store may take.</summary>
    Task SaveAsync(string lowerId, string lowerVersion, PackageFileKind kind, Stream source, CancellationToken cancellationToken);

    /// <summary>Takes ownership of a local temp file (moved, not copied, where the store can).</summary>
    Task SaveFileAsync(string lowerId, string lowerVersion, PackageFileKind kind, string localPath, CancellationToken cancellationToken);

    /// <summary>Opens the file for reading, or null when it does not exist.</summary>
    Task<Stream?> OpenAsync(string lowerId, string lowerVersion, PackageFileKind kind, CancellationToken cancellationToken);

    /// <summary>Deletes one file of the version; no error when it does not exist.</summary>
    Task DeleteAsync(string lowerId, string lowerVersion, PackageFileKind kind, CancellationToken cancellationToken);

    /// <summary>Deletes every file of the version; no error when there are none.</summary>
    Task DeleteAllAsync(string lowerId, string lowerVersion, CancellationToken cancellationToken);

    Task<bool> IsReadyAsync(CancellationToken cancellationToken);

    /// <summary>A short-lived URL that serves the .nupkg directly, when the store is set up to offload downloads; else null.</summary>
    Uri? DirectDownloadUrl(string lowerId, string lowerVersion);
}

public sealed class PackageFileExistsException(string message) : IOException(message);
