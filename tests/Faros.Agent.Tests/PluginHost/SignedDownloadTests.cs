using Faros.Agent.Tests.Fixtures;
using Faros.PluginHost.Supervision;
using Faros.PluginHost.Verification;
using Faros.Signing.Sigstore.Keys;
using static Faros.Agent.Tests.Fixtures.TestPluginPackages;

namespace Faros.Agent.Tests.PluginHost;

/// <summary>
/// Signed download end to end: the run's registry holds the test plugins pushed with a Sigstore bundle signed by
/// <see cref="TestPublisherKey"/>; the host downloads the nupkg and its served bundle and checks them with the agent's
/// trust check (<see cref="TrustPolicyCheck.Load"/>) before anything loads.
/// </summary>
public sealed class SignedDownloadTests
{
    private TempDirectory _directory = null!;

    [OneTimeSetUp]
    public void MakeDirectory() => _directory = new TempDirectory("signed-download");

    [OneTimeTearDown]
    public void Release() => _directory.Dispose();

    private TrustPolicyCheck RequireSignatureBy(string publicKeyPem, string name) =>
        TrustPolicyCheck.Load(TestTrustPolicy.Write(_directory.Path, TestTrustPolicy.Document(
            TestTrustPolicy.Rule("[\"Faros.TestPlugins.*\"]", "require", TestTrustPolicy.PublicKeySigner(publicKeyPem))), name));

    [Test]
    public async Task A_plugin_downloaded_with_its_bundle_from_the_registry_runs_under_a_policy_trusting_its_publisher()
    {
        await using var harness = new HostHarness(trust: RequireSignatureBy(TestPublisherKey.Shared.PublicKeyPem, "trusting-publisher.yaml"));
        var echo = AgentTestRun.Packages.Get(Echo);

        harness.Host.Apply([echo.Spec(AgentTestRun.Feed.DownloadUrl(echo))]);
        var running = await harness.WaitForRunningAsync(Echo, echo.Version);

        var cached = Directory.GetFiles(Path.Combine(harness.Options.CacheDirectory, "packages"), "package.sigstore.json", SearchOption.AllDirectories);
        Assert.Multiple(() =>
        {
            Assert.That(running.Signer, Does.StartWith($"sigstore: key sha256:"));
            Assert.That(cached, Has.Length.EqualTo(1), "the served bundle is cached beside the package");
        });
    }

    [Test]
    public async Task A_plugin_whose_bundle_is_signed_by_another_key_than_the_policy_trusts_is_refused_before_it_loads()
    {
        using var stranger = SigstoreKeyPair.Generate();
        await using var harness = new HostHarness(trust: RequireSignatureBy(stranger.PublicKeyPem, "trusting-stranger.yaml"));
        var echo = AgentTestRun.Packages.Get(Echo);

        harness.Host.Apply([echo.Spec(AgentTestRun.Feed.DownloadUrl(echo))]);
        var refused = await harness.WaitForAsync(Echo, s => s.Phase == PluginPhase.Failed);

        Assert.Multiple(() =>
        {
            Assert.That(refused.Refusal, Is.EqualTo(RefusalReason.Untrusted));
            // A keyed bundle naming a key the policy does not list is the evaluator's UnknownKey (its SignerNotAllowed
            // is for a proven signer outside the rule, e.g. a NuGet certificate; see NuGetSignatureTrustTests).
            Assert.That(refused.Message, Does.Contain("the trust policy denies it (UnknownKey)"));
            Assert.That(harness.Host.Contexts.CountAlive(), Is.Zero);
            Assert.That(harness.History.Where(s => s.Id == Echo).Select(s => s.Phase), Has.None.EqualTo(PluginPhase.Starting));
        });
    }
}
