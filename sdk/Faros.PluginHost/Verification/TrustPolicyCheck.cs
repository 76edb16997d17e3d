using Faros.Signing.Policy;

namespace Faros.PluginHost.Verification;

/// <summary>
/// The Faros trust policy (sdk/Faros.Signing) as the host's trust check: the package's bytes and its Sigstore bundle
/// go to the same evaluator the registry and the operator run, offline. Allowed and warned packages load (a warning
/// is named with the signer); denied ones are refused with the policy's reason. Each check applies the policy
/// current at that moment, so a policy that changes (a cluster TrustPolicy resource) takes effect on the next check.
/// </summary>
public sealed class TrustPolicyCheck : IPluginTrustCheck
{
    private readonly CurrentTrustPolicy _policy;

    /// <summary>A check under a policy that never changes.</summary>
    public TrustPolicyCheck(TrustPolicyEvaluator evaluator)
        : this(CurrentTrustPolicy.Fixed(evaluator))
    {
    }

    /// <summary>A check under whatever policy is current when it runs.</summary>
    public TrustPolicyCheck(CurrentTrustPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _policy = policy;
    }

    /// <summary>
    /// The policy at <paramref name="policyPath"/>, verifying both signature kinds the registry accepts: Sigstore bundles
    /// (keyed, and keyless under the optional trusted root) and NuGet author signatures (<c>dotnet nuget sign</c>).
    /// </summary>
    /// <exception cref="FormatException">The policy or trusted root is not valid; the message names the defect.</exception>
    public static TrustPolicyCheck Load(string policyPath, string? trustedRootPath = null, TimeProvider? time = null) =>
        new(TrustPolicyEvaluator.Load(policyPath, trustedRootPath, time));

    /// <inheritdoc />
    public async ValueTask<TrustDecision> CheckAsync(TrustCandidate candidate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        await _policy.Settled.WaitAsync(cancellationToken).ConfigureAwait(false);
        var evaluator = _policy.Current.Evaluator;
        var package = await File.ReadAllBytesAsync(candidate.PackagePath, cancellationToken).ConfigureAwait(false);
        var bundle = candidate.SigstoreBundlePath is { } path ? await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false) : null;
        TrustVerdict verdict;
        try
        {
            // Explicitly nullable: a null array would otherwise convert to an empty (present but malformed) bundle.
            ReadOnlyMemory<byte>? sigstoreBundle = null;
            if (bundle is not null)
            {
                sigstoreBundle = bundle;
            }

            verdict = evaluator.Evaluate(SignedPackage.Read(package, sigstoreBundle));
        }
        catch (InvalidDataException ex)
        {
            return TrustDecision.Refuse(ex.Message);
        }

        var signer = verdict.Signer?.ToString();
        return verdict.Decision switch
        {
            Faros.Signing.Policy.TrustDecision.Allowed => TrustDecision.Allow(signer ?? "trust policy (unchecked)"),
            Faros.Signing.Policy.TrustDecision.Warned => TrustDecision.Allow($"{signer ?? "unverified"} (warned: {verdict.Reason}: {verdict.Message})"),
            _ => TrustDecision.Refuse($"the trust policy denies it ({verdict.Reason}): {verdict.Message}"),
        };
    }
}
