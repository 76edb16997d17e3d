namespace Faros.Sdk;

/// <summary>Drops reports; for hosts without an Agent resource (local runs, tests).</summary>
public sealed class DiscardingAgentStatusReporter : IAgentStatusReporter
{
    private DiscardingAgentStatusReporter()
    {
    }

    /// <summary>The single instance.</summary>
    public static DiscardingAgentStatusReporter Instance { get; } = new();

    /// <inheritdoc />
    public ValueTask ReportAsync(PluginStatusReport report, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
