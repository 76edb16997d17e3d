using System.Collections.Frozen;
using System.Collections.Immutable;
using Faros.Signing.NuGetSignatures;
using Faros.Signing.Sigstore;
using Faros.Signing.Sigstore.Trust;

namespace Faros.Signing.Policy;

/// <summary>
/// Applies a <see cref="TrustPolicy"/> to a package: the one check the registry (at push), the operator (at
/// resolution) and the agent (before loading) all run. It picks the package's rule, asks the verifier of each
/// accepted signature kind to prove a signer, and allows the package when a proven signer is one the rule allows.
/// </summary>
public sealed class TrustPolicyEvaluator
{
    private readonly TrustPolicy _policy;
    private readonly FrozenDictionary<string, ISignatureVerifier> _verifiers;
    private readonly ImmutableArray<string> _kindsInOrder;

    /// <param name="policy">The trust policy.</param>
    /// <param name="verifiers">One verifier per signature kind, e.g. a <c>SigstoreVerifier</c> and a NuGet signature verifier.</param>
    /// <exception cref="ArgumentException">A rule accepts a signature kind that no verifier handles.</exception>
    public TrustPolicyEvaluator(TrustPolicy policy, IEnumerable<ISignatureVerifier> verifiers)
    {
        _policy = policy;
        var list = verifiers.ToList();
        _verifiers = list.ToFrozenDictionary(verifier => verifier.Kind, StringComparer.Ordinal);
        _kindsInOrder = [.. list.Select(verifier => verifier.Kind)];
        var unhandled = policy.Rules
            .Where(rule => rule.Mode != PolicyMode.Off)
            .SelectMany(rule => rule.SignatureKinds)
            .Distinct()
            .Where(kind => !_verifiers.ContainsKey(kind))
            .ToList();
        if (unhandled.Count > 0)
        {
            throw new ArgumentException(
                $"The trust policy accepts signature kind(s) {string.Join(", ", unhandled)}, but no verifier for them was given (have: {string.Join(", ", _verifiers.Keys)}).",
                nameof(verifiers));
        }
    }

    /// <summary>
    /// The evaluator every enforcement point builds from its settings: the policy file (the built-in default when
    /// null) and every signature kind Faros verifies — Sigstore bundles (keyless ones under the optional trusted root)
    /// and NuGet author signatures — so registry, operator and agent judge a package alike.
    /// </summary>
    /// <exception cref="FormatException">The policy or the trusted root does not parse; the message names the defect.</exception>
    /// <exception cref="ArgumentException">A rule accepts a signature kind no verifier handles.</exception>
    public static TrustPolicyEvaluator Load(string? policyPath, string? trustedRootPath = null, TimeProvider? time = null) =>
        For(string.IsNullOrWhiteSpace(policyPath) ? TrustPolicy.Empty : TrustPolicy.Load(policyPath), LoadTrustedRoot(trustedRootPath), time);

    /// <summary>
    /// The same evaluator as <see cref="Load"/> for a policy already parsed — e.g. a cluster TrustPolicy resource's
    /// document (<see cref="TrustPolicy.Parse"/>) — so a file and a resource go through one code path.
    /// </summary>
    /// <exception cref="ArgumentException">A rule accepts a signature kind no verifier handles.</exception>
    public static TrustPolicyEvaluator For(TrustPolicy policy, TrustedRoot? trustedRoot = null, TimeProvider? time = null) =>
        new(policy, AllVerifiers(trustedRoot, time));

    /// <summary>The trusted root at <paramref name="path"/>, or null when no path is given (keyed bundles need none).</summary>
    /// <exception cref="FormatException">The trusted root does not parse.</exception>
    public static TrustedRoot? LoadTrustedRoot(string? path) => string.IsNullOrWhiteSpace(path) ? null : TrustedRoot.Load(path);

    /// <summary>One verifier per signature kind a policy may accept, in the order a rule without <c>signatureKinds</c> tries them.</summary>
    public static IReadOnlyList<ISignatureVerifier> AllVerifiers(TrustedRoot? trustedRoot = null, TimeProvider? time = null) =>
        [new SigstoreVerifier(trustedRoot, time), new NuGetAuthorSignatureVerifier(time)];

    public TrustVerdict Evaluate(SignedPackage package)
    {
        var rule = _policy.RuleFor(package.Id, package.PackageTypes);
        if (rule.Mode == PolicyMode.Off)
        {
            return new TrustVerdict(TrustDecision.Allowed, null, null, $"{package.Id}: signatures are not checked ({rule.Describe()}).");
        }

        var failures = new List<(SignatureFailure Reason, string Message)>();
        SignerIdentity? provenSigner = null;
        var kinds = rule.SignatureKinds.IsEmpty ? _kindsInOrder : rule.SignatureKinds;
        foreach (var kind in kinds)
        {
            var verifier = _verifiers[kind];
            var verification = verifier.Verify(package, rule.Signers);
            if (!verification.IsVerified)
            {
                failures.Add((verification.Failure!.Value, verification.Message!));
                continue;
            }

            provenSigner ??= verification.Signer;
            if (SignerMatching.Mismatch(verification.Signer!, rule.Signers) is not { } mismatch)
            {
                return new TrustVerdict(TrustDecision.Allowed, verification.Signer, null,
                    $"{package.Id} is signed by {verification.Signer!.DisplayName} ({kind}), allowed by the {rule.Describe()}.");
            }

            failures.Add(mismatch);
        }

        // A broken or unallowed signature says more than the absence of another kind.
        var (reason, message) = failures.Where(failure => failure.Reason != SignatureFailure.SignatureMissing).FirstOrDefault() is { Message: not null } named
            ? named
            : (SignatureFailure.SignatureMissing,
                $"{package.Id} carries no signature of an accepted kind ({string.Join(", ", kinds)}); the {rule.Describe()} requires one.");
        return new TrustVerdict(rule.Mode == PolicyMode.Warn ? TrustDecision.Warned : TrustDecision.Denied, provenSigner, reason, message);
    }
}
