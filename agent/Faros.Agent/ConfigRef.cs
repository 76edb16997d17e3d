using Faros.Api.Edge;
using Faros.Api.Kubernetes;
using Faros.PluginHost.Reconciling;
using Faros.PluginHost.Supervision;

namespace Faros.Agent;

/// <summary>A spec.plugins[] entry that takes its configuration from a resource: the plugin reconciles that resource.</summary>
/// <param name="Name">The spec.plugins[] name.</param>
/// <param name="PluginId">The pinned package id.</param>
/// <param name="Reference">The resource, in the Agent's namespace.</param>
internal sealed record ConfigRef(string Name, string PluginId, PluginConfigReference Reference)
{
    /// <summary>
    /// What the device drives: for each reference whose plugin runs, the one named resource, of the kind among those
    /// the plugin reconciles that the reference names (the device may not read CRDs; the plugin's kinds say the plural).
    /// A reference to a kind its plugin does not reconcile becomes a defect; one whose plugin is not running yet waits.
    /// </summary>
    public static IReadOnlyList<PluginResourceTarget> Targets(IEnumerable<ConfigRef> configRefs, IReadOnlyList<PluginSnapshot> snapshots, string ns, IDictionary<string, string> defects)
    {
        var targets = new List<PluginResourceTarget>();
        foreach (var configRef in configRefs)
        {
            var running = snapshots.FirstOrDefault(s => s.Phase == PluginPhase.Running && string.Equals(s.Id, configRef.PluginId, StringComparison.OrdinalIgnoreCase));
            if (running is not { Kinds.Count: > 0 })
            {
                // Its reconcilers appear once it runs, which makes a sync due again.
                continue;
            }

            if (PluginConfigReferences.Resolve(configRef.Reference, running.Kinds) is { } kind)
            {
                targets.Add(new PluginResourceTarget(kind, ns, configRef.Reference.Name));
                continue;
            }

            defects[configRef.Name] = $"configRef names {configRef.Reference.Kind} {configRef.Reference.Name} " +
                $"({configRef.Reference.ApiVersion ?? PluginConfigReferences.DefaultApiVersion}), which {running.Id} {running.Version} does not reconcile; " +
                $"it reconciles {string.Join(", ", running.Kinds)}. Name one of those kinds in spec.plugins[].configRef.";
        }

        return targets;
    }
}
