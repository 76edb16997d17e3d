using Faros.Api.Edge;
using Faros.Operator.PluginCatalog;
using Faros.PluginHost;
using Faros.Sdk;
using Faros.Sdk.Manifest;

namespace Faros.Operator.HubPlugins;

/// <summary>
/// Picks, among the plugins the edge Agent reconciler pinned in an Agent's status.plugins, those whose manifest side
/// (the registry's "faros" metadata) is hub or both, as specs for the plugin host. A configRef reference runs like any
/// other: the hub drives the plugin's reconcilers over every resource of its kinds in the namespace, the referenced one included.
/// </summary>
internal sealed class HubPluginSelection(RegistryCatalog catalog)
{
    /// <summary>The Agent's hub-side plugins, each with its spec reference's inline configuration.</summary>
    /// <exception cref="RegistryUnavailableException">The registry did not answer about a pinned package.</exception>
    public async Task<IReadOnlyList<PluginSpec>> SelectAsync(EdgeAgent agent, CancellationToken cancellationToken)
    {
        var references = agent.Spec.Plugins.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var specs = new List<PluginSpec>();
        foreach (var pinned in agent.Status.Plugins)
        {
            // Only what the reconciler pinned and the spec still references: a removed reference stops its plugin.
            if (pinned.Package is null
                || !references.TryGetValue(pinned.Name, out var reference)
                || PluginSpec.FromPin(pinned.Package, pinned.Version, pinned.Digest, pinned.DownloadUrl, reference.Config) is not { } spec)
            {
                continue;
            }

            var versions = await catalog.GetVersionsAsync(pinned.Package, cancellationToken).ConfigureAwait(false);
            var side = versions.FirstOrDefault(v => v.Version == spec.Version)?.Side;
            if (side != PluginSides.Hub && side != PluginSides.Both)
            {
                continue;
            }

            specs.Add(spec);
        }

        return specs;
    }
}
