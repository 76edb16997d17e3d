using Faros.Sdk;
using Faros.Sdk.Reconciliation;
using Microsoft.Extensions.Logging;

namespace Faros.Samples.WireGuard;

/// <summary>WireGuard networks on devices.</summary>
public sealed class WireGuardPlugin : FarosPlugin
{
    /// <inheritdoc />
    protected override IEnumerable<IReconciler> CreateReconcilers(IPluginContext context)
    {
        yield return new NetworkReconciler(
            context.StateDirectory,
            WgQuickApplier.ForCurrentProcess(),
            context.LoggerFactory.CreateLogger<NetworkReconciler>(),
            context.Time);
    }

    /// <inheritdoc />
    public override ValueTask<PluginHealth> CheckHealthAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(ExecutableLocator.FromEnvironment().Find("wg-quick") is null
            ? PluginHealth.Degraded("wg-quick is not installed; configs are rendered but not applied.")
            : PluginHealth.Healthy());
}
