namespace Faros.Registry.Metadata;

/// <summary>A change of a package id's feed documents, numbered in the order the changes committed.</summary>
public sealed record PackageChange(long Sequence, string LowerId);

/// <summary>Changes read from the change log, and the highest sequence number it holds.</summary>
public sealed record PackageChangePage(IReadOnlyList<PackageChange> Changes, long Latest);
