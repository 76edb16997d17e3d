using Faros.Signing.Policy;
using Faros.Signing.Sigstore.Trust;

namespace Faros.Operator.TrustPolicies;

/// <summary>Where the operator's trust policy comes from.</summary>
/// <param name="ResourceName">The cluster TrustPolicy to enforce while it exists (Operator:TrustPolicyName).</param>
/// <param name="Fallback">The policy file (or built-in default) enforced while that resource does not exist.</param>
/// <param name="TrustedRoot">The Sigstore trusted root for keyless bundles under either policy.</param>
/// <param name="WatchTimeout">Server-side timeout of each watch request.</param>
/// <param name="FirstListPatience">How long first decisions wait for the first list before using <paramref name="Fallback"/>.</param>
public sealed record ClusterTrustPolicySettings(string ResourceName, TrustPolicySnapshot Fallback, TrustedRoot? TrustedRoot, TimeSpan WatchTimeout, TimeSpan FirstListPatience);
