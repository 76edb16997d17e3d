using Faros.Registry.Metadata;

namespace Faros.Registry.Packages;

/// <summary>A package that passed validation, with the metadata and side files to store.</summary>
public sealed record ValidatedPackage(PackageRecord Metadata, byte[] Nuspec, byte[]? Readme, byte[]? Icon, bool IsSymbolPackage);
