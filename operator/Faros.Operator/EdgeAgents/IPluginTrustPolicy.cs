using Faros.Operator.PluginCatalog;

namespace Faros.Operator.EdgeAgents;

/// <summary>
/// Decides whether a resolved package may be pinned for devices. The signing work implements this with the
/// package's signature and the configured trusted signers; a rejection becomes SignaturePolicyViolation.
/// </summary>
public interface IPluginTrustPolicy
{
    Task<TrustDecision> EvaluateAsync(CatalogVersion package, CancellationToken cancellationToken);
}
