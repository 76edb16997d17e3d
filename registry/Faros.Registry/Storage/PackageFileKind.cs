namespace Faros.Registry.Storage;

/// <summary>The files the registry keeps for one package version.</summary>
public enum PackageFileKind
{
    Package,
    Nuspec,
    Readme,
    Icon,
    SymbolPackage,

    /// <summary>The publisher's Sigstore bundle over the stored nupkg bytes.</summary>
    SigstoreBundle,
}
