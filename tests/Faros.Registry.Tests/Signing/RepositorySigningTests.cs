using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Faros.Registry.Tests.Infrastructure;
using Faros.Signing.NuGetSignatures;
using NuGet.Packaging;
using NuGet.Packaging.Signing;

namespace Faros.Registry.Tests.Signing;

/// <summary>
/// The registry configured with a repository certificate (a PFX from a CA made in the test) countersigns what is
/// pushed, and the real dotnet CLI, trusting that CA, proves it: an author-signed package made by `dotnet nuget sign`
/// and pushed with `dotnet nuget push` comes back with both signatures, and `dotnet restore` under
/// signatureValidationMode=require with a &lt;repository&gt; trusted signer accepts it; the same restore from a
/// registry without repository signing fails.
/// </summary>
[TestFixture]
public sealed class RepositorySigningTests
{
    private const string SignedServiceIndex = "https://registry.faros.test/v3/index.json";

    private TempDirectory _directory = null!;
    private TestCertificateAuthority _authority = null!;
    private TestCodeSigningCertificate _author = null!;
    private TestCodeSigningCertificate _repository = null!;
    private TrustingDotnetSdk _sdk = null!;
    private RegistryProcess _signing = null!;
    private RegistryProcess _plain = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _directory = new TempDirectory("repository-signing");
        _authority = new TestCertificateAuthority("Faros Test Root", _directory.Path);
        _author = _authority.Issue("Contoso Author");
        _repository = _authority.Issue("Faros Registry Repository");
        _sdk = new TrustingDotnetSdk(_authority.RootPemPath);
        var starting = RegistryProcess.StartAsync(new Dictionary<string, string>
        {
            ["RepositorySigning__CertificatePath"] = _repository.PfxPath,
            ["RepositorySigning__CertificatePassword"] = _repository.Password,
            ["RepositorySigning__ServiceIndexUrl"] = SignedServiceIndex,
        });
        _plain = await RegistryProcess.StartAsync();
        _signing = await starting;
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed && _signing is not null)
        {
            TestContext.Out.WriteLine(_signing.Output.ToString());
        }

        await (_signing?.DisposeAsync() ?? ValueTask.CompletedTask);
        await (_plain?.DisposeAsync() ?? ValueTask.CompletedTask);
        _sdk?.Dispose();
        _authority?.Dispose();
        _directory?.Dispose();
    }

    [Test]
    public async Task The_service_index_advertises_the_repository_certificate()
    {
        using var http = _signing.CreateClient();
        using var index = JsonDocument.Parse(await http.GetStringAsync("v3/index.json"));
        var resource = index.RootElement.GetProperty("resources").EnumerateArray()
            .Single(entry => entry.GetProperty("@type").GetString() == "RepositorySignatures/5.0.0");

        using var signatures = JsonDocument.Parse(await http.GetStringAsync(resource.GetProperty("@id").GetString()));
        var certificate = signatures.RootElement.GetProperty("signingCertificates").EnumerateArray().Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(signatures.RootElement.GetProperty("allRepositorySigned").GetBoolean(), Is.False);
            Assert.That(certificate.GetProperty("fingerprints").GetProperty("2.16.840.1.101.3.4.2.1").GetString(),
                Is.EqualTo(_repository.Sha256Fingerprint.ToLowerInvariant()));
            Assert.That(certificate.GetProperty("subject").GetString(), Does.Contain("CN=Faros Registry Repository"));
            Assert.That(certificate.GetProperty("issuer").GetString(), Does.Contain("CN=Faros Test Root"));
            Assert.That(certificate.GetProperty("notAfter").GetDateTimeOffset(), Is.EqualTo(new DateTimeOffset(_repository.Certificate.NotAfter.ToUniversalTime())).Within(TimeSpan.FromSeconds(1)));
            // NuGet insists on https for contentUrl, so it lies under the https URL the signatures name; this registry serves that path.
            var contentUrl = new Uri(certificate.GetProperty("contentUrl").GetString()!);
            Assert.That(contentUrl.GetLeftPart(UriPartial.Authority), Is.EqualTo("https://registry.faros.test"));
            Assert.That(await http.GetByteArrayAsync(contentUrl.AbsolutePath.TrimStart('/')), Is.EqualTo(_repository.Certificate.RawData));
        }

        using var plain = _plain.CreateClient();
        Assert.That(await plain.GetStringAsync("v3/index.json"), Does.Not.Contain("RepositorySignatures"));
    }

    [Test]
    public async Task An_author_signed_push_is_countersigned_and_restores_under_require_with_a_repository_trusted_signer()
    {
        using var cli = new DotnetCli("repository-signing") { DotnetPath = _sdk.DotnetPath };
        var package = TestPackages.Create(UniqueIds.For("AuthorSigned"), "1.0.0");
        var unsigned = package.WriteTo(cli.CreateWorkDirectory("unsigned"));
        var signedDirectory = cli.CreateWorkDirectory("signed");
        var sign = await cli.RunAsync("nuget", "sign", unsigned, "--certificate-path", _author.PfxPath, "--certificate-password", _author.Password, "--output", signedDirectory);
        Assert.That(sign.Succeeded, sign.ToString());
        var authorSigned = Path.Combine(signedDirectory, package.FileName);

        var push = await cli.RunAsync("nuget", "push", authorSigned, "--source", _signing.ServiceIndex.AbsoluteUri, "--api-key", _signing.BootstrapApiKey, "--allow-insecure-connections");
        Assert.That(push.Succeeded, push + Environment.NewLine + _signing.Output);

        var served = await DownloadAsync(_signing, package);
        var primary = await PrimarySignatureAsync(served);
        var countersignature = RepositoryCountersignature.GetRepositoryCountersignature(primary);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(primary.Type, Is.EqualTo(SignatureType.Author));
            Assert.That(primary.GetSigningCertificateFingerprint(NuGet.Common.HashAlgorithmName.SHA256), Is.EqualTo(_author.Sha256Fingerprint).IgnoreCase);
            Assert.That(countersignature, Is.Not.Null, "the registry adds a repository countersignature");
            Assert.That(countersignature!.GetSigningCertificateFingerprint(NuGet.Common.HashAlgorithmName.SHA256), Is.EqualTo(_repository.Sha256Fingerprint).IgnoreCase);
            Assert.That(countersignature.V3ServiceIndexUrl.AbsoluteUri, Is.EqualTo(SignedServiceIndex));
            Assert.That(await RegisteredHashAsync(_signing, package), Is.EqualTo(Sha512(served)), "registrations hash the signed bytes");
        }

        var byRepository = await VerifyAsync(served, NuGetTrustedSigner.Repository(_repository.Sha256Fingerprint));
        var byAuthor = await VerifyAsync(served, NuGetTrustedSigner.Author(_author.Sha256Fingerprint));
        var wrongRepository = await VerifyAsync(served, NuGetTrustedSigner.Repository(_author.Sha256Fingerprint));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(wrongRepository.Failure, Is.EqualTo(NuGetSignatureFailureReason.FingerprintNotAllowed), wrongRepository.ToString());
            Assert.That(wrongRepository.Message, Does.Contain("Faros Registry Repository"), "the failure reported is the repository signature's, the kind that is trusted");
            Assert.That(byRepository.Signer?.Kind, Is.EqualTo(NuGetSignerKind.Repository), byRepository.ToString());
            Assert.That(byRepository.Signer?.Sha256Fingerprint, Is.EqualTo(_repository.Sha256Fingerprint), byRepository.ToString());
            Assert.That(byAuthor.Signer?.Kind, Is.EqualTo(NuGetSignerKind.Author), byAuthor.ToString());
        }

        var servedPath = Path.Combine(cli.CreateWorkDirectory("served"), package.FileName);
        await File.WriteAllBytesAsync(servedPath, served);
        var verify = await cli.RunAsync("nuget", "verify", "--all", servedPath, "-v", "n");
        Assert.That(verify.Succeeded, verify.ToString());
        Assert.That(verify.Output, Does.Contain(_author.Sha256Fingerprint).And.Contain(_repository.Sha256Fingerprint), verify.ToString());

        var restore = await RestoreUnderRequireAsync(cli, _signing, package);
        Assert.That(restore.Succeeded, restore.ToString());
        Assert.That(RestoredHash(cli, package), Is.EqualTo(Sha512(served)), "restore extracted the countersigned bytes");

        // The same file with one byte of content flipped: the author signature no longer matches, and the registry will not vouch for it.
        var tampered = PackageTampering.FlipFirstContentByte(await File.ReadAllBytesAsync(authorSigned));
        using var http = _signing.CreateClient();
        using var refused = await new PackagePublishClient(http).PushAsync(tampered, _signing.BootstrapApiKey);
        var message = await refused.Content.ReadAsStringAsync();
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), message);
        Assert.That(message, Does.Contain("altered after its author signed it"));
    }

    [Test]
    public async Task An_unsigned_push_is_repository_signed_and_restores_under_require()
    {
        var package = TestPackages.Create(UniqueIds.For("Unsigned"), "1.0.0");
        using var http = _signing.CreateClient();
        await new PackagePublishClient(http).PushOrThrowAsync(package, _signing.BootstrapApiKey);

        var served = await DownloadAsync(_signing, package);
        var primary = await PrimarySignatureAsync(served);
        Assert.That(primary.Type, Is.EqualTo(SignatureType.Repository));
        Assert.That(primary.GetSigningCertificateFingerprint(NuGet.Common.HashAlgorithmName.SHA256), Is.EqualTo(_repository.Sha256Fingerprint).IgnoreCase);
        var verified = await VerifyAsync(served, NuGetTrustedSigner.Repository(_repository.Sha256Fingerprint));
        Assert.That(verified.Signer?.Kind, Is.EqualTo(NuGetSignerKind.Repository), verified.ToString());

        using var cli = new DotnetCli("repository-signing") { DotnetPath = _sdk.DotnetPath };
        var restore = await RestoreUnderRequireAsync(cli, _signing, package);
        Assert.That(restore.Succeeded, restore.ToString());

        using var distrusting = new DotnetCli("repository-signing") { DotnetPath = _sdk.DotnetPath };
        var refused = await RestoreUnderRequireAsync(distrusting, _signing, package, trustedRepositoryFingerprint: _author.Sha256Fingerprint);
        Assert.That(refused.Succeeded, Is.False, "a repository signer with another fingerprint is not trusted" + Environment.NewLine + refused);
        Assert.That(refused.Output, Does.Contain("NU3034"), refused.ToString());
    }

    [Test]
    public async Task Restore_under_require_fails_from_a_registry_without_repository_signing()
    {
        var package = TestPackages.Create(UniqueIds.For("NotRepositorySigned"), "1.0.0");
        using var http = _plain.CreateClient();
        await new PackagePublishClient(http).PushOrThrowAsync(package, _plain.BootstrapApiKey);

        using var cli = new DotnetCli("repository-signing") { DotnetPath = _sdk.DotnetPath };
        var restore = await RestoreUnderRequireAsync(cli, _plain, package);

        Assert.That(restore.Succeeded, Is.False, restore.ToString());
        // NU3004: the package is not signed, which signatureValidationMode=require refuses.
        Assert.That(restore.Output, Does.Contain("NU3004"), restore.ToString());
    }

    [Test]
    public async Task A_package_that_already_has_a_repository_signature_is_refused()
    {
        var package = TestPackages.Create(UniqueIds.For("Resigned"), "1.0.0");
        using var http = _signing.CreateClient();
        var publish = new PackagePublishClient(http);
        await publish.PushOrThrowAsync(package, _signing.BootstrapApiKey);
        var repositorySigned = await DownloadAsync(_signing, package);

        using var plain = _plain.CreateClient();
        using var elsewhere = await new PackagePublishClient(plain).PushAsync(repositorySigned, _plain.BootstrapApiKey);
        Assert.That(elsewhere.StatusCode, Is.EqualTo(HttpStatusCode.Created), "a registry that does not sign stores it as it is");

        using var again = await publish.PushAsync(repositorySigned, _signing.BootstrapApiKey);
        var message = await again.Content.ReadAsStringAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), message);
            Assert.That(message, Does.Contain("already carries a repository signature"));
        }
    }

    [Test]
    public async Task The_registry_refuses_to_start_with_an_unusable_repository_certificate()
    {
        var notCodeSigning = _authority.Issue("Faros TLS Only", codeSigning: false);

        var missing = await RunRegistryAsync(("RepositorySigning__CertificatePath", Path.Combine(_directory.Path, "missing.pfx")), ("RepositorySigning__ServiceIndexUrl", SignedServiceIndex));
        var wrongUsage = await RunRegistryAsync(("RepositorySigning__CertificatePath", notCodeSigning.PfxPath), ("RepositorySigning__CertificatePassword", notCodeSigning.Password),
            ("RepositorySigning__ServiceIndexUrl", SignedServiceIndex));
        var plainHttp = await RunRegistryAsync(("RepositorySigning__CertificatePath", _repository.PfxPath), ("RepositorySigning__CertificatePassword", _repository.Password),
            ("RepositorySigning__ServiceIndexUrl", "http://registry.faros.test/v3/index.json"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(missing.Succeeded, Is.False, missing.ToString());
            Assert.That(missing.Output, Does.Contain("RepositorySigning:CertificatePath").And.Contain("cannot be read"), missing.ToString());
            Assert.That(wrongUsage.Succeeded, Is.False, wrongUsage.ToString());
            Assert.That(wrongUsage.Output, Does.Contain("code-signing"), wrongUsage.ToString());
            Assert.That(plainHttp.Succeeded, Is.False, plainHttp.ToString());
            Assert.That(plainHttp.Output, Does.Contain("RepositorySigning:ServiceIndexUrl"), plainHttp.ToString());
        }
    }

    private async Task<ProcessResult> RunRegistryAsync(params (string Name, string Value)[] settings)
    {
        using var data = new TempDirectory("registry-bad-signing");
        var startInfo = new ProcessStartInfo(DotnetHost.Path) { WorkingDirectory = data.Path };
        startInfo.ArgumentList.Add(RegistryBinary.Locate());
        startInfo.ArgumentList.Add("--urls");
        startInfo.ArgumentList.Add($"http://127.0.0.1:{FreeTcpPort.Next()}");
        DotnetHost.Sanitize(startInfo);
        startInfo.Environment["FAROS_DATA_DIR"] = data.Path;
        foreach (var (name, value) in settings)
        {
            startInfo.Environment[name] = value;
        }

        return await ChildProcess.RunAsync(startInfo, TimeSpan.FromSeconds(60));
    }

    /// <summary>A restore that trusts only this test's repository certificate, whichever registry serves the package.</summary>
    private async Task<ProcessResult> RestoreUnderRequireAsync(DotnetCli cli, RegistryProcess registry, TestPackage package, string? trustedRepositoryFingerprint = null)
    {
        var project = cli.CreateWorkDirectory("consumer-" + package.LowerId);
        RequireModeConfig.Write(project, registry.ServiceIndex, SignedServiceIndex, trustedRepositoryFingerprint ?? _repository.Sha256Fingerprint);
        TestProject.Write(project, (package.Id, package.Version.ToNormalizedString()));
        return await cli.RunInAsync(project, ["restore"]);
    }

    /// <summary>Faros's own offline verifier, pinned to the test root, on what the registry served.</summary>
    private Task<NuGetSignatureResult> VerifyAsync(byte[] package, NuGetTrustedSigner signer) =>
        new NuGetSignatureVerifier().VerifyAsync(new MemoryStream(package), new NuGetTrust([_authority.Root], [signer]), CancellationToken.None);

    private static async Task<byte[]> DownloadAsync(RegistryProcess registry, TestPackage package)
    {
        using var http = registry.CreateClient();
        return await http.GetByteArrayAsync($"v3/package/{package.LowerId}/{package.LowerVersion}/{package.LowerId}.{package.LowerVersion}.nupkg");
    }

    private static async Task<string?> RegisteredHashAsync(RegistryProcess registry, TestPackage package)
    {
        using var http = registry.CreateClient();
        using var index = JsonDocument.Parse(await http.GetStringAsync($"v3/registration/{package.LowerId}/index.json"));
        return index.RootElement.GetProperty("items")[0].GetProperty("items")[0].GetProperty("catalogEntry").GetProperty("packageHash").GetString();
    }

    private static async Task<PrimarySignature> PrimarySignatureAsync(byte[] package)
    {
        using var reader = new PackageArchiveReader(new MemoryStream(package));
        Assert.That(await reader.IsSignedAsync(CancellationToken.None), Is.True, "the served package is signed");
        return (await reader.GetPrimarySignatureAsync(CancellationToken.None))!;
    }

    private static string? RestoredHash(DotnetCli cli, TestPackage package)
    {
        var path = Path.Combine(cli.PackagesFolder, package.LowerId, package.LowerVersion, $"{package.LowerId}.{package.LowerVersion}.nupkg.sha512");
        return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }

    private static string Sha512(byte[] content) => Convert.ToBase64String(SHA512.HashData(content));
}
