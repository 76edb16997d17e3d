namespace Faros.Registry.Metadata;

/// <summary>A package id: its display casing, the publisher that owns it, and its download total.</summary>
public sealed record PackageIdRecord(string Id, string LowerId, string Owner, long TotalDownloads);
