using Faros.Signing.Policy;
using Faros.Signing.Sigstore.Keys;

namespace Faros.Signing.Tests.Policy;

public sealed class TrustPolicyParsingTests
{
    [Test]
    public void The_yaml_spec_and_the_json_resource_read_alike()
    {
        using var key = SigstoreKeyPair.Generate();
        var yaml = $"""
            rules:
              - packages: ["Contoso.*", "Fabrikam.Thermostat"]
                mode: require
                signatureKinds: [sigstore]
                signers:
                  - sigstore:
                      issuer: https://token.actions.githubusercontent.com
                      subjectRegex: https://github\.com/contoso/.*
                  - publicKey: |
            {Indent(key.PublicKeyPem, 12)}
                  - certificateFingerprint: "{string.Join(':', Enumerable.Repeat("AB", 32))}"
              - packages: ["*"]
                mode: off
            """;
        var json = System.Text.Json.JsonSerializer.Serialize(new
        {
            apiVersion = TrustPolicy.ApiVersion,
            kind = "TrustPolicy",
            metadata = new { name = "default" },
            spec = new
            {
                rules = new object[]
                {
                    new
                    {
                        packages = new[] { "Contoso.*", "Fabrikam.Thermostat" },
                        mode = "require",
                        signatureKinds = new[] { "sigstore" },
                        signers = new object[]
                        {
                            new { sigstore = new { issuer = "https://token.actions.githubusercontent.com", subjectRegex = @"https://github\.com/contoso/.*" } },
                            new { publicKey = key.PublicKeyPem },
                            new { certificateFingerprint = string.Join(':', Enumerable.Repeat("AB", 32)) },
                        },
                    },
                    new { packages = new[] { "*" }, mode = "off" },
                },
            },
        });

        foreach (var policy in new[] { TrustPolicy.Parse(yaml), TrustPolicy.Parse(json) })
        {
            Assert.That(policy.Rules, Has.Length.EqualTo(2));
            var rule = policy.RuleFor("contoso.thermostat", []);
            Assert.Multiple(() =>
            {
                Assert.That(rule.Mode, Is.EqualTo(PolicyMode.Require));
                Assert.That(rule.SignatureKinds, Is.EqualTo(new[] { SignatureKinds.Sigstore }));
                Assert.That(rule.Signers[0], Is.EqualTo(new SigstoreIdentitySigner("https://token.actions.githubusercontent.com", subjectRegex: @"https://github\.com/contoso/.*")));
                Assert.That(rule.Signers[1], Is.EqualTo(PublicKeySigner.FromPem(key.PublicKeyPem)));
                Assert.That(rule.Signers[2], Is.EqualTo(new CertificateFingerprintSigner(string.Concat(Enumerable.Repeat("ab", 32)))));
                Assert.That(policy.RuleFor("Fabrikam.Thermostat", ["FarosPlugin"]).Mode, Is.EqualTo(PolicyMode.Require));
                Assert.That(policy.RuleFor("Fabrikam.Thermostat.Extra", ["FarosPlugin"]).Mode, Is.EqualTo(PolicyMode.Off));
            });
        }
    }

    [Test]
    public void A_resource_as_the_cluster_returns_it_parses_with_metadata_and_status()
    {
        var policy = TrustPolicy.Parse("""
            apiVersion: plugins.faros.sh/v1alpha1
            kind: TrustPolicy
            metadata:
              name: default
              labels: { team: platform }
              annotations: { "kubectl.kubernetes.io/last-applied-configuration": "{}" }
              generation: 3
              managedFields: [{ manager: kubectl, operation: Apply }]
            spec:
              rules:
                - packages: ["*"]
                  mode: off
            status:
              conditions: [{ type: Ready, status: "True", observedGeneration: 3 }]
            """);

        Assert.That(policy.RuleFor("Contoso.Thermostat", ["FarosPlugin"]).Mode, Is.EqualTo(PolicyMode.Off));
    }

    [Test]
    public void Without_a_matching_rule_plugins_are_required_and_other_packages_unchecked()
    {
        var policy = TrustPolicy.Parse("rules: []");
        Assert.Multiple(() =>
        {
            Assert.That(policy.RuleFor("Contoso.Thermostat", ["FarosPlugin"]).Mode, Is.EqualTo(PolicyMode.Require));
            Assert.That(policy.RuleFor("Contoso.Thermostat", ["farosplugin"]).Mode, Is.EqualTo(PolicyMode.Require));
            Assert.That(policy.RuleFor("Newtonsoft.Json", []).Mode, Is.EqualTo(PolicyMode.Off));
            Assert.That(policy.RuleFor("Newtonsoft.Json", ["Dependency"]).Mode, Is.EqualTo(PolicyMode.Off));
        });
    }

    [Test]
    public void Globs_match_whole_ids_case_insensitively()
    {
        var pattern = new PackageIdPattern("Contoso.*");
        Assert.Multiple(() =>
        {
            Assert.That(pattern.Matches("Contoso.Thermostat"), Is.True);
            Assert.That(pattern.Matches("contoso.devices.thermostat"), Is.True);
            Assert.That(pattern.Matches("Contoso"), Is.False);
            Assert.That(pattern.Matches("NotContoso.Thermostat"), Is.False);
            Assert.That(new PackageIdPattern("Contoso.Th?rmostat").Matches("Contoso.Thermostat"), Is.True);
        });
    }

    [TestCase("", "empty")]
    [TestCase("rules: [", "line")]
    [TestCase("kind: Deployment\nspec: {rules: []}", "expected 'TrustPolicy'")]
    [TestCase("apiVersion: plugins.faros.sh/v1alpha1\nkind: TrustPolicy\nspec: {}", "no 'rules'")]
    [TestCase("rules: [{mode: require}]", "rules[0].packages is missing")]
    [TestCase("rules: [{packages: ['A.*'], mode: strict}]", "rules[0].mode is 'strict'")]
    [TestCase("rules: [{packages: ['A.*'], mode: require}]", "lists no signers")]
    [TestCase("rules: [{packages: ['A.*'], signatureKinds: [gpg], signers: [{certificateFingerprint: x}]}]", "signatureKinds has 'gpg'")]
    [TestCase("rules: [{packages: ['A/B'], mode: off}]", "rules[0].packages: 'A/B' is not a package-id pattern")]
    [TestCase("rules: [{packages: ['A.*'], signers: [{certificateFingerprint: 'AB:CD'}]}]", "rules[0].signers[0]: 'AB:CD' is not a SHA-256")]
    [TestCase("rules: [{packages: ['A.*'], signers: [{publicKey: 'nope'}]}]", "rules[0].signers[0]: The public key is not PEM")]
    [TestCase("rules: [{packages: ['A.*'], signers: [{sigstore: {issuer: 'https://i', subjectRegex: '('}}]}]", "not a valid regular expression")]
    [TestCase("rules: [{packages: ['A.*'], signers: [{sigstore: {issuer: 'https://i'}}]}]", "exactly one of 'subject'")]
    [TestCase("rules: [{packages: ['A.*'], signers: [{sigstore: {subject: 'a@b'}}]}]", "needs an 'issuer'")]
    [TestCase("rules: [{packages: ['A.*'], signers: [{}]}]", "exactly one of certificateFingerprint, publicKey or sigstore")]
    [TestCase("rules: [{packages: ['A.*'], signer: []}]", "signer")]
    public void Defects_are_named(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => TrustPolicy.Parse(text));
        Assert.That(error!.Message, Does.Contain(expected));
    }

    private static string Indent(string text, int spaces) =>
        string.Join('\n', text.TrimEnd().Split('\n').Select(line => new string(' ', spaces) + line));
}
