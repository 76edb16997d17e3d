namespace Faros.PluginHost.Supervision;

/// <summary>Getting a version ready (cache, load) failed for a reason other than a refusal or a download.</summary>
internal sealed class PluginPreparationException(string message) : Exception(message);
