using Faros.Sdk.Reconciliation;

namespace Faros.Sdk;

/// <summary>
/// A Faros plugin as the host (agent on a device, operator on the hub) sees it.
/// The host creates the type named in the manifest with its public parameterless constructor, calls
/// <see cref="StartAsync"/>, then drives each of <see cref="Reconcilers"/> for its kind, polls
/// <see cref="CheckHealthAsync"/>, and calls <see cref="StopAsync"/> before unloading.
/// </summary>
public interface IFarosPlugin
{
    /// <summary>Prepares the plugin. Called once, before anything else.</summary>
    ValueTask StartAsync(IPluginContext context, CancellationToken cancellationToken);

    /// <summary>Releases what <see cref="StartAsync"/> acquired. Called once; reconcilers are no longer called after it.</summary>
    ValueTask StopAsync(CancellationToken cancellationToken);

    /// <summary>Reports whether the plugin can do its job right now.</summary>
    ValueTask<PluginHealth> CheckHealthAsync(CancellationToken cancellationToken);

    /// <summary>The reconcilers for the plugin's kinds; read after <see cref="StartAsync"/>.</summary>
    IReadOnlyList<IReconciler> Reconcilers { get; }
}
