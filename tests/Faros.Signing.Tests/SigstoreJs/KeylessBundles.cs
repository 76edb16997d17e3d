namespace Faros.Signing.Tests.SigstoreJs;

/// <summary>
/// Keyless bundles made once per test run by sigstore-js against @sigstore/mock's Fulcio, Rekor and TSA on
/// loopback, with the trusted root those mock services yield.
/// </summary>
internal sealed record KeylessBundles(byte[] Package, byte[] Bundle, byte[] BundleWithTimestamp, byte[] TrustedRoot, byte[] TrustedRootWithTimestamp)
{
    public const string Issuer = "https://token.actions.githubusercontent.com";
    public const string Subject = "https://github.com/contoso/thermostat/.github/workflows/release.yml@refs/heads/main";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static KeylessBundles? _made;

    public static async Task<KeylessBundles> GetAsync()
    {
        NodeScripts.RequireInstalled();
        await Gate.WaitAsync();
        try
        {
            return _made ??= await MakeAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<KeylessBundles> MakeAsync()
    {
        using var directory = new TempDirectory("sigstore-js");
        var package = new byte[4096];
        Random.Shared.NextBytes(package);
        var packagePath = Path.Combine(directory.Path, "Contoso.Thermostat.1.0.0.nupkg");
        await File.WriteAllBytesAsync(packagePath, package);

        var plain = directory.Sub("plain");
        var stamped = directory.Sub("stamped");
        var results = await Task.WhenAll(
            NodeScripts.RunAsync("sign-keyless.cjs", packagePath, plain, Issuer, Subject),
            NodeScripts.RunAsync("sign-keyless.cjs", packagePath, stamped, Issuer, Subject, "--tsa"));
        foreach (var result in results)
        {
            Assert.That(result.Succeeded, Is.True, result.ToString());
        }

        return new KeylessBundles(
            package,
            await File.ReadAllBytesAsync(Path.Combine(plain, "bundle.json")),
            await File.ReadAllBytesAsync(Path.Combine(stamped, "bundle.json")),
            await File.ReadAllBytesAsync(Path.Combine(plain, "trusted_root.json")),
            await File.ReadAllBytesAsync(Path.Combine(stamped, "trusted_root.json")));
    }
}
