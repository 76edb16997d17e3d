using Faros.Api.Edge;
using Faros.PluginHost;

namespace Faros.Agent;

/// <summary>
/// Turns an Agent object into the plugins to run: every status.plugins[] entry the operator pinned (package,
/// version, digest, download URL), with the configuration of its spec.plugins[] reference, and the resources
/// that references name through configRef.
/// </summary>
internal static class DesiredPlugins
{
    /// <returns>
    /// The plugins to run; the configRefs of those plugins (by spec name and package id); and for each pinned entry
    /// that cannot be run, why (by spec name).
    /// </returns>
    public static (IReadOnlyList<PluginSpec> Specs, IReadOnlyList<ConfigRef> ConfigRefs, Dictionary<string, string> Defects) From(EdgeAgent agent)
    {
        var references = agent.Spec.Plugins.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var specs = new List<PluginSpec>();
        var configRefs = new List<ConfigRef>();
        var defects = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pinned in agent.Status.Plugins)
        {
            if (pinned.Package is null || pinned.Version is null || pinned.Digest is null || !references.TryGetValue(pinned.Name, out var reference))
            {
                // Not pinned (yet), or no longer in the spec: nothing to run.
                continue;
            }

            var spec = PluginSpec.FromPin(pinned.Package, pinned.Version, pinned.Digest, pinned.DownloadUrl, reference.Config);
            if (spec is null)
            {
                defects[pinned.Name] = $"The pin {pinned.Package} {pinned.Version} ({pinned.Digest}) is not an exact version with a sha512-<base64> digest; the operator must resolve it again.";
                continue;
            }

            specs.Add(spec);
            if (reference.ConfigRef is { } configRef)
            {
                configRefs.Add(new ConfigRef(pinned.Name, spec.Id, configRef));
            }
        }

        return (specs, configRefs, defects);
    }
}
