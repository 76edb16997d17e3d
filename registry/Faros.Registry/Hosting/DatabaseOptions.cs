using System.ComponentModel.DataAnnotations;

namespace Faros.Registry.Hosting;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>The "Database" section: which metadata store, and how to reach it.</summary>
public sealed class DatabaseOptions : IValidatableObject
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>For PostgreSql, an Npgsql connection string; for Sqlite, unused (the file lives in the data directory).</summary>
    public string? ConnectionString { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == DatabaseProvider.PostgreSql && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult(
                "Database:Provider is PostgreSql but Database:ConnectionString is empty. Set it, e.g. Host=db;Database=faros;Username=faros;Password=...",
                [nameof(ConnectionString)]);
        }
    }
}
