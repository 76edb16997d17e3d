using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;
using Faros.Registry.Hosting;

namespace Faros.Registry.Storage;

/// <summary>
/// Package files as blobs {lowerId}/{lowerVersion}/{file}. Uploads are conditional on the blob not existing,
/// so a lost race never overwrites a stored package, and each blob records its content hash.
/// </summary>
public sealed class AzureBlobPackageFileStore(BlobContainerClient container, AzureBlobStorageOptions options) : IPackageFileStore
{
    private int containerReady;

    public async Task SaveAsync(string lowerId, string lowerVersion, PackageFileKind kind, Stream source, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken);
        var blob = container.GetBlobClient(PackageFilePaths.Of(lowerId, lowerVersion, kind));
        try
        {
            await blob.UploadAsync(source, new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                TransferOptions = new Azure.Storage.StorageTransferOptions { MaximumConcurrency = 1 },
            }, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 409 || exception.ErrorCode == BlobErrorCode.BlobAlreadyExists)
        {
            throw new PackageFileExistsException($"'{blob.Name}' is already stored.");
        }
    }

    public async Task SaveFileAsync(string lowerId, string lowerVersion, PackageFileKind kind, string localPath, CancellationToken cancellationToken)
    {
        await using (var file = new FileStream(localPath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous))
        {
            await SaveAsync(lowerId, lowerVersion, kind, file, cancellationToken);
        }

        File.Delete(localPath);
    }

    public async Task<Stream?> OpenAsync(string lowerId, string lowerVersion, PackageFileKind kind, CancellationToken cancellationToken)
    {
        var blob = container.GetBlobClient(PackageFilePaths.Of(lowerId, lowerVersion, kind));
        try
        {
            var download = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken);
            return new LengthKnownStream(download.Value.Content, download.Value.Details.ContentLength);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }

    public async Task DeleteAsync(string lowerId, string lowerVersion, PackageFileKind kind, CancellationToken cancellationToken) =>
        await container.DeleteBlobIfExistsAsync(PackageFilePaths.Of(lowerId, lowerVersion, kind), cancellationToken: cancellationToken);

    public async Task DeleteAllAsync(string lowerId, string lowerVersion, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken);
        await foreach (var item in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, $"{lowerId}/{lowerVersion}/", cancellationToken))
        {
            await container.DeleteBlobIfExistsAsync(item.Name, cancellationToken: cancellationToken);
        }
    }

    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken);
        return await container.ExistsAsync(cancellationToken);
    }

    /// <summary>A read-only SAS URL to the package blob that expires soon; null when redirects are off or the credentials cannot sign.</summary>
    public Uri? DirectDownloadUrl(string lowerId, string lowerVersion)
    {
        if (!options.RedirectDownloads)
        {
            return null;
        }

        var blob = container.GetBlobClient(PackageFilePaths.Of(lowerId, lowerVersion, PackageFileKind.Package));
        return blob.CanGenerateSasUri
            ? blob.GenerateSasUri(BlobSasPermissions.Read, DateTimeOffset.UtcNow.Add(options.SasLifetime))
            : null;
    }

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref containerReady) == 0)
        {
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            Volatile.Write(ref containerReady, 1);
        }
    }
}
