using System.Collections.Immutable;
using Faros.Sdk;
using Faros.Sdk.Reconciliation;
using k8s.Models;

namespace Faros.TestPlugins;

/// <summary>
/// A well-behaved plugin that leaves evidence in its state directory: <c>{generation}.started</c> on start,
/// <c>stopped</c> on stop, and <c>config.json</c> holding the configuration it runs with (rewritten in place by
/// <see cref="ReconfigureAsync"/>). It reports one status fact naming its generation, and reconciles Echo resources.
/// </summary>
public abstract class EchoPlugin : IFarosPlugin, IReconfigurablePlugin
{
    private IPluginContext? _context;

    /// <summary>Which build of the plugin this is (v1, v2).</summary>
    protected abstract string Generation { get; }

    public IReadOnlyList<IReconciler> Reconcilers { get; private set; } = [];

    public async ValueTask StartAsync(IPluginContext context, CancellationToken cancellationToken)
    {
        _context = context;
        Reconcilers = [new EchoReconciler(context, Generation)];
        var state = context.StateDirectory.FullName;
        await File.WriteAllTextAsync(Path.Combine(state, Generation + ".started"), DateTimeOffset.UtcNow.ToString("O"), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(state, "config.json"), context.Configuration.Root.GetRawText(), cancellationToken);
        await context.AgentStatus.ReportAsync(
            new PluginStatusReport(PluginHealth.Healthy(), [], ImmutableDictionary<string, string>.Empty.Add("generation", Generation)),
            cancellationToken);
    }

    public async ValueTask ReconfigureAsync(PluginConfiguration configuration, CancellationToken cancellationToken) =>
        await File.WriteAllTextAsync(Path.Combine(_context!.StateDirectory.FullName, "config.json"), configuration.Root.GetRawText(), cancellationToken);

    public async ValueTask StopAsync(CancellationToken cancellationToken) =>
        await File.WriteAllTextAsync(Path.Combine(_context!.StateDirectory.FullName, "stopped"), Generation, cancellationToken);

    public ValueTask<PluginHealth> CheckHealthAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(PluginHealth.Healthy());
}

public sealed class EchoPluginV1 : EchoPlugin
{
    protected override string Generation => "v1";
}

public sealed class EchoPluginV2 : EchoPlugin
{
    protected override string Generation => "v2";
}
