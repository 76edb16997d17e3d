using Faros.Signing.Policy;

namespace Faros.Operator.EdgeAgents;

/// <summary>
/// Builds the operator's <see cref="TrustPolicyEvaluator"/> from its settings, with the verifiers the registry uses
/// (Sigstore bundles and NuGet author signatures), so both enforcement points judge a package alike.
/// </summary>
public static class PluginTrust
{
    /// <exception cref="FormatException">The policy or trusted root does not parse.</exception>
    /// <exception cref="ArgumentException">A rule accepts a signature kind no verifier handles.</exception>
    public static TrustPolicyEvaluator Evaluator(string? policyFile, string? trustedRootFile) =>
        TrustPolicyEvaluator.Load(policyFile, trustedRootFile);

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
            Evaluator(policyFile, trustedRootFile);
            return [];
        }
        catch (Exception invalid) when (invalid is FormatException or ArgumentException or IOException or System.Text.Json.JsonException)
        {
            return [$"The trust policy ({policyFile ?? "built-in default"}) or Sigstore trusted root is not usable: {invalid.Message} Fix the file (see docs/signing.md)."];
        }
    }
}
