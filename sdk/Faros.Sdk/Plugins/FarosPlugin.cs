using Faros.Sdk.Reconciliation;

namespace Faros.Sdk;

/// <summary>
/// Convenience base for <see cref="IFarosPlugin"/>: keeps the context, builds the reconcilers once at start,
/// and reports healthy unless overridden.
/// </summary>
public abstract class FarosPlugin : IFarosPlugin
{
    private IPluginContext? _context;
    private IReadOnlyList<IReconciler> _reconcilers = [];

    /// <summary>The context given at start.</summary>
    /// <exception cref="InvalidOperationException">Before <see cref="StartAsync"/>.</exception>
    protected IPluginContext Context => _context ?? throw new InvalidOperationException("The plugin has not been started.");

    /// <inheritdoc />
    public IReadOnlyList<IReconciler> Reconcilers => _reconcilers;

    /// <inheritdoc />
    public async ValueTask StartAsync(IPluginContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        await OnStartAsync(context, cancellationToken).ConfigureAwait(false);
        _reconcilers = CreateReconcilers(context).ToArray();
    }

    /// <inheritdoc />
    public virtual ValueTask StopAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <inheritdoc />
    public virtual ValueTask<PluginHealth> CheckHealthAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(PluginHealth.Healthy());

    /// <summary>Creates the plugin's reconcilers; called once at start, after <see cref="OnStartAsync"/>.</summary>
    protected abstract IEnumerable<IReconciler> CreateReconcilers(IPluginContext context);

    /// <summary>Hook for start-up work before the reconcilers are created.</summary>
    protected virtual ValueTask OnStartAsync(IPluginContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
