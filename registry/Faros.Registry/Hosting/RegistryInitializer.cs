using Faros.Registry.Authentication;
using Faros.Registry.Metadata;
using Faros.Registry.Metadata.Sql;
using Faros.Registry.Storage;
using Microsoft.Extensions.Options;

namespace Faros.Registry.Hosting;

/// <summary>
/// Brings the data directory to a usable state before the first request: migrations, the bootstrap admin key,
/// and removal of what pushes that died half way left behind.
/// </summary>
public sealed class RegistryInitializer(
    IOptions<RegistryOptions> options,
    SqlMigrator migrator,
    IApiKeyStore keys,
    IPackageMetadataStore metadata,
    IPackageFileStore files,
    ILogger<RegistryInitializer> logger)
{
    public const string BootstrapKeyVariable = "FAROS_BOOTSTRAP_API_KEY";

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.Value.DataDir);
        await migrator.MigrateAsync(cancellationToken);

        if (Environment.GetEnvironmentVariable(BootstrapKeyVariable) is { Length: > 0 } bootstrapKey)
        {
            await keys.EnsureAsync(ApiKeyHash.Of(bootstrapKey.Trim()), "admin", "*", ApiKeyAction.All, isAdmin: true, "bootstrap key from " + BootstrapKeyVariable, expires: null, cancellationToken);
            logger.LogInformation("Bootstrap admin API key from {Variable} is active", BootstrapKeyVariable);
        }

        var abandonedAfter = options.Value.PendingPushTimeout;
        foreach (var abandoned in await metadata.FindAbandonedAsync(abandonedAfter, cancellationToken))
        {
            logger.LogWarning("Removing {PackageId} {PackageVersion}, a push that did not finish", abandoned.Id, abandoned.Version);
            await files.DeleteAllAsync(abandoned.LowerId, abandoned.LowerVersion, cancellationToken);
            await metadata.AbandonAsync(abandoned.LowerId, abandoned.LowerVersion, cancellationToken);
        }

        if (Directory.Exists(options.Value.UploadsPath))
        {
            foreach (var stale in new DirectoryInfo(options.Value.UploadsPath).EnumerateFiles().Where(file => file.LastWriteTimeUtc < DateTime.UtcNow - abandonedAfter))
            {
                stale.Delete();
            }
        }

        logger.LogInformation("Registry data in {DataDir}", options.Value.DataDir);
    }
}
