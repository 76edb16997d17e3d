using Faros.Signing.Policy;

namespace Faros.Signing.Tests.Policy;

/// <summary>The TrustPolicy resource shown in docs/signing.md is one the parser accepts.</summary>
public sealed class DocumentationExampleTests
{
    [Test]
    public void The_documented_trust_policy_resource_parses()
    {
        var markdown = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "docs", "signing.md"));
        var section = markdown[markdown.IndexOf("### As a cluster resource", StringComparison.Ordinal)..];
        var start = section.IndexOf("```yaml\n", StringComparison.Ordinal) + "```yaml\n".Length;
        var yaml = section[start..section.IndexOf("```", start, StringComparison.Ordinal)];

        var policy = TrustPolicy.Parse(yaml);

        var signer = new SignerIdentity(SignatureKinds.Sigstore, "x")
        {
            Issuer = "https://token.actions.githubusercontent.com",
            SubjectAlternativeName = "https://github.com/contoso/thermostat/.github/workflows/release.yml@refs/heads/main",
        };
        Assert.That(policy.RuleFor("Contoso.Thermostat", ["FarosPlugin"]).Signers.Single().Matches(signer), Is.True);
    }
}
