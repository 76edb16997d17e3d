using Faros.Sdk;
using Faros.Sdk.Reconciliation;

namespace Faros.TestPlugins;

/// <summary>Throws from its start, every time.</summary>
public sealed class ThrowingPlugin : IFarosPlugin
{
    public IReadOnlyList<IReconciler> Reconcilers => [];

    public ValueTask StartAsync(IPluginContext context, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("ThrowingPlugin fails its start on purpose.");

    public ValueTask StopAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask<PluginHealth> CheckHealthAsync(CancellationToken cancellationToken) => ValueTask.FromResult(PluginHealth.Healthy());
}

/// <summary>Never finishes its start and ignores cancellation.</summary>
public sealed class HangingPlugin : IFarosPlugin
{
    public IReadOnlyList<IReconciler> Reconcilers => [];

    public async ValueTask StartAsync(IPluginContext context, CancellationToken cancellationToken) =>
        await Task.Delay(Timeout.Infinite, CancellationToken.None);

    public ValueTask StopAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask<PluginHealth> CheckHealthAsync(CancellationToken cancellationToken) => ValueTask.FromResult(PluginHealth.Healthy());
}

/// <summary>Starts fine, then its health check throws: the plugin's loop has died.</summary>
public sealed class DyingPlugin : IFarosPlugin
{
    public IReadOnlyList<IReconciler> Reconcilers => [];

    public ValueTask StartAsync(IPluginContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask StopAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask<PluginHealth> CheckHealthAsync(CancellationToken cancellationToken) =>
        throw new InvalidOperationException("DyingPlugin's worker loop died.");
}

/// <summary>Starts fine, then blocks a thread in its stop for ten minutes: its context cannot be unloaded.</summary>
public sealed class StuckPlugin : IFarosPlugin
{
    public IReadOnlyList<IReconciler> Reconcilers => [];

    public ValueTask StartAsync(IPluginContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask StopAsync(CancellationToken cancellationToken)
    {
        Thread.Sleep(TimeSpan.FromMinutes(10));
        return ValueTask.CompletedTask;
    }

    public ValueTask<PluginHealth> CheckHealthAsync(CancellationToken cancellationToken) => ValueTask.FromResult(PluginHealth.Healthy());
}
