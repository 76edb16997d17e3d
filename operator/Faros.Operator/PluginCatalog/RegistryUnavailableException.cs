namespace Faros.Operator.PluginCatalog;

/// <summary>The registry did not answer (or answered garbage); what was resolved before stays.</summary>
public sealed class RegistryUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
