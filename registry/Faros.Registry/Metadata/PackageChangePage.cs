namespace Faros.Registry.Metadata;

/// <summary>A change of a package id's feed documents, numbered in the order the changes committed.</summary>
public sealed record PackageChange(long Sequence, string LowerId);

/// <summary>
/// Changes read from the change log, and the lowest and highest sequence numbers it holds (0 when empty); the
/// log keeps only recent changes, so a reader whose cursor is below <see cref="Oldest"/> - 1 has missed some.
/// </summary>
public sealed record PackageChangePage(IReadOnlyList<PackageChange> Changes, long Oldest, long Latest);
