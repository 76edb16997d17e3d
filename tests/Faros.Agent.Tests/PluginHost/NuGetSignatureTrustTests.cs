using Faros.Agent.Tests.Fixtures;
using Faros.PluginHost.Verification;
using NuGet.Versioning;
using static Faros.Agent.Tests.Fixtures.TestPluginPackages;

namespace Faros.Agent.Tests.PluginHost;

/// <summary>
/// The agent's trust check (<see cref="TrustPolicyCheck.Load"/>) with NuGet author signatures made by the real
/// `dotnet nuget sign`, under a policy that pins the author certificate by fingerprint.
/// </summary>
public sealed class NuGetSignatureTrustTests
{
    private TempDirectory _directory = null!;
    private TestCertificateAuthority _authority = null!;
    private TestCodeSigningCertificate _allowedAuthor = null!;
    private TestCodeSigningCertificate _otherAuthor = null!;
    private TrustingDotnetSdk _sdk = null!;

    [OneTimeSetUp]
    public void MakeCertificates()
    {
        _directory = new TempDirectory("nuget-signature-trust");
        _authority = new TestCertificateAuthority("Faros Agent Test Root", _directory.Path);
        _allowedAuthor = _authority.Issue("Contoso Plugins");
        _otherAuthor = _authority.Issue("Mallory Plugins");
        _sdk = new TrustingDotnetSdk(_authority.RootPemPath);
    }

    [OneTimeTearDown]
    public void Release()
    {
        _sdk?.Dispose();
        _authority?.Dispose();
        _directory?.Dispose();
    }

    [Test]
    public async Task A_plugin_author_signed_with_dotnet_nuget_sign_is_allowed_by_its_pinned_certificate_and_another_author_is_refused()
    {
        var echo = AgentTestRun.Packages.Get(Echo);
        var policy = TestTrustPolicy.Write(_directory.Sub("policy"), TestTrustPolicy.Document(
            TestTrustPolicy.Rule("[\"Faros.TestPlugins.*\"]", "require", TestTrustPolicy.FingerprintSigner(_allowedAuthor.Sha256Fingerprint))));
        var check = TrustPolicyCheck.Load(policy);
        var version = NuGetVersion.Parse(echo.Version);

        var allowed = await check.CheckAsync(new TrustCandidate(echo.Id, version, await SignAsync(echo, _allowedAuthor), null), CancellationToken.None);
        var refused = await check.CheckAsync(new TrustCandidate(echo.Id, version, await SignAsync(echo, _otherAuthor), null), CancellationToken.None);
        var unsigned = await check.CheckAsync(new TrustCandidate(echo.Id, version, echo.Path, null), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(allowed.IsAllowed, Is.True, allowed.Reason);
            Assert.That(allowed.Signer, Does.StartWith("nuget: ").And.Contain("CN=Contoso Plugins").And.Contain(_allowedAuthor.Sha256Fingerprint));
            Assert.That(refused.IsAllowed, Is.False);
            Assert.That(refused.Reason, Does.StartWith("the trust policy denies it (SignerNotAllowed)").And.Contain("Mallory Plugins"));
            Assert.That(unsigned.IsAllowed, Is.False);
            Assert.That(unsigned.Reason, Does.StartWith("the trust policy denies it (SignatureMissing)"));
        });
    }

    private async Task<string> SignAsync(PackedPlugin package, TestCodeSigningCertificate certificate)
    {
        using var cli = new DotnetCli("nuget-signature-trust") { DotnetPath = _sdk.DotnetPath };
        var unsigned = Path.Combine(cli.CreateWorkDirectory("unsigned"), Path.GetFileName(package.Path));
        File.Copy(package.Path, unsigned);
        var output = _directory.Sub("signed-" + Guid.NewGuid().ToString("N"));
        var sign = await cli.RunAsync("nuget", "sign", unsigned, "--certificate-path", certificate.PfxPath, "--certificate-password", certificate.Password, "--output", output);
        Assert.That(sign.Succeeded, sign.ToString());
        return Path.Combine(output, Path.GetFileName(package.Path));
    }
}
