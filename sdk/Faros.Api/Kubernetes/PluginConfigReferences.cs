using Faros.Api.Edge;
using Faros.Sdk.Reconciliation;

namespace Faros.Api.Kubernetes;

/// <summary>
/// Which resource kind a spec.plugins[].configRef names. Hub and device each know kinds their own way (the operator
/// from the CRDs, a device, which may not read CRDs, from the kinds its running plugin reconciles); this one rule
/// picks the referenced kind among them, so the Role the operator grants and what the agent watches agree.
/// </summary>
public static class PluginConfigReferences
{
    /// <summary>The apiVersion of a configRef that gives none.</summary>
    public const string DefaultApiVersion = ApiGroups.Plugins + "/v1alpha1";

    /// <summary>The reference's group; a bare version (no slash) means the core group.</summary>
    public static string GroupOf(PluginConfigReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var apiVersion = ApiVersionOf(reference);
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? "" : apiVersion[..slash];
    }

    /// <summary>The reference's version.</summary>
    public static string VersionOf(PluginConfigReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var apiVersion = ApiVersionOf(reference);
        return apiVersion[(apiVersion.IndexOf('/', StringComparison.Ordinal) + 1)..];
    }

    /// <summary>The kind among <paramref name="known"/> that <paramref name="reference"/> names (group, version and kind), or null.</summary>
    public static ResourceKind? Resolve(PluginConfigReference reference, IEnumerable<ResourceKind> known)
    {
        ArgumentNullException.ThrowIfNull(known);
        var (group, version) = (GroupOf(reference), VersionOf(reference));
        return known.FirstOrDefault(k => k.Group == group && k.Version == version && k.Kind == reference.Kind);
    }

    private static string ApiVersionOf(PluginConfigReference reference) =>
        string.IsNullOrEmpty(reference.ApiVersion) ? DefaultApiVersion : reference.ApiVersion;
}
