namespace Faros.Operator.EdgeAgents;

/// <summary>A plugin package's CRDs cannot be installed; the message names the package, the CRD and why.</summary>
public sealed class PluginCrdException(string message) : Exception(message);
