using Faros.Api.Plugins;
using Faros.Signing.Policy;
using k8s;

namespace Faros.Operator.Tests.Api;

/// <summary>
/// The cluster-scoped TrustPolicy resource: what kubectl applies is read back as <see cref="TrustPolicyResource"/>,
/// and the same parser the registry, operator and agent use turns it into the policy docs/signing.md describes.
/// </summary>
[TestFixture]
public sealed class TrustPolicyResourceTests
{
    private const string Fingerprint = "4dcd82ce73fd54cae10ddb5d096702431c51e24713fcdb28ed82985d7e51b14b";

    [Test]
    public async Task An_applied_trust_policy_reads_back_into_the_same_policy()
    {
        var name = $"policy-{Guid.NewGuid():N}"[..20];
        var applied = await ApplyAsync($$"""
            apiVersion: plugins.faros.sh/v1alpha1
            kind: TrustPolicy
            metadata:
              name: {{name}}
            spec:
              rules:
                - packages: ["Contoso.*"]
                  signers:
                    - sigstore: { issuer: "https://token.actions.githubusercontent.com", subjectRegex: "https://github\\.com/contoso/.*" }
                - packages: ["Fabrikam.*", "Northwind.*"]
                  mode: warn
                  signatureKinds: [nuget]
                  signers:
                    - certificateFingerprint: "{{Fingerprint}}"
            """);
        Assert.That(applied.Succeeded, Is.True, applied.ToString());

        using var client = OperatorTestEnvironment.NewClient();
        var kind = Faros.Sdk.Reconciliation.ResourceKind.Of<TrustPolicyResource>();
        var raw = await client.CustomObjects.GetClusterCustomObjectAsync(kind.Group, kind.Version, kind.Plural, name);
        var resource = KubernetesJson.Deserialize<TrustPolicyResource>(KubernetesJson.Serialize(raw));
        var policy = TrustPolicy.Parse(KubernetesJson.Serialize(resource));

        Assert.That(policy.Rules, Has.Length.EqualTo(2));
        Assert.That(policy.Rules[0].Mode, Is.EqualTo(PolicyMode.Require));
        Assert.That(policy.Rules[0].Matches("Contoso.Thermostat"), Is.True);
        Assert.That(policy.Rules[1].Mode, Is.EqualTo(PolicyMode.Warn));
        Assert.That(policy.Rules[1].Matches("Northwind.Gateway"), Is.True);
        Assert.That(policy.Rules[1].SignatureKinds, Is.EqualTo(new[] { "nuget" }));

        var deleted = await OperatorTestEnvironment.KubectlAsync("delete", "trustpolicy", name);
        Assert.That(deleted.Succeeded, Is.True, deleted.ToString());
    }

    // Each rule is JSON (kubectl reads JSON as YAML), so the cases need no indentation games.
    [TestCase("""{ "packages": ["Contoso.*"], "mode": "sometimes", "signers": [{ "publicKey": "x" }] }""", "mode")]
    [TestCase("""{ "packages": ["Contoso.*"], "signers": [{ "publicKey": "x", "certificateFingerprint": "4dcd82ce73fd54cae10ddb5d096702431c51e24713fcdb28ed82985d7e51b14b" }] }""", "signers")]
    [TestCase("""{ "packages": ["Contoso.*"], "signers": [{ "certificateFingerprint": "not-hex" }] }""", "certificateFingerprint")]
    [TestCase("""{ "packages": ["Contoso.*"], "signatureKinds": ["gpg"], "signers": [{ "publicKey": "x" }] }""", "signatureKinds")]
    [TestCase("""{ "packages": [], "signers": [{ "publicKey": "x" }] }""", "packages")]
    public async Task The_api_server_refuses_a_structurally_invalid_rule_naming_the_field(string rule, string field)
    {
        var name = $"bad-{Guid.NewGuid():N}"[..16];
        var applied = await ApplyAsync($$"""
            { "apiVersion": "plugins.faros.sh/v1alpha1", "kind": "TrustPolicy", "metadata": { "name": "{{name}}" },
              "spec": { "rules": [ {{rule}} ] } }
            """);

        Assert.That(applied.Succeeded, Is.False, applied.ToString());
        Assert.That(applied.StandardError, Does.Contain(field), applied.ToString());
    }

    private static async Task<ProcessResult> ApplyAsync(string yaml)
    {
        using var directory = new TempDirectory("trustpolicy");
        var file = Path.Combine(directory.Path, "policy.yaml");
        await File.WriteAllTextAsync(file, yaml);
        return await OperatorTestEnvironment.KubectlAsync("apply", "-f", file);
    }
}
