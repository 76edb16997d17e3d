using Faros.Signing.Policy;

namespace Faros.Operator.EdgeAgents;

/// <summary>
/// The operator's file policy from its settings, evaluated with the verifiers the registry uses (Sigstore bundles and
/// NuGet author signatures), so both enforcement points judge a package alike. The cluster TrustPolicy resource, when
/// it exists, takes precedence (TrustPolicies/ClusterTrustPolicyWatch).
/// </summary>
public static class PluginTrust
{
    /// <summary>The policy file (the built-in default when none is set) under the trusted root.</summary>
    /// <exception cref="FormatException">The policy or trusted root does not parse.</exception>
    /// <exception cref="ArgumentException">A rule accepts a signature kind no verifier handles.</exception>
    public static TrustPolicySnapshot FilePolicy(string? policyFile, Faros.Signing.Sigstore.Trust.TrustedRoot? trustedRoot) =>
        TrustPolicySnapshot.FromFile(policyFile, trustedRoot);

    /// <summary>What is wrong with the settings, naming the setting and the fix; empty when the evaluator can be built.</summary>
    public static IEnumerable<string> Problems(string? policyFile, string? trustedRootFile)
    {
        if (!string.IsNullOrWhiteSpace(policyFile) && !File.Exists(policyFile))
        {
            return [$"Operator:TrustPolicyFile (--trust-policy) {policyFile} does not exist."];
        }

        if (!string.IsNullOrWhiteSpace(trustedRootFile) && !File.Exists(trustedRootFile))
        {
            return [$"Operator:SigstoreTrustedRootFile {trustedRootFile} does not exist."];
        }

        try
        {
            FilePolicy(policyFile, TrustPolicyEvaluator.LoadTrustedRoot(trustedRootFile));
            return [];
        }
        catch (Exception invalid) when (invalid is FormatException or ArgumentException or IOException or System.Text.Json.JsonException)
        {
            return [$"The trust policy ({policyFile ?? "built-in default"}) or Sigstore trusted root is not usable: {invalid.Message} Fix the file (see docs/signing.md)."];
        }
    }
}
