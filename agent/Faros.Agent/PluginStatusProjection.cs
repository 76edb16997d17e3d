using Faros.Api.Edge;
using Faros.PluginHost.Supervision;

namespace Faros.Agent;

/// <summary>Writes the host's snapshots into the operator's status.plugins[] entries (phase, message, signer).</summary>
internal static class PluginStatusProjection
{
    /// <returns>True when anything changed.</returns>
    public static bool Apply(EdgeAgentStatus status, IReadOnlyList<PluginSnapshot> snapshots, IReadOnlyDictionary<string, string> defects)
    {
        var changed = false;
        foreach (var entry in status.Plugins)
        {
            if (defects.TryGetValue(entry.Name, out var defect))
            {
                changed |= entry.Phase != PluginPhases.Failed || entry.Message != defect;
                entry.Phase = PluginPhases.Failed;
                entry.Message = defect;
                continue;
            }

            var snapshot = snapshots.FirstOrDefault(s => string.Equals(s.Id, entry.Package, StringComparison.OrdinalIgnoreCase));
            if (snapshot is null)
            {
                continue;
            }

            // During a swap the old version still runs while the operator already pinned the new one: its phase belongs
            // to the old version, and reporting it on the new pin would say the new version runs before it does.
            var current = string.Equals(snapshot.Version, entry.Version, StringComparison.OrdinalIgnoreCase);
            var phase = current ? PhaseOf(snapshot.Phase) : PluginPhases.Installing;
            // The operator writes the signer it verified when it pinned the package (its display name); the device's
            // own verdict names the signer in the message. Overwriting the operator's value with the device's wording
            // made the two rewrite the field on every reconcile, so the device only fills it in when none is there.
            var signer = current && snapshot.Phase == PluginPhase.Running ? entry.Signer ?? snapshot.Signer : entry.Signer;
            var message = current ? $"{snapshot.Version}: {snapshot.Message}" : $"switching from {snapshot.Version} ({snapshot.Message}) to {entry.Version}";
            if (entry.Phase != phase || entry.Message != message || entry.Signer != signer)
            {
                entry.Phase = phase;
                entry.Message = message;
                entry.Signer = signer;
                changed = true;
            }
        }

        return changed;
    }

    private static string PhaseOf(PluginPhase phase) => phase switch
    {
        PluginPhase.Running => PluginPhases.Running,
        PluginPhase.Failed => PluginPhases.Failed,
        PluginPhase.Stopped => PluginPhases.Resolved,
        _ => PluginPhases.Installing,
    };
}
