namespace Faros.Sdk.Manifest;

/// <summary>A custom resource kind a plugin reconciles: <c>group/version, Kind=kind</c>.</summary>
public sealed class PluginKind
{
    /// <summary>API group, a DNS subdomain with at least one dot (CRDs cannot use the core group).</summary>
    public string? Group { get; init; }

    /// <summary>API version, e.g. <c>v1alpha1</c>.</summary>
    public string? Version { get; init; }

    /// <summary>Kind in PascalCase, e.g. <c>Network</c>.</summary>
    public string? Kind { get; init; }

    /// <summary>Lowercase plural resource name, e.g. <c>networks</c>.</summary>
    public string? Plural { get; init; }

    /// <summary>Package-relative path of the CRD manifest that defines this kind; one of the manifest's <c>crds</c>.</summary>
    public string? Crd { get; init; }
}
