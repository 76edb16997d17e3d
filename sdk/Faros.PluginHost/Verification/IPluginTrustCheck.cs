namespace Faros.PluginHost.Verification;

/// <summary>
/// Decides whether a downloaded package may run. Called after the digest matched and before anything in the
/// package is read as code. The signing library implements it with the Faros trust policy (Sigstore bundles,
/// NuGet signatures); it must work offline, because a restart without network re-checks cached packages.
/// </summary>
public interface IPluginTrustCheck
{
    /// <summary>Allows or refuses <paramref name="candidate"/>, naming the signer or the reason.</summary>
    ValueTask<TrustDecision> CheckAsync(TrustCandidate candidate, CancellationToken cancellationToken);
}
