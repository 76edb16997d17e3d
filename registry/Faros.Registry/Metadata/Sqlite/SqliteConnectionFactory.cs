using Microsoft.Data.Sqlite;

namespace Faros.Registry.Metadata.Sqlite;

/// <summary>Opens pooled connections to the registry's SQLite file, each set up the same way.</summary>
public sealed class SqliteConnectionFactory
{
    private readonly string connectionString;
    private readonly string pragmas;

    public SqliteConnectionFactory(string databasePath, bool durable = false)
    {
        // WAL lets readers run beside a writer; NORMAL sync in WAL mode survives a process crash, FULL also power
        // loss; foreign keys are off by default in SQLite.
        pragmas = $"PRAGMA journal_mode=WAL; PRAGMA synchronous={(durable ? "FULL" : "NORMAL")}; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;";
        DatabasePath = databasePath;
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            // Writers wait for each other rather than failing with SQLITE_BUSY.
            DefaultTimeout = 30,
        }.ToString();
    }

    public string DatabasePath { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        using var pragma = connection.CreateCommand();
        pragma.CommandText = pragmas;
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }
}
