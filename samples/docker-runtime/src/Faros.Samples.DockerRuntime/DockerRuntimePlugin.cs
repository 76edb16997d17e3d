using Faros.Sdk;
using Faros.Sdk.Reconciliation;
using Microsoft.Extensions.Logging;

namespace Faros.Samples.DockerRuntime;

/// <summary>Docker Engine inventory on devices.</summary>
public sealed class DockerRuntimePlugin : FarosPlugin
{
    /// <inheritdoc />
    protected override IEnumerable<IReconciler> CreateReconcilers(IPluginContext context)
    {
        yield return new ContainerRuntimeReconciler(context.LoggerFactory.CreateLogger<ContainerRuntimeReconciler>(), context.Time);
    }
}
