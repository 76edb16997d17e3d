using System.Data.Common;

namespace Faros.Registry.Metadata.Sql;

/// <summary>
/// What differs between the SQL databases the registry runs on. Everything else (the queries, the mapping,
/// the migrations runner) is shared, so both databases behave the same.
/// </summary>
public interface ISqlDialect
{
    /// <summary>The folder of embedded migrations, e.g. "Sqlite".</summary>
    string Name { get; }

    Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    bool IsUniqueViolation(DbException exception);

    /// <summary>The FROM clause that joins the full-text index to packages aliased p.</summary>
    string FullTextFrom { get; }

    /// <summary>The condition matching @match, a value made by <see cref="FullTextQuery"/>.</summary>
    string FullTextCondition { get; }

    /// <summary>A per-row relevance score where lower is better.</summary>
    string FullTextScore { get; }

    /// <summary>Every term must match as a word prefix; user text never reaches the query syntax.</summary>
    string FullTextQuery(IReadOnlyList<string> terms);

    /// <summary>1-based position of <paramref name="needle"/> in <paramref name="haystack"/>, 0 when absent.</summary>
    string Position(string haystack, string needle);

    /// <summary>"column is one of the list in parameter": Dapper expands lists for SQLite but passes arrays to PostgreSQL.</summary>
    string InList(string column, string parameter);

    /// <summary>Serializes migrations across processes that start at once.</summary>
    Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction);
}
