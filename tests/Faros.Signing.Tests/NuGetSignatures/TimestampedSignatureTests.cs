using Faros.Signing.NuGetSignatures;

namespace Faros.Signing.Tests.NuGetSignatures;

/// <summary>
/// `dotnet nuget sign --timestamper` against an RFC 3161 authority on loopback: a trusted timestamp keeps the author
/// signature valid after the certificate expires, and an untrusted one is ignored, so the same signature then fails.
/// </summary>
[TestFixture]
public sealed class TimestampedSignatureTests
{
    private SignedPackageFixture _fixture = null!;
    private byte[] _signed = [];

    [OneTimeSetUp]
    public async Task SignAsync()
    {
        _fixture = await SignedPackageFixture.CreateAsync(timestamped: true);
        Assert.That(_fixture.SignResult.Succeeded, _fixture.SignResult + string.Join(Environment.NewLine, _fixture.TimestampAuthority!.Failures));
        Assert.That(_fixture.TimestampAuthority!.Issued, Has.Count.EqualTo(1), "the CLI asked the timestamp authority once");
        _signed = await File.ReadAllBytesAsync(_fixture.SignedPath);
    }

    [OneTimeTearDown]
    public void Cleanup() => _fixture.Dispose();

    [Test]
    public async Task Dotnet_nuget_verify_all_accepts_the_timestamped_signature()
    {
        var result = await _fixture.Cli.RunAsync("nuget", "verify", "--all", _fixture.SignedPath, "-v", "n");

        Assert.That(result.Succeeded, result.ToString());
        Assert.That(result.Output, Does.Contain("Faros Test TSA"), result.ToString());
    }

    [Test]
    public async Task A_trusted_timestamp_keeps_the_signature_valid_after_the_certificate_expires()
    {
        var result = await AfterExpiry().VerifyAsync(new MemoryStream(_signed),
            new NuGetTrust([_fixture.Authority.Root, _fixture.OtherAuthority.Root], [NuGetTrustedSigner.Author(_fixture.Author.Sha256Fingerprint)]),
            CancellationToken.None);

        Assert.That(result.IsVerified, result.ToString());
        Assert.That(result.Signer!.SigningTime, Is.EqualTo(_fixture.TimestampAuthority!.Issued[0]).Within(TimeSpan.FromSeconds(1)), "the signing time is the timestamp's");
    }

    [Test]
    public async Task A_timestamp_from_an_authority_outside_the_pinned_roots_is_ignored()
    {
        var trust = new NuGetTrust([_fixture.Authority.Root], [NuGetTrustedSigner.Author(_fixture.Author.Sha256Fingerprint)]);

        var now = await new NuGetSignatureVerifier().VerifyAsync(new MemoryStream(_signed), trust, CancellationToken.None);
        var later = await AfterExpiry().VerifyAsync(new MemoryStream(_signed), trust, CancellationToken.None);

        Assert.That(now.IsVerified, now.ToString());
        Assert.That(later.Failure, Is.EqualTo(NuGetSignatureFailureReason.CertificateExpired), later.ToString());
    }

    private NuGetSignatureVerifier AfterExpiry() => new(new FixedTime(_fixture.Author.Certificate.NotAfter.ToUniversalTime().AddDays(2)));
}
