namespace Faros.Registry.Tests.Infrastructure;

/// <summary>
/// Looks at the registry's data directory from outside, to prove a rejected upload left nothing behind.
/// The database files are excluded: a rejected push may legitimately touch them (WAL checkpoints).
/// </summary>
public static class DataDirectoryFiles
{
    private static readonly string[] DatabaseSuffixes = [".db", ".db-wal", ".db-shm", ".sqlite", ".sqlite-wal", ".sqlite-shm", ".db-journal"];

    /// <summary>Every non-database file, relative to the data directory.</summary>
    public static IReadOnlySet<string> Snapshot(string dataDirectory) =>
        Directory.EnumerateFiles(dataDirectory, "*", SearchOption.AllDirectories)
            .Where(f => !DatabaseSuffixes.Any(s => f.EndsWith(s, StringComparison.OrdinalIgnoreCase)))
            .Select(f => Path.GetRelativePath(dataDirectory, f))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>Files or folders whose path mentions the id (stores commonly lay packages out by lower-case id).</summary>
    public static IReadOnlyList<string> Mentioning(string dataDirectory, string id) =>
        Directory.EnumerateFileSystemEntries(dataDirectory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(dataDirectory, f))
            .Where(f => f.Contains(id, StringComparison.OrdinalIgnoreCase))
            .ToList();
}
