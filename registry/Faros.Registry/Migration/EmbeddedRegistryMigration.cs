using Faros.Registry.Authentication;
using Faros.Registry.Metadata;
using Faros.Registry.Metadata.Sql;
using Faros.Registry.Metadata.Sqlite;
using Faros.Registry.Storage;

namespace Faros.Registry.Migration;

/// <summary>
/// Copies an embedded registry (SQLite + files in a data directory) into the configured stores: every package
/// with its files, listing state, deprecation and download counts, plus API keys and prefix reservations.
/// A package's files are copied before its metadata, so an interrupted run leaves nothing visible half-copied,
/// and a re-run skips what is already there.
/// </summary>
public sealed class EmbeddedRegistryMigration(
    IPackageMetadataStore target,
    IPackageFileStore targetFiles,
    IApiKeyStore targetKeys,
    SqlMigrator targetMigrator)
{
    private static readonly PackageFileKind[] SideFiles = [PackageFileKind.Nuspec, PackageFileKind.Readme, PackageFileKind.Icon, PackageFileKind.SymbolPackage, PackageFileKind.SigstoreBundle];

    public async Task<MigrationReport> RunAsync(string sourceDataDir, IProgress<MigrationProgress> progress, CancellationToken cancellationToken)
    {
        var databasePath = Path.Combine(sourceDataDir, "registry.db");
        if (!File.Exists(databasePath))
        {
            throw new MigrationSourceException($"'{sourceDataDir}' holds no registry.db. Point --from at the data directory of an embedded registry (its FAROS_DATA_DIR).");
        }

        await targetMigrator.MigrateAsync(cancellationToken);
        var sourceDialect = new SqliteDialect(new SqliteConnectionFactory(databasePath));
        var source = new SqlPackageMetadataStore(sourceDialect);
        var sourceKeys = new SqlApiKeyStore(sourceDialect);
        var sourceFiles = new FileSystemPackageFileStore(Path.Combine(sourceDataDir, "packages"));

        foreach (var (key, hash) in await sourceKeys.ExportAsync(cancellationToken))
        {
            await targetKeys.EnsureAsync(hash, key.Owner, string.Join(",", key.Scopes), key.Actions, key.IsAdmin, "migrated", key.Expires, cancellationToken);
        }

        foreach (var (prefix, owner) in await sourceKeys.ListPrefixesAsync(cancellationToken))
        {
            await targetKeys.ReservePrefixAsync(prefix, owner, cancellationToken);
        }

        var ids = await source.ListIdsAsync(cancellationToken);
        var packages = new List<(PackageIdRecord Id, PackageRecord Package)>();
        foreach (var id in ids)
        {
            packages.AddRange((await source.FindVersionsAsync(id.LowerId, cancellationToken)).Select(package => (id, package)));
        }

        int copied = 0, skipped = 0;
        for (var index = 0; index < packages.Count; index++)
        {
            var (id, package) = packages[index];
            if (await target.ExistsAsync(package.LowerId, package.LowerVersion, cancellationToken))
            {
                skipped++;
                progress.Report(new MigrationProgress(index + 1, packages.Count, package.Id, package.Version, Copied: false));
                continue;
            }

            // Files a previous, interrupted run copied without reaching the metadata step.
            await targetFiles.DeleteAllAsync(package.LowerId, package.LowerVersion, cancellationToken);
            await CopyAsync(sourceFiles, package, PackageFileKind.Package, required: true, cancellationToken);
            foreach (var kind in SideFiles)
            {
                await CopyAsync(sourceFiles, package, kind, required: false, cancellationToken);
            }

            await target.ImportAsync(package, id.Owner, package.HasSymbols, cancellationToken);
            copied++;
            progress.Report(new MigrationProgress(index + 1, packages.Count, package.Id, package.Version, Copied: true));
        }

        return new MigrationReport(copied, skipped);
    }

    private async Task CopyAsync(IPackageFileStore sourceFiles, PackageRecord package, PackageFileKind kind, bool required, CancellationToken cancellationToken)
    {
        await using var stream = await sourceFiles.OpenAsync(package.LowerId, package.LowerVersion, kind, cancellationToken);
        if (stream is null)
        {
            if (required)
            {
                throw new MigrationSourceException($"{package.Id} {package.Version} has no .nupkg in the source's packages folder; the source data directory is damaged.");
            }

            return;
        }

        await targetFiles.SaveAsync(package.LowerId, package.LowerVersion, kind, stream, cancellationToken);
    }
}

public sealed record MigrationProgress(int Index, int Total, string Id, string Version, bool Copied);

public sealed record MigrationReport(int Copied, int Skipped);

public sealed class MigrationSourceException(string message) : Exception(message);
