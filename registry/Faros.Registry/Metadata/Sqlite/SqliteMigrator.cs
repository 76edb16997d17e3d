using System.Reflection;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Faros.Registry.Metadata.Sqlite;

/// <summary>
/// Applies the embedded, numbered SQL migrations that the database has not seen yet, each in its own
/// transaction, recording them in schema_migrations. Safe to run from several processes at once.
/// </summary>
public sealed class SqliteMigrator(SqliteConnectionFactory connections, ILogger<SqliteMigrator> logger)
{
    private const string ResourceMarker = ".Metadata.Sqlite.Migrations.";

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL)");

        foreach (var migration in EmbeddedMigrations())
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            var applied = await connection.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM schema_migrations WHERE version = @Version", new { migration.Version }, transaction);
            if (applied > 0)
            {
                continue;
            }

            logger.LogInformation("Applying database migration {MigrationVersion} {MigrationName}", migration.Version, migration.Name);
            await connection.ExecuteAsync(migration.Sql, transaction: transaction);
            await connection.ExecuteAsync(
                "INSERT INTO schema_migrations (version, name, applied) VALUES (@Version, @Name, @Applied)",
                new { migration.Version, migration.Name, Applied = DateTimeOffset.UtcNow.ToString("O") },
                transaction);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    private static IEnumerable<(int Version, string Name, string Sql)> EmbeddedMigrations()
    {
        var assembly = Assembly.GetExecutingAssembly();
        return assembly.GetManifestResourceNames()
            .Where(name => name.Contains(ResourceMarker, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name =>
            {
                var fileName = name[(name.IndexOf(ResourceMarker, StringComparison.Ordinal) + ResourceMarker.Length)..];
                var version = int.Parse(fileName[..fileName.IndexOf('_')], System.Globalization.CultureInfo.InvariantCulture);
                using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
                return (version, Path.GetFileNameWithoutExtension(fileName), reader.ReadToEnd());
            })
            .OrderBy(migration => migration.version);
    }
}
