using Faros.Operator.PluginCatalog;
using Faros.Signing.Policy;

namespace Faros.Operator.EdgeAgents;

/// <summary>
/// Decides whether a resolved package may be pinned for devices. A Denied verdict becomes
/// SignaturePolicyViolation; the verdict's signer goes into status.
/// </summary>
public interface IPluginTrustPolicy
{
    /// <exception cref="RegistryUnavailableException">The package or its signature could not be downloaded.</exception>
    Task<TrustVerdict> EvaluateAsync(CatalogVersion package, CancellationToken cancellationToken);
}
