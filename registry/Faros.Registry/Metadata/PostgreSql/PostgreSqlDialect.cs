using System.Data.Common;
using System.Text;
using Dapper;
using Faros.Registry.Metadata.Sql;
using Npgsql;

namespace Faros.Registry.Metadata.PostgreSql;

/// <summary>PostgreSQL: the shared database of several stateless registry instances; full text through tsvector.</summary>
public sealed class PostgreSqlDialect(NpgsqlDataSource dataSource) : ISqlDialect
{
    // Any constant shared by all instances; it only has to differ from other users of advisory locks.
    private const long MigrationLockKey = 0x46_61_72_6F_73_52_65_67;

    public string Name => "PostgreSql";

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => await dataSource.OpenConnectionAsync(cancellationToken);

    public bool IsUniqueViolation(DbException exception) => exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    public string FullTextFrom => "packages p";

    public string FullTextCondition => "p.search_vector @@ to_tsquery('simple', @match)";

    // ts_rank is higher-is-better; negate it so both dialects sort ascending. Weights D, C, B, A.
    public string FullTextScore => "-ts_rank('{0.1, 0.2, 0.5, 1.0}', p.search_vector, to_tsquery('simple', @match))";

    public string FullTextQuery(IReadOnlyList<string> terms)
    {
        var builder = new StringBuilder();
        foreach (var term in terms)
        {
            // Only letters and digits reach to_tsquery, so no user text is read as query syntax.
            var cleaned = new string(term.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();
            if (cleaned.Length > 0)
            {
                builder.Append(builder.Length == 0 ? "" : " & ").Append(cleaned).Append(":*");
            }
        }

        return builder.Length == 0 ? "''" : builder.ToString();
    }

    public string Position(string haystack, string needle) => $"strpos({haystack}, {needle})";

    public string InList(string column, string parameter) => $"{column} = ANY({parameter})";

    public Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction) =>
        connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@MigrationLockKey)", new { MigrationLockKey }, transaction);
}
