namespace Faros.Signing.Tests.NuGetSignatures;

/// <summary>
/// One package signed by the real `dotnet nuget sign` with an author certificate from a test CA, shared by the
/// tests of a fixture: signing runs the CLI once, about a second. When timestamped, the timestamp authority's
/// certificate comes from the other CA, so that a verifier can trust the author's chain and not the timestamp's.
/// </summary>
public sealed class SignedPackageFixture : IDisposable
{
    private readonly TempDirectory _directory = new("nuget-signatures");

    private SignedPackageFixture(bool timestamped)
    {
        Authority = new TestCertificateAuthority("Faros Test Root", _directory.Path);
        OtherAuthority = new TestCertificateAuthority("Other Root", _directory.Path);
        Author = Authority.Issue("Contoso Author");
        if (timestamped)
        {
            TimestampAuthority = new TestTimestampAuthority(OtherAuthority.IssueTimestampAuthority("Faros Test TSA"), OtherAuthority.Root);
        }

        Sdk = new TrustingDotnetSdk(Authority.RootPemPath, OtherAuthority.RootPemPath);
        Cli = new DotnetCli("nuget-sign") { DotnetPath = Sdk.DotnetPath };
        Package = TestPackages.Create("Contoso.Signed", "1.0.0");
        UnsignedPath = Package.WriteTo(Cli.WorkingDirectory);
    }

    public TestCertificateAuthority Authority { get; }

    public TestCertificateAuthority OtherAuthority { get; }

    public TestCodeSigningCertificate Author { get; }

    public TestTimestampAuthority? TimestampAuthority { get; }

    public TrustingDotnetSdk Sdk { get; }

    public DotnetCli Cli { get; }

    public TestPackage Package { get; }

    public string UnsignedPath { get; }

    public string SignedPath { get; private set; } = "";

    public ProcessResult SignResult { get; private set; } = null!;

    public static async Task<SignedPackageFixture> CreateAsync(bool timestamped = false)
    {
        var fixture = new SignedPackageFixture(timestamped);
        var output = fixture.Cli.CreateWorkDirectory("signed");
        List<string> arguments =
        [
            "nuget", "sign", fixture.UnsignedPath,
            "--certificate-path", fixture.Author.PfxPath,
            "--certificate-password", fixture.Author.Password,
            "--output", output,
        ];
        // Without --timestamper NuGet signs untimestamped (warning NU3002).
        if (fixture.TimestampAuthority is { } timestamper)
        {
            arguments.AddRange(["--timestamper", timestamper.Url.AbsoluteUri]);
        }

        fixture.SignResult = await fixture.Cli.RunAsync([.. arguments]);
        fixture.SignedPath = Path.Combine(output, Path.GetFileName(fixture.UnsignedPath));
        return fixture;
    }

    public void Dispose()
    {
        Cli.Dispose();
        Sdk.Dispose();
        TimestampAuthority?.Dispose();
        Authority.Dispose();
        OtherAuthority.Dispose();
        _directory.Dispose();
    }
}
