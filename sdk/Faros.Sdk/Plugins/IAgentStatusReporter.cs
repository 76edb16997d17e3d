namespace Faros.Sdk;

/// <summary>Writes a plugin's status into <c>status.plugins[name]</c> of the Agent resource that runs it.</summary>
public interface IAgentStatusReporter
{
    /// <summary>Replaces the plugin's entry with <paramref name="report"/>.</summary>
    ValueTask ReportAsync(PluginStatusReport report, CancellationToken cancellationToken);
}
