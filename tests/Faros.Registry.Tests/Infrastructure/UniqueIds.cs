namespace Faros.Registry.Tests.Infrastructure;

/// <summary>
/// Package ids unique to one test, so tests sharing a registry never see each other's packages and
/// search assertions on exact counts stay meaningful.
/// </summary>
public static class UniqueIds
{
    /// <summary>e.g. "Faros.Tests.Push.a1b2c3d4".</summary>
    public static string For(string stem) => $"Faros.Tests.{stem}.{Guid.NewGuid().ToString("N")[..10]}";

    /// <summary>A single lower-case word unlikely to appear anywhere else, for full-text search.</summary>
    public static string Word(string stem) => $"{stem.ToLowerInvariant()}{Guid.NewGuid().ToString("N")[..10]}";
}
