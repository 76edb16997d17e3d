using System.Net;
using System.Text.Json.Nodes;
using Faros.Registry.Tests.Infrastructure;
using Faros.Signing.Policy;
using Faros.Signing.Sigstore;
using Faros.Signing.Tests.SigstoreJs;

namespace Faros.Registry.Tests.Signing;

/// <summary>
/// The trust policy at push with signatures made by real tools: NuGet author signatures by `dotnet nuget sign` with a
/// certificate from a CA made in the test (allowed by fingerprint, or refused with 403), and a Sigstore bundle served
/// by the registry that sigstore-js (@sigstore/verify) accepts. Embedded setup only: the provider-specific paths are
/// covered by <see cref="PushTrustTests"/>.
/// </summary>
[TestFixture]
public sealed class PublisherSignatureInteropTests
{
    private TempDirectory _directory = null!;
    private TestCertificateAuthority _authority = null!;
    private TestCodeSigningCertificate _allowedAuthor = null!;
    private TestCodeSigningCertificate _otherAuthor = null!;
    private TrustingDotnetSdk _sdk = null!;
    private PushTrustPolicy _policy = null!;
    private RegistryProcess _registry = null!;
    private HttpClient _http = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _directory = new TempDirectory("publisher-signatures");
        _authority = new TestCertificateAuthority("Faros Publisher Test Root", _directory.Path);
        _allowedAuthor = _authority.Issue("Contoso Plugins");
        _otherAuthor = _authority.Issue("Mallory Plugins");
        _sdk = new TrustingDotnetSdk(_authority.RootPemPath);
        _policy = new PushTrustPolicy(TestTrustPolicy.FingerprintSigner(_allowedAuthor.Sha256Fingerprint));
        _registry = await RegistryProcess.StartAsync(_policy.Settings);
        _http = _registry.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed && _registry is not null)
        {
            TestContext.Out.WriteLine(_registry.Output.ToString());
        }

        _http?.Dispose();
        await (_registry?.DisposeAsync() ?? ValueTask.CompletedTask);
        _policy?.Dispose();
        _sdk?.Dispose();
        _authority?.Dispose();
        _directory?.Dispose();
    }

    [Test]
    public async Task A_plugin_author_signed_with_an_allowed_certificate_is_pushed_with_dotnet_nuget_push_and_shows_its_signer()
    {
        using var cli = new DotnetCli("publisher-signatures") { DotnetPath = _sdk.DotnetPath };
        var package = Plugin();
        var signed = await SignAsync(cli, package, _allowedAuthor);

        var push = await cli.RunAsync("nuget", "push", signed, "--source", _registry.ServiceIndex.AbsoluteUri, "--api-key", _registry.BootstrapApiKey, "--allow-insecure-connections");
        Assert.That(push.Succeeded, push + Environment.NewLine + _registry.Output);

        var search = await FeedJson.GetAsync(_http, $"v3/search?q=packageid:{package.Id}&packageType=FarosPlugin&verified=true");
        var signer = search["data"]!.AsArray().Single()!["signer"]!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(signer["kind"]?.GetValue<string>(), Is.EqualTo(SignatureKinds.NuGet));
            Assert.That(signer["identity"]?.GetValue<string>(), Does.Contain("CN=Contoso Plugins").And.Contain(_allowedAuthor.Sha256Fingerprint));
            Assert.That(signer["verified"]?.GetValue<bool>(), Is.True);
        }
    }

    [Test]
    public async Task A_plugin_author_signed_with_a_certificate_the_rule_does_not_pin_is_refused_with_403()
    {
        using var cli = new DotnetCli("publisher-signatures") { DotnetPath = _sdk.DotnetPath };
        var package = Plugin();
        var signed = await File.ReadAllBytesAsync(await SignAsync(cli, package, _otherAuthor));

        using var response = await new PackagePublishClient(_http).PushAsync(signed, _registry.BootstrapApiKey);
        var problem = await ProblemResponse.ReadAsync(response);

        Assert.That(problem.Status, Is.EqualTo(403), problem.ToString());
        Assert.That(problem.Detail, Does.Contain("Mallory Plugins").And.Contain(nameof(SignatureFailure.SignerNotAllowed)));
        Assert.That(await FeedJson.StatusAsync(_http, $"v3/package/{package.LowerId}/index.json"), Is.EqualTo(404));
    }

    [Test]
    public async Task The_served_bundle_verifies_with_sigstore_js()
    {
        NodeScripts.RequireInstalled();
        var package = Plugin();
        var bundle = SigstoreSigner.Sign(package.Content, _policy.TrustedKey).ToJson();
        using (var pushed = await new PackagePublishClient(_http).PushWithBundleAsync(package.Content, bundle, _registry.BootstrapApiKey))
        {
            Assert.That(pushed.StatusCode, Is.EqualTo(HttpStatusCode.Created), await pushed.Content.ReadAsStringAsync());
        }

        var flat = $"v3/package/{package.LowerId}/{package.LowerVersion}/{package.LowerId}.{package.LowerVersion}";
        var files = _directory.Sub("sigstore-js-" + package.LowerId);
        var (bundlePath, nupkgPath, keyPath, otherKeyPath) =
            (Path.Combine(files, "served.sigstore.json"), Path.Combine(files, "served.nupkg"), Path.Combine(files, "trusted.pub"), Path.Combine(files, "other.pub"));
        await File.WriteAllBytesAsync(bundlePath, await _http.GetByteArrayAsync(flat + ".sigstore.json"));
        await File.WriteAllBytesAsync(nupkgPath, await _http.GetByteArrayAsync(flat + ".nupkg"));
        await File.WriteAllTextAsync(keyPath, _policy.TrustedKey.PublicKeyPem);
        await File.WriteAllTextAsync(otherKeyPath, _policy.UnknownKey.PublicKeyPem);

        var accepted = await NodeScripts.RunAsync("verify.cjs", bundlePath, nupkgPath, "--key", keyPath);
        var otherKey = await NodeScripts.RunAsync("verify.cjs", bundlePath, nupkgPath, "--key", otherKeyPath);
        Assert.That(accepted.ExitCode, Is.Zero, accepted.ToString());
        Assert.That(JsonNode.Parse(accepted.StandardOutput)?["verified"]?.GetValue<bool>(), Is.True, accepted.ToString());
        Assert.That(otherKey.ExitCode, Is.Not.Zero, "sigstore-js refuses the bundle with another key" + Environment.NewLine + otherKey);
    }

    private static TestPackage Plugin() =>
        TestPackages.Build(new TestPackageSpec(UniqueIds.For("Trusted"), "1.0.0") { PackageTypes = [TrustPolicy.FarosPluginPackageType] });

    private static async Task<string> SignAsync(DotnetCli cli, TestPackage package, TestCodeSigningCertificate certificate)
    {
        var unsigned = package.WriteTo(cli.CreateWorkDirectory("unsigned"));
        var output = cli.CreateWorkDirectory("signed");
        var sign = await cli.RunAsync("nuget", "sign", unsigned, "--certificate-path", certificate.PfxPath, "--certificate-password", certificate.Password, "--output", output);
        Assert.That(sign.Succeeded, sign.ToString());
        return Path.Combine(output, package.FileName);
    }
}
