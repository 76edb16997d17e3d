using Faros.Sdk;
using Faros.Sdk.Reconciliation;

namespace Faros.Samples.DeviceInfo;

/// <summary>Reports device inventory into DeviceInfo resources.</summary>
public sealed class DeviceInfoPlugin : FarosPlugin
{
    /// <inheritdoc />
    protected override IEnumerable<IReconciler> CreateReconcilers(IPluginContext context)
    {
        yield return new DeviceInfoReconciler(new HostFactsReader(), context.Configuration.Bind<DeviceInfoOptions>(), context.Time);
    }
}
