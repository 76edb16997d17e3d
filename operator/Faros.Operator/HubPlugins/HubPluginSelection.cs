using System.Text.Json;
using Faros.Api.Edge;
using Faros.Operator.PluginCatalog;
using Faros.PluginHost;
using Faros.Sdk;
using Faros.Sdk.Manifest;
using NuGet.Versioning;

namespace Faros.Operator.HubPlugins;

/// <summary>
/// Picks, among the plugins the edge Agent reconciler pinned in an Agent's status.plugins, those whose manifest side
/// (the registry's "faros" metadata) is hub or both, as specs for the plugin host.
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
            if (pinned.Package is null || !NuGetVersion.TryParse(pinned.Version, out var version) || PackageDigest.TryParse(pinned.Digest ?? "") is not { } digest
                || !references.TryGetValue(pinned.Name, out var reference)
                // configRef is not read on the hub yet; running such a plugin without its configuration would be wrong.
                || reference.ConfigRef is not null)
            {
                continue;
            }

            var versions = await catalog.GetVersionsAsync(pinned.Package, cancellationToken).ConfigureAwait(false);
            var side = versions.FirstOrDefault(v => v.Version == version)?.Side;
            if (side != PluginSides.Hub && side != PluginSides.Both)
            {
                continue;
            }

            specs.Add(new PluginSpec(
                pinned.Package,
                version,
                digest,
                pinned.DownloadUrl is { } url ? new Uri(url) : null,
                reference.Config is { } config ? new PluginConfiguration(JsonSerializer.SerializeToElement(config)) : PluginConfiguration.Empty));
        }

        return specs;
    }
}
