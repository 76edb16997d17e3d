namespace Faros.Testing;

/// <summary>
/// Trust policy documents for test registries (Signing:TrustPolicyPath). The registry refuses unsigned FarosPlugin
/// packages by default; these policies trust <see cref="TestPublisherKey"/>.
/// </summary>
public static class TestTrustPolicy
{
    /// <summary>
    /// What <see cref="RegistryProcess"/> gives a registry unless a test sets its own: every id may be signed by the
    /// test publisher key, in warn mode. Fixtures that push plugins over HTTP send a bundle signed by that key (they are
    /// verified); the suites that push plugins with the real `dotnet nuget push`, which cannot send a bundle, are only
    /// warned; and non-plugin packages, which the real default leaves unchecked, are not refused.
    /// The tests in Faros.Registry.Tests/Signing set their own require policies.
    /// </summary>
    public static string WarnTrustingTestKey => Document(Rule("[\"*\"]", "warn", PublicKeySigner(TestPublisherKey.Shared.PublicKeyPem)));

    /// <summary>A rule in YAML: package globs as a flow sequence, the mode, and YAML signer entries.</summary>
    public static string Rule(string packages, string mode, params string[] signers) =>
        $"  - packages: {packages}\n    mode: {mode}\n" + (signers.Length == 0 ? "" : "    signers:\n" + string.Concat(signers));

    public static string Document(params string[] rules) => "rules:\n" + string.Concat(rules);

    public static string PublicKeySigner(string pem) =>
        "      - publicKey: |\n" + string.Concat(pem.Trim().Split('\n').Select(line => $"          {line.TrimEnd()}\n"));

    public static string FingerprintSigner(string sha256) => $"      - certificateFingerprint: \"{sha256}\"\n";

    /// <summary>Writes a policy document to a file and returns its path.</summary>
    public static string Write(string directory, string document, string name = "trust-policy.yaml")
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, document);
        return path;
    }
}
