namespace Faros.Sdk.Manifest;

/// <summary>Fixed names of the plugin package format, shared by the SDK, registry, operator and agent.</summary>
public static class PluginPackageConventions
{
    /// <summary>NuGet package type of a plugin package.</summary>
    public const string PackageType = "FarosPlugin";

    /// <summary>Manifest file name at the package root.</summary>
    public const string ManifestFileName = "faros-plugin.json";

    /// <summary>Folder holding the entry assembly and every dependency assembly.</summary>
    public const string LibFolder = "lib/net10.0/";

    /// <summary>Folder holding CRD manifests.</summary>
    public const string CrdFolder = "crds/";

    /// <summary>Assembly shared by the host; a package must not carry its own copy.</summary>
    public const string SdkAssemblyFileName = "Faros.Sdk.dll";
}
