using System.Xml.Linq;
using Faros.Signing.NuGetSignatures;

namespace Faros.Signing.Tests.NuGetSignatures;

/// <summary>
/// `dotnet nuget sign` with a certificate from a CA made in the test, then `dotnet nuget verify --all`, and our
/// offline <see cref="NuGetSignatureVerifier"/> on the same bytes: it accepts the package for the pinned root and
/// refuses it, each time with its own reason, for another root, another fingerprint, a flipped byte, an expired
/// certificate, and no signature at all.
/// </summary>
[TestFixture]
public sealed class NuGetSignatureRoundTripTests
{
    private SignedPackageFixture _fixture = null!;

    [OneTimeSetUp]
    public async Task SignAsync()
    {
        _fixture = await SignedPackageFixture.CreateAsync();
        Assert.That(_fixture.SignResult.Succeeded, _fixture.SignResult.ToString());
    }

    [OneTimeTearDown]
    public void Cleanup() => _fixture.Dispose();

    [Test]
    public async Task Dotnet_nuget_verify_all_accepts_the_author_signature_and_names_its_fingerprint()
    {
        var config = WriteTrustedSignersConfig(_fixture.Cli.WorkingDirectory, _fixture.Author.Sha256Fingerprint);

        var result = await _fixture.Cli.RunAsync("nuget", "verify", "--all", _fixture.SignedPath, "--configfile", config, "-v", "n");

        Assert.That(result.Succeeded, result.ToString());
        Assert.That(result.Output, Does.Contain(_fixture.Author.Sha256Fingerprint).And.Contain("Contoso Author"), result.ToString());
    }

    [Test]
    public async Task Dotnet_nuget_verify_refuses_a_signer_outside_the_pinned_fingerprints()
    {
        var result = await _fixture.Cli.RunAsync("nuget", "verify", "--all", _fixture.SignedPath,
            "--certificate-fingerprint", _fixture.OtherAuthority.RootSha256Fingerprint);

        Assert.That(result.Succeeded, Is.False, result.ToString());
        Assert.That(result.Output, Does.Contain("NU3034"), result.ToString());
    }

    [Test]
    public async Task Verifier_accepts_the_package_signed_by_the_cli_for_the_pinned_root()
    {
        var result = await VerifyAsync(await File.ReadAllBytesAsync(_fixture.SignedPath), Trust(_fixture.Authority, NuGetTrustedSigner.Author()));

        Assert.That(result.IsVerified, result.ToString());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Signer!.Kind, Is.EqualTo(NuGetSignerKind.Author));
            Assert.That(result.Signer.Subject, Does.Contain("CN=Contoso Author"));
            Assert.That(result.Signer.Sha256Fingerprint, Is.EqualTo(_fixture.Author.Sha256Fingerprint));
        }
    }

    [Test]
    public async Task Verifier_accepts_a_pinned_signer_fingerprint_or_the_root_fingerprint()
    {
        var bytes = await File.ReadAllBytesAsync(_fixture.SignedPath);

        var byLeaf = await VerifyAsync(bytes, Trust(_fixture.Authority, NuGetTrustedSigner.Author(_fixture.Author.Sha256Fingerprint.ToLowerInvariant())));
        var byRoot = await VerifyAsync(bytes, Trust(_fixture.Authority, NuGetTrustedSigner.Author(_fixture.Authority.RootSha256Fingerprint)));

        Assert.That(byLeaf.IsVerified, byLeaf.ToString());
        Assert.That(byRoot.IsVerified, byRoot.ToString());
    }

    [Test]
    public async Task Verifier_refuses_another_root()
    {
        var result = await VerifyAsync(await File.ReadAllBytesAsync(_fixture.SignedPath), Trust(_fixture.OtherAuthority, NuGetTrustedSigner.Author()));

        Assert.That(result.Failure, Is.EqualTo(NuGetSignatureFailureReason.UntrustedRoot), result.ToString());
    }

    [Test]
    public async Task Verifier_refuses_a_fingerprint_that_is_not_pinned_and_a_kind_that_is_not_trusted()
    {
        var bytes = await File.ReadAllBytesAsync(_fixture.SignedPath);

        var otherFingerprint = await VerifyAsync(bytes, Trust(_fixture.Authority, NuGetTrustedSigner.Author(_fixture.OtherAuthority.RootSha256Fingerprint)));
        var repositoryOnly = await VerifyAsync(bytes, Trust(_fixture.Authority, NuGetTrustedSigner.Repository()));

        Assert.That(otherFingerprint.Failure, Is.EqualTo(NuGetSignatureFailureReason.FingerprintNotAllowed), otherFingerprint.ToString());
        Assert.That(repositoryOnly.Failure, Is.EqualTo(NuGetSignatureFailureReason.FingerprintNotAllowed), repositoryOnly.ToString());
    }

    [Test]
    public async Task Verifier_refuses_a_package_with_a_flipped_byte()
    {
        var bytes = PackageTampering.FlipFirstContentByte(await File.ReadAllBytesAsync(_fixture.SignedPath));

        var result = await VerifyAsync(bytes, Trust(_fixture.Authority, NuGetTrustedSigner.Author()));

        Assert.That(result.Failure, Is.EqualTo(NuGetSignatureFailureReason.IntegrityFailed), result.ToString());
    }

    [Test]
    public async Task Verifier_refuses_a_signature_with_a_flipped_byte()
    {
        var bytes = PackageTampering.FlipSignatureByte(await File.ReadAllBytesAsync(_fixture.SignedPath));

        var result = await VerifyAsync(bytes, Trust(_fixture.Authority, NuGetTrustedSigner.Author()));

        Assert.That(result.Failure, Is.EqualTo(NuGetSignatureFailureReason.InvalidSignature), result.ToString());
    }

    [Test]
    public async Task Verifier_refuses_bytes_that_are_not_a_package()
    {
        var result = await VerifyAsync(System.Text.Encoding.UTF8.GetBytes("not a zip at all"), Trust(_fixture.Authority, NuGetTrustedSigner.Author()));

        Assert.That(result.Failure, Is.EqualTo(NuGetSignatureFailureReason.Malformed), result.ToString());
    }

    [Test]
    public async Task Verifier_refuses_an_unsigned_package()
    {
        var result = await VerifyAsync(_fixture.Package.Content, Trust(_fixture.Authority, NuGetTrustedSigner.Author()));

        Assert.That(result.Failure, Is.EqualTo(NuGetSignatureFailureReason.NotSigned), result.ToString());
    }

    [Test]
    public async Task Verifier_refuses_an_untimestamped_signature_once_the_certificate_expired()
    {
        var afterExpiry = new FixedTime(_fixture.Author.Certificate.NotAfter.ToUniversalTime().AddHours(1));
        var verifier = new NuGetSignatureVerifier(afterExpiry);

        var result = await verifier.VerifyAsync(new MemoryStream(await File.ReadAllBytesAsync(_fixture.SignedPath)),
            Trust(_fixture.Authority, NuGetTrustedSigner.Author()), CancellationToken.None);

        Assert.That(result.Failure, Is.EqualTo(NuGetSignatureFailureReason.CertificateExpired), result.ToString());
    }

    [Test]
    public async Task Verifier_reads_a_stream_that_cannot_seek()
    {
        var result = await new NuGetSignatureVerifier().VerifyAsync(new ForwardOnlyStream(await File.ReadAllBytesAsync(_fixture.SignedPath)),
            Trust(_fixture.Authority, NuGetTrustedSigner.Author()), CancellationToken.None);

        Assert.That(result.IsVerified, result.ToString());
    }

    private static Task<NuGetSignatureResult> VerifyAsync(byte[] package, NuGetTrust trust) =>
        new NuGetSignatureVerifier().VerifyAsync(new MemoryStream(package), trust, CancellationToken.None);

    private static NuGetTrust Trust(TestCertificateAuthority authority, params NuGetTrustedSigner[] signers) => new([authority.Root], signers);

    private static string WriteTrustedSignersConfig(string directory, string authorFingerprint)
    {
        var path = Path.Combine(directory, "verify.config");
        new XDocument(new XElement("configuration",
            new XElement("trustedSigners",
                new XElement("author", new XAttribute("name", "contoso"),
                    new XElement("certificate",
                        new XAttribute("fingerprint", authorFingerprint),
                        new XAttribute("hashAlgorithm", "SHA256"),
                        new XAttribute("allowUntrustedRoot", "false")))))).Save(path);
        return path;
    }


    private sealed class ForwardOnlyStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
    }
}
