namespace Faros.Signing.Tests.NuGetSignatures;

/// <summary>
/// One package signed by the real `dotnet nuget sign` with an author certificate from a test CA, shared by the
/// tests of a fixture: signing runs the CLI once, about a second.
/// </summary>
public sealed class SignedPackageFixture : IDisposable
{
    private readonly TempDirectory _directory = new("nuget-signatures");

    private SignedPackageFixture()
    {
        Authority = new TestCertificateAuthority("Faros Test Root", _directory.Path);
        OtherAuthority = new TestCertificateAuthority("Other Root", _directory.Path);
        Author = Authority.Issue("Contoso Author");
        Sdk = new TrustingDotnetSdk(Authority.RootPemPath);
        Cli = new DotnetCli("nuget-sign") { DotnetPath = Sdk.DotnetPath };
        Package = TestPackages.Create("Contoso.Signed", "1.0.0");
        UnsignedPath = Package.WriteTo(Cli.WorkingDirectory);
    }

    public TestCertificateAuthority Authority { get; }

    public TestCertificateAuthority OtherAuthority { get; }

    public TestCodeSigningCertificate Author { get; }

    public TrustingDotnetSdk Sdk { get; }

    public DotnetCli Cli { get; }

    public TestPackage Package { get; }

    public string UnsignedPath { get; }

    public string SignedPath { get; private set; } = "";

    public ProcessResult SignResult { get; private set; } = null!;

    public static async Task<SignedPackageFixture> CreateAsync()
    {
        var fixture = new SignedPackageFixture();
        var output = fixture.Cli.CreateWorkDirectory("signed");
        // No --timestamper: the machine has no network, and NuGet then signs untimestamped (warning NU3002).
        fixture.SignResult = await fixture.Cli.RunAsync(
            "nuget", "sign", fixture.UnsignedPath,
            "--certificate-path", fixture.Author.PfxPath,
            "--certificate-password", fixture.Author.Password,
            "--output", output);
        fixture.SignedPath = Path.Combine(output, Path.GetFileName(fixture.UnsignedPath));
        return fixture;
    }

    public void Dispose()
    {
        Cli.Dispose();
        Sdk.Dispose();
        Authority.Dispose();
        OtherAuthority.Dispose();
        _directory.Dispose();
    }
}
