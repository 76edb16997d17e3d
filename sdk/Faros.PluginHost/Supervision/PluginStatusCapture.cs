using Faros.Sdk;

namespace Faros.PluginHost.Supervision;

/// <summary>The <see cref="IAgentStatusReporter"/> a plugin gets: its reports go into its snapshot.</summary>
internal sealed class PluginStatusCapture(Action<PluginStatusReport> onReport) : IAgentStatusReporter
{
    public ValueTask ReportAsync(PluginStatusReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        onReport(report);
        return ValueTask.CompletedTask;
    }
}
