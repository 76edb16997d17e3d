using Faros.Agent.Tests.Fixtures;
using Faros.PluginHost.Supervision;
using Faros.PluginHost.Verification;
using Faros.Signing.Policy;
using Faros.Signing.Sigstore;
using Faros.Signing.Sigstore.Keys;
using NuGet.Versioning;
using static Faros.Agent.Tests.Fixtures.TestPluginPackages;

namespace Faros.Agent.Tests.PluginHost;

/// <summary>The Faros trust policy (sdk/Faros.Signing) as the host's trust check, with real Sigstore bundles.</summary>
public sealed class TrustPolicyTests
{
    private SigstoreKeyPair _key = null!;

    [OneTimeSetUp]
    public void MakeKey() => _key = SigstoreKeyPair.Generate();

    [OneTimeTearDown]
    public void DisposeKey() => _key.Dispose();

    private TrustPolicyCheck RequireSignatureBy(SigstoreKeyPair key) =>
        new(new TrustPolicyEvaluator(
            TrustPolicy.Parse($"""
                rules:
                  - packages: ["Faros.TestPlugins.*"]
                    mode: require
                    signatureKinds: [sigstore]
                    signers:
                      - publicKey: "{key.PublicKeyPem.Replace("\n", "\\n", StringComparison.Ordinal)}"
                """),
            [new SigstoreVerifier()]));

    [Test]
    public async Task An_unsigned_plugin_is_refused_under_a_require_policy_before_it_loads()
    {
        await using var harness = new HostHarness(trust: RequireSignatureBy(_key));

        harness.Host.Apply([AgentTestRun.Packages.Get(Echo, "2.0.0").Spec()]);
        var refused = await harness.WaitForAsync(Echo, s => s.Phase == PluginPhase.Failed);

        Assert.Multiple(() =>
        {
            Assert.That(refused.Refusal, Is.EqualTo(RefusalReason.Untrusted));
            Assert.That(refused.Message, Does.Contain("the trust policy denies it (SignatureMissing)"));
            Assert.That(harness.Host.Contexts.CountAlive(), Is.Zero);
        });
    }

    [Test]
    public async Task A_plugin_signed_with_the_allowed_key_is_allowed_and_another_key_is_refused()
    {
        using var directory = new TempDirectory("trust-policy");
        using var stranger = SigstoreKeyPair.Generate();
        var echo = AgentTestRun.Packages.Get(Echo);
        var content = await File.ReadAllBytesAsync(echo.Path);
        var signed = Path.Combine(directory.Path, "signed.sigstore.json");
        var foreign = Path.Combine(directory.Path, "foreign.sigstore.json");
        await File.WriteAllBytesAsync(signed, SigstoreSigner.Sign(content, _key).ToJson());
        await File.WriteAllBytesAsync(foreign, SigstoreSigner.Sign(content, stranger).ToJson());
        var check = RequireSignatureBy(_key);

        var allowed = await check.CheckAsync(new TrustCandidate(echo.Id, NuGetVersion.Parse(echo.Version), echo.Path, signed), CancellationToken.None);
        var refused = await check.CheckAsync(new TrustCandidate(echo.Id, NuGetVersion.Parse(echo.Version), echo.Path, foreign), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(allowed.IsAllowed, Is.True, allowed.Reason);
            Assert.That(allowed.Signer, Does.StartWith("sigstore: key sha256:"));
            Assert.That(refused.IsAllowed, Is.False);
            Assert.That(refused.Reason, Does.StartWith("the trust policy denies it (UnknownKey)"));
        });
    }
}
