using Faros.Operator.PluginCatalog;

namespace Faros.Operator.EdgeAgents;

/// <summary>
/// The policy until package signing lands: every package is allowed and no signer is claimed. Devices still
/// check the pinned sha512 digest before loading anything.
/// </summary>
public sealed class UnverifiedTrustPolicy : IPluginTrustPolicy
{
    public Task<TrustDecision> EvaluateAsync(CatalogVersion package, CancellationToken cancellationToken) =>
        Task.FromResult(TrustDecision.Allow(signer: null));
}
