using k8s.Models;

namespace Faros.Sdk;

/// <summary>A plugin's entry in its Agent's status.</summary>
/// <param name="Health">Current health.</param>
/// <param name="Conditions">metav1-style conditions about the plugin as a whole.</param>
/// <param name="Facts">Small key/value facts to show on the agent, e.g. an engine version.</param>
public sealed record PluginStatusReport(
    PluginHealth Health,
    IReadOnlyList<V1Condition> Conditions,
    IReadOnlyDictionary<string, string> Facts);
