using Faros.Sdk.Reconciliation;

namespace Faros.PluginHost.Reconciling;

/// <summary>Resources a <see cref="PluginResourceDriver"/> hands to the plugin that reconciles their kind.</summary>
/// <param name="Kind">Group, version, kind and plural.</param>
/// <param name="Namespace">The namespace watched.</param>
/// <param name="Name">One resource (watched with a <c>metadata.name</c> selector, as RBAC by resourceNames requires), or every one of the kind when null.</param>
public sealed record PluginResourceTarget(ResourceKind Kind, string Namespace, string? Name = null)
{
    /// <inheritdoc />
    public override string ToString() => $"{Kind} {Namespace}/{Name ?? "*"}";
}
