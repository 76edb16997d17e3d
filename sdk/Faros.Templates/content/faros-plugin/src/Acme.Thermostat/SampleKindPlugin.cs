using Faros.Sdk;
using Faros.Sdk.Reconciliation;

namespace Acme.Thermostat;

/// <summary>The plugin's entry point; the host loads it by the name recorded in faros-plugin.json.</summary>
public sealed class SampleKindPlugin : FarosPlugin
{
    /// <inheritdoc />
    protected override IEnumerable<IReconciler> CreateReconcilers(IPluginContext context)
    {
        yield return new SampleKindReconciler(context.Time);
    }
}
