using System.Data.Common;
using System.Text;
using Faros.Registry.Metadata.Sql;
using Microsoft.Data.Sqlite;

namespace Faros.Registry.Metadata.Sqlite;

/// <summary>SQLite: the embedded default, full text through FTS5.</summary>
public sealed class SqliteDialect(SqliteConnectionFactory connections) : ISqlDialect
{
    private const int SqliteConstraint = 19;

    public string Name => "Sqlite";

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => await connections.OpenAsync(cancellationToken);

    public bool IsUniqueViolation(DbException exception) => exception is SqliteException { SqliteErrorCode: SqliteConstraint };

    public string FullTextFrom => "packages_fts JOIN packages p ON p.key = packages_fts.rowid";

    public string FullTextCondition => "packages_fts MATCH @match";

    // Weights: id, title, description, tags, authors. A hit on the id matters most. bm25 is lower-is-better already.
    public string FullTextScore => "bm25(packages_fts, 10.0, 5.0, 1.0, 3.0, 2.0)";

    public string FullTextQuery(IReadOnlyList<string> terms)
    {
        var builder = new StringBuilder();
        foreach (var term in terms)
        {
            var cleaned = term.Replace("\"", "", StringComparison.Ordinal);
            if (cleaned.Length > 0)
            {
                builder.Append(builder.Length == 0 ? "" : " ").Append('"').Append(cleaned).Append("\"*");
            }
        }

        return builder.Length == 0 ? "\"\"" : builder.ToString();
    }

    public string Position(string haystack, string needle) => $"instr({haystack}, {needle})";

    public string InList(string column, string parameter) => $"{column} IN {parameter}";

    // SQLite takes the write lock with BEGIN IMMEDIATE, which the transaction already holds.
    public Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction) => Task.CompletedTask;
}
