using System.Globalization;
using System.Reflection;
using Dapper;

namespace Faros.Registry.Metadata.Sql;

/// <summary>
/// Applies the embedded, numbered SQL migrations of the dialect that the database has not seen yet, each in
/// its own transaction, recording them in schema_migrations. Safe when several instances start at once.
/// </summary>
public sealed class SqlMigrator(ISqlDialect dialect, ILogger<SqlMigrator> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL)");

        foreach (var migration in EmbeddedMigrations(dialect.Name))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await dialect.LockForMigrationAsync(connection, transaction);
            var applied = await connection.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM schema_migrations WHERE version = @Version", new { migration.Version }, transaction);
            if (applied > 0)
            {
                continue;
            }

            logger.LogInformation("Applying {Database} migration {MigrationVersion} {MigrationName}", dialect.Name, migration.Version, migration.Name);
            await connection.ExecuteAsync(migration.Sql, transaction: transaction);
            await connection.ExecuteAsync(
                "INSERT INTO schema_migrations (version, name, applied) VALUES (@Version, @Name, @Applied)",
                new { migration.Version, migration.Name, Applied = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture) },
                transaction);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    private static IEnumerable<(long Version, string Name, string Sql)> EmbeddedMigrations(string dialectName)
    {
        var marker = $".Metadata.{dialectName}.Migrations.";
        var assembly = Assembly.GetExecutingAssembly();
        return assembly.GetManifestResourceNames()
            .Where(name => name.Contains(marker, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name =>
            {
                var fileName = name[(name.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..];
                var version = long.Parse(fileName[..fileName.IndexOf('_')], CultureInfo.InvariantCulture);
                using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
                return (version, Path.GetFileNameWithoutExtension(fileName), reader.ReadToEnd());
            })
            .OrderBy(migration => migration.version);
    }
}
