using System.Text.Json;
using Faros.Signing.Sigstore.Trust;

namespace Faros.Signing.Policy;

/// <summary>
/// One version of the trust policy an enforcement point applies: the evaluator built from it, a version that changes
/// whenever the policy does (verdict caches are keyed by it), and where it came from, for logs and status.
/// </summary>
/// <param name="Evaluator">The evaluator of this policy version.</param>
/// <param name="Version">Opaque; equal versions mean the same policy (a file path, or a resource's uid and generation).</param>
/// <param name="Origin">For people: "file /etc/faros/trust-policy.yaml", "TrustPolicy default (generation 3)", "built-in default".</param>
public sealed record TrustPolicySnapshot(TrustPolicyEvaluator Evaluator, string Version, string Origin)
{
    /// <summary>The policy file (or the built-in default when <paramref name="policyPath"/> is empty), as <see cref="TrustPolicyEvaluator.Load"/> reads it.</summary>
    /// <exception cref="FormatException">The policy does not parse.</exception>
    public static TrustPolicySnapshot FromFile(string? policyPath, TrustedRoot? trustedRoot, TimeProvider? time = null) =>
        string.IsNullOrWhiteSpace(policyPath)
            ? new(TrustPolicyEvaluator.For(TrustPolicy.Empty, trustedRoot, time), "built-in", "the built-in default policy")
            : new(TrustPolicyEvaluator.For(TrustPolicy.Load(policyPath), trustedRoot, time), "file:" + Path.GetFullPath(policyPath), "file " + policyPath);

    /// <summary>
    /// A cluster TrustPolicy resource as the API server returns it (JSON): its document goes through
    /// <see cref="TrustPolicy.Parse"/> like a file; its uid and generation make the version.
    /// </summary>
    /// <exception cref="FormatException">The resource is not a valid trust policy; the message names the field.</exception>
    /// <exception cref="ArgumentException">A rule accepts a signature kind no verifier handles.</exception>
    public static TrustPolicySnapshot FromResource(string resourceJson, TrustedRoot? trustedRoot, TimeProvider? time = null)
    {
        var policy = TrustPolicy.Parse(resourceJson);
        string? name = null, uid = null;
        long generation = 0;
        try
        {
            using var document = JsonDocument.Parse(resourceJson);
            if (document.RootElement.TryGetProperty("metadata", out var metadata))
            {
                name = metadata.TryGetProperty("name", out var n) ? n.GetString() : null;
                uid = metadata.TryGetProperty("uid", out var u) ? u.GetString() : null;
                generation = metadata.TryGetProperty("generation", out var g) && g.TryGetInt64(out var value) ? value : 0;
            }
        }
        catch (JsonException e)
        {
            throw new FormatException($"The TrustPolicy resource is not JSON: {e.Message}", e);
        }

        return new(TrustPolicyEvaluator.For(policy, trustedRoot, time), $"resource:{uid}/{generation}", $"TrustPolicy {name} (generation {generation})");
    }
}
