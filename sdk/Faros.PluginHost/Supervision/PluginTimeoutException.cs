namespace Faros.PluginHost.Supervision;

/// <summary>A plugin's start, stop, reconfigure or health check overran its time limit.</summary>
public sealed class PluginTimeoutException(string message) : Exception(message);
