using Faros.Signing.Policy;
using Faros.Signing.Sigstore;
using Faros.Signing.Sigstore.Keys;
using Faros.Signing.Sigstore.Trust;
using Faros.Signing.Tests.SigstoreJs;

namespace Faros.Signing.Tests.Policy;

/// <summary>The evaluator over real packages and real bundles (our keyed signer, sigstore-js keyless).</summary>
public sealed class TrustPolicyEvaluatorTests
{
    private const string Issuer = KeylessBundles.Issuer;

    private static readonly TestPackage Plugin = TestPackages.Build(new TestPackageSpec("Contoso.Thermostat", "1.0.0") { PackageTypes = ["FarosPlugin"] });

    private KeylessBundles _keyless = null!;
    private SigstoreKeyPair _key = null!;

    [OneTimeSetUp]
    public async Task MakeBundles()
    {
        _keyless = await KeylessBundles.GetAsync();
        _key = SigstoreKeyPair.Generate();
    }

    [OneTimeTearDown]
    public void DisposeKey() => _key.Dispose();

    private TrustVerdict Evaluate(string policy, SignedPackage package) =>
        new TrustPolicyEvaluator(TrustPolicy.Parse(policy), [new SigstoreVerifier(TrustedRoot.Parse(_keyless.TrustedRoot))]).Evaluate(package);

    private SignedPackage KeylessPlugin(string id = "Contoso.Thermostat") => new(id, ["FarosPlugin"], _keyless.Package, _keyless.Bundle);

    private static string IdentityPolicy(string issuer, string subjectField, string mode = "require") => $$"""
        rules:
          - packages: ["Contoso.*"]
            mode: {{mode}}
            signatureKinds: [sigstore]
            signers:
              - sigstore: { issuer: "{{issuer}}", {{subjectField}} }
        """;

    private string KeyPolicy(string publicKeyPem) => $"""
        rules:
          - packages: ["Contoso.*"]
            signatureKinds: [sigstore]
            signers:
              - publicKey: "{publicKeyPem.Replace("\n", "\\n", StringComparison.Ordinal)}"
        """;

    [Test]
    public void A_plugin_signed_with_an_allowed_key_is_allowed_with_its_signer()
    {
        var package = SignedPackage.Read(Plugin.Content, SigstoreSigner.Sign(Plugin.Content, _key).ToJson());

        var verdict = Evaluate(KeyPolicy(_key.PublicKeyPem), package);

        Assert.Multiple(() =>
        {
            Assert.That(package.Id, Is.EqualTo("Contoso.Thermostat"));
            Assert.That(package.PackageTypes, Is.EqualTo(new[] { "FarosPlugin" }));
            Assert.That(verdict.Decision, Is.EqualTo(TrustDecision.Allowed), verdict.ToString());
            Assert.That(verdict.Signer!.DisplayName, Does.StartWith("key sha256:"));
        });
    }

    [Test]
    public void A_plugin_signed_with_another_key_is_denied_as_unknown_key()
    {
        using var other = SigstoreKeyPair.Generate();
        var package = SignedPackage.Read(Plugin.Content, SigstoreSigner.Sign(Plugin.Content, other).ToJson());

        var verdict = Evaluate(KeyPolicy(_key.PublicKeyPem), package);

        Assert.That((verdict.Decision, verdict.Reason), Is.EqualTo((TrustDecision.Denied, (SignatureFailure?)SignatureFailure.UnknownKey)), verdict.ToString());
    }

    [Test]
    public void A_keyless_signature_by_the_allowed_identity_is_allowed()
    {
        var exact = Evaluate(IdentityPolicy(Issuer, $"subject: \"{KeylessBundles.Subject}\""), KeylessPlugin());
        var regex = Evaluate(IdentityPolicy(Issuer, @"subjectRegex: 'https://github\.com/contoso/.+@refs/heads/main'"), KeylessPlugin());

        Assert.Multiple(() =>
        {
            Assert.That(exact.Decision, Is.EqualTo(TrustDecision.Allowed), exact.ToString());
            Assert.That(exact.Signer!.DisplayName, Is.EqualTo($"{KeylessBundles.Subject} ({Issuer})"));
            Assert.That(regex.Decision, Is.EqualTo(TrustDecision.Allowed), regex.ToString());
        });
    }

    [Test]
    public void The_wrong_identity_is_an_identity_mismatch_and_regexes_are_anchored()
    {
        var other = Evaluate(IdentityPolicy(Issuer, "subject: \"https://github.com/mallory/thermostat/.github/workflows/release.yml@refs/heads/main\""), KeylessPlugin());
        var unanchored = Evaluate(IdentityPolicy(Issuer, "subjectRegex: 'github\\.com/contoso'"), KeylessPlugin());

        Assert.Multiple(() =>
        {
            Assert.That((other.Decision, other.Reason), Is.EqualTo((TrustDecision.Denied, (SignatureFailure?)SignatureFailure.IdentityMismatch)), other.ToString());
            Assert.That(other.Signer!.SubjectAlternativeName, Is.EqualTo(KeylessBundles.Subject), "the verified signer is reported even when not allowed");
            Assert.That(unanchored.Reason, Is.EqualTo(SignatureFailure.IdentityMismatch), "a regex must match the whole SAN");
            Assert.That(other.IsSignerRejected, Is.True, "a sound signature by the wrong signer is a 403, not a 400");
        });
    }

    [Test]
    public void The_wrong_issuer_is_an_issuer_mismatch()
    {
        var verdict = Evaluate(IdentityPolicy("https://accounts.google.com", $"subject: \"{KeylessBundles.Subject}\""), KeylessPlugin());
        Assert.That((verdict.Decision, verdict.Reason), Is.EqualTo((TrustDecision.Denied, (SignatureFailure?)SignatureFailure.IssuerMismatch)), verdict.ToString());
    }

    [Test]
    public void A_keyless_signer_is_allowed_by_its_ca_fingerprint_and_refused_when_only_keys_are_allowed()
    {
        var identity = new SigstoreVerifier(TrustedRoot.Parse(_keyless.TrustedRoot)).Verify(KeylessPlugin(), []).Signer!;
        var byRoot = Evaluate($"""
            rules:
              - packages: ["Contoso.*"]
                signers: [{"{"} certificateFingerprint: "{identity.CertificateFingerprints[^1]}" {"}"}]
            """, KeylessPlugin());
        var keysOnly = Evaluate(KeyPolicy(_key.PublicKeyPem), KeylessPlugin());

        Assert.Multiple(() =>
        {
            Assert.That(byRoot.Decision, Is.EqualTo(TrustDecision.Allowed), byRoot.ToString());
            Assert.That(keysOnly.Reason, Is.EqualTo(SignatureFailure.SignerNotAllowed), keysOnly.ToString());
        });
    }

    [Test]
    public void An_unsigned_plugin_without_a_rule_is_denied_and_an_unsigned_library_allowed()
    {
        var plugin = Evaluate("rules: []", SignedPackage.Read(Plugin.Content));
        var library = Evaluate("rules: []", SignedPackage.Read(TestPackages.Create("Contoso.Library", "1.0.0").Content));

        Assert.Multiple(() =>
        {
            Assert.That((plugin.Decision, plugin.Reason), Is.EqualTo((TrustDecision.Denied, (SignatureFailure?)SignatureFailure.SignatureMissing)), plugin.ToString());
            Assert.That(library.Decision, Is.EqualTo(TrustDecision.Allowed), library.ToString());
        });
    }

    [Test]
    public void Warn_mode_reports_without_denying_and_off_mode_skips_checks()
    {
        var tampered = KeylessPlugin() with { Package = Plugin.Content };
        var warned = Evaluate(IdentityPolicy(Issuer, $"subject: \"{KeylessBundles.Subject}\"", mode: "warn"), tampered);
        var off = Evaluate("rules: [{packages: ['Contoso.*'], mode: off}]", tampered);

        Assert.Multiple(() =>
        {
            Assert.That((warned.Decision, warned.Reason), Is.EqualTo((TrustDecision.Warned, (SignatureFailure?)SignatureFailure.DigestMismatch)), warned.ToString());
            Assert.That(warned.IsAllowed, Is.True);
            Assert.That(warned.IsSignerRejected, Is.False, "a broken signature is a 400");
            Assert.That((off.Decision, off.Reason), Is.EqualTo((TrustDecision.Allowed, (SignatureFailure?)null)));
        });
    }

    [Test]
    public void A_broken_bundle_is_reported_rather_than_a_missing_signature()
    {
        var verdict = Evaluate(IdentityPolicy(Issuer, $"subject: \"{KeylessBundles.Subject}\""), KeylessPlugin() with { SigstoreBundle = "{\"mediaType\":"u8.ToArray() });
        Assert.That(verdict.Reason, Is.EqualTo(SignatureFailure.BundleMalformed), verdict.ToString());
    }

    [Test]
    public void A_policy_accepting_a_kind_without_a_verifier_is_refused_at_start_up()
    {
        var policy = TrustPolicy.Parse($"rules: [{{packages: ['Contoso.*'], signatureKinds: [nuget], signers: [{{certificateFingerprint: '{new string('A', 64)}'}}]}}]");
        var error = Assert.Throws<ArgumentException>(() => _ = new TrustPolicyEvaluator(policy, [new SigstoreVerifier()]));
        Assert.That(error!.Message, Does.Contain("nuget"));
    }
}
