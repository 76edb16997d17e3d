namespace Faros.Registry.Storage;

/// <summary>
/// Package files under {root}/{lowerId}/{lowerVersion}/. Each file is written to a temp name in the same
/// folder and then renamed without overwrite, so readers never see half a file.
/// </summary>
public sealed class FileSystemPackageFileStore(string root, bool durable = false) : IPackageFileStore
{
    public async Task SaveAsync(string lowerId, string lowerVersion, PackageFileKind kind, Stream source, CancellationToken cancellationToken)
    {
        var target = PathOf(lowerId, lowerVersion, kind);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = target + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await source.CopyToAsync(output, cancellationToken);
                // Never fsynced: side files (nuspec, readme, icon) can be rebuilt from the .nupkg.
            }

            MoveWithoutOverwrite(temp, target);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public Task SaveFileAsync(string lowerId, string lowerVersion, PackageFileKind kind, string localPath, CancellationToken cancellationToken)
    {
        var target = PathOf(lowerId, lowerVersion, kind);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (durable)
        {
            // The upload was written without fsync; make it durable before it becomes visible.
            using var handle = File.OpenHandle(localPath, FileMode.Open, FileAccess.ReadWrite);
            RandomAccess.FlushToDisk(handle);
        }

        MoveWithoutOverwrite(localPath, target);
        return Task.CompletedTask;
    }

    public Task<Stream?> OpenAsync(string lowerId, string lowerVersion, PackageFileKind kind, CancellationToken cancellationToken)
    {
        try
        {
            Stream stream = new FileStream(PathOf(lowerId, lowerVersion, kind), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1, FileOptions.Asynchronous);
            return Task.FromResult<Stream?>(stream);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task DeleteAsync(string lowerId, string lowerVersion, PackageFileKind kind, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(lowerId, lowerVersion, kind));
        return Task.CompletedTask;
    }

    public Task DeleteAllAsync(string lowerId, string lowerVersion, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(root, lowerId, lowerVersion);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        var idFolder = Path.Combine(root, lowerId);
        if (Directory.Exists(idFolder) && !Directory.EnumerateFileSystemEntries(idFolder).Any())
        {
            Directory.Delete(idFolder);
        }

        return Task.CompletedTask;
    }

    public Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(root);
        return Task.FromResult(Directory.Exists(root));
    }

    public Uri? DirectDownloadUrl(string lowerId, string lowerVersion) => null;

    private static void MoveWithoutOverwrite(string source, string target)
    {
        try
        {
            File.Move(source, target, overwrite: false);
        }
        catch (IOException) when (File.Exists(target))
        {
            throw new PackageFileExistsException($"'{Path.GetFileName(target)}' is already stored.");
        }
    }

    private string PathOf(string lowerId, string lowerVersion, PackageFileKind kind) =>
        Path.Combine(root, PackageFilePaths.Of(lowerId, lowerVersion, kind));
}
