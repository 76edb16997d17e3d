using System.Text;
using System.Text.Json;
using Faros.Signing.Policy;

namespace Faros.Cli.Signing;

/// <summary>
/// The trust-policy rule (docs/signing.md) a registry operator adds to accept packages signed with a publisher's key:
/// a complete policy document with one rule, so it also works on its own.
/// </summary>
public static class TrustPolicySnippet
{
    /// <summary>Stands for the publisher's ids when none are given, for the operator to replace.</summary>
    public const string Placeholder = "YourCompany.*";

    public static string For(string publicKeyPem, IReadOnlyList<string> packagePatterns)
    {
        var patterns = packagePatterns.Count == 0 ? [Placeholder] : packagePatterns;
        var yaml = new StringBuilder()
            .Append("rules:\n")
            .Append("  - packages: ").Append('[').Append(string.Join(", ", patterns.Select(pattern => JsonSerializer.Serialize(pattern)))).Append(']').Append('\n')
            .Append("    signers:\n")
            .Append("      - publicKey: |\n");
        foreach (var line in publicKeyPem.Trim().Split('\n'))
        {
            yaml.Append("          ").Append(line.TrimEnd('\r')).Append('\n');
        }

        // The snippet is checked by the same parser the registry uses, so what the operator pastes is known to load.
        _ = TrustPolicy.Parse(yaml.ToString());
        return yaml.ToString();
    }
}
