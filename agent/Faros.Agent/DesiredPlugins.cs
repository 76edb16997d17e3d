using System.Text.Json;
using Faros.Api.Edge;
using Faros.PluginHost;
using Faros.Sdk;
using NuGet.Versioning;

namespace Faros.Agent;

/// <summary>
/// Turns an Agent object into the plugins to run: every status.plugins[] entry the operator pinned (package,
/// version, digest, download URL), with the configuration of its spec.plugins[] reference.
/// </summary>
internal static class DesiredPlugins
{
    public static IReadOnlyList<PluginSpec> From(EdgeAgent agent)
    {
        var references = agent.Spec.Plugins.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var specs = new List<PluginSpec>();
        foreach (var pinned in agent.Status.Plugins)
        {
            if (pinned.Package is null || pinned.Version is null || pinned.Digest is null
                || !references.TryGetValue(pinned.Name, out var reference)
                || !NuGetVersion.TryParse(pinned.Version, out var version))
            {
                continue;
            }

            specs.Add(new PluginSpec(
                pinned.Package,
                version,
                PackageDigest.Parse(pinned.Digest),
                pinned.DownloadUrl is { } url ? new Uri(url) : null,
                reference.Config is { } config ? new PluginConfiguration(JsonSerializer.SerializeToElement(config)) : PluginConfiguration.Empty));
        }

        return specs;
    }
}
