using System.Text.Json;
using Faros.Sdk.Tests.Fixtures;
using Faros.Testing;

namespace Faros.Sdk.Tests.EndToEnd;

/// <summary>
/// The plugin author's path, against a real registry process: publish the SDK and templates, install the
/// template, generate Acme.Thermostat, build, test, pack, sign (`dotnet nuget sign` with a certificate from a CA made
/// here, which the registry's trust policy pins for Acme.*), push, and find it by search with a verified signer.
/// </summary>
[NonParallelizable]
public sealed class PluginPublishingEndToEndTests
{
    private RegistryProcess _registry = null!;
    private DotnetCli _cli = null!;
    private PackedSdk _packed = null!;
    private TempDirectory _signing = null!;
    private TestCertificateAuthority _authority = null!;
    private TestCodeSigningCertificate _author = null!;
    private TrustingDotnetSdk _trustingSdk = null!;

    [OneTimeSetUp]
    public async Task StartRegistry()
    {
        _packed = await PackedSdk.GetAsync();
        _signing = new TempDirectory("plugin-e2e-signing");
        _authority = new TestCertificateAuthority("Acme Test Root", _signing.Path);
        _author = _authority.Issue("Acme Plugins");
        _trustingSdk = new TrustingDotnetSdk(_authority.RootPemPath);
        // The registry refuses unsigned plugins: Acme.* must be author-signed with the Acme certificate.
        var policy = TestTrustPolicy.Write(_signing.Path, TestTrustPolicy.Document(
            TestTrustPolicy.Rule("[\"Acme.*\"]", "require", TestTrustPolicy.FingerprintSigner(_author.Sha256Fingerprint))));
        _registry = await RegistryProcess.StartAsync(new Dictionary<string, string> { [RegistryProcess.TrustPolicySetting] = policy });
        _cli = new DotnetCli("plugin-e2e") { Timeout = TimeSpan.FromMinutes(5) };
        PluginFeedConfig.Write(_cli.WorkingDirectory, _registry.ServiceIndex.AbsoluteUri);
    }

    [OneTimeTearDown]
    public async Task StopRegistry()
    {
        _cli.Dispose();
        await _registry.DisposeAsync();
        _trustingSdk.Dispose();
        _authority.Dispose();
        _signing.Dispose();
    }

    [Test]
    public async Task From_template_to_a_published_plugin_found_by_search()
    {
        var feed = _registry.ServiceIndex.AbsoluteUri;

        await Succeeds(_cli.RunAsync("nuget", "push", _packed.SdkPackage, "--source", feed, "--api-key", _registry.BootstrapApiKey));
        await Succeeds(_cli.RunAsync("nuget", "push", _packed.TemplatesPackage, "--source", feed, "--api-key", _registry.BootstrapApiKey));

        // DotnetCli points DOTNET_CLI_HOME at a temp home, so the template cache of the machine is untouched.
        // --force only because the test registry is plain http, which `dotnet new install` otherwise skips.
        await Succeeds(_cli.RunAsync("new", "install", $"Faros.Templates@{PackedSdk.Version}", "--add-source", feed, "--force"));
        await Succeeds(_cli.RunAsync("new", "faros-plugin", "-n", "Acme.Thermostat"));

        var plugin = Path.Combine(_cli.WorkingDirectory, "Acme.Thermostat");
        await Succeeds(_cli.RunInAsync(plugin, ["build", "-nologo"]));
        var test = await Succeeds(_cli.RunInAsync(plugin, ["test", "-nologo"]));
        Assert.That(test.Output, Does.Match(@"Passed!\s+-\s+Failed:\s+0, Passed:\s+3"));
        await Succeeds(_cli.RunInAsync(plugin, ["pack", "-nologo", "-o", "out"]));

        var nupkg = Path.Combine(plugin, "out", "Acme.Thermostat.0.1.0.nupkg");
        var unsignedPush = await _cli.RunAsync("nuget", "push", nupkg, "--source", feed, "--api-key", _registry.BootstrapApiKey);
        Assert.That(unsignedPush.Succeeded, Is.False, "the registry refuses an unsigned plugin" + Environment.NewLine + unsignedPush);
        Assert.That(unsignedPush.Output, Does.Contain("dotnet nuget sign"), unsignedPush.ToString());

        // `dotnet nuget sign` needs the test root in NuGet's trust bundle: a private view of the SDK holds it.
        using (var signing = new DotnetCli("plugin-e2e-sign") { DotnetPath = _trustingSdk.DotnetPath })
        {
            await Succeeds(signing.RunAsync("nuget", "sign", nupkg, "--certificate-path", _author.PfxPath, "--certificate-password", _author.Password, "--overwrite"));
        }

        await Succeeds(_cli.RunAsync("nuget", "push", nupkg, "--source", feed, "--api-key", _registry.BootstrapApiKey));

        var search = await Succeeds(_cli.RunAsync("package", "search", "Acme", "--source", feed, "--format", "json"));
        Assert.That(search.StandardOutput, Does.Contain("\"Acme.Thermostat\""), search.ToString());

        // `dotnet package search` has no package-type filter; the registry's search endpoint does.
        Assert.That(await SearchIdsAsync("Acme", "FarosPlugin"), Does.Contain("Acme.Thermostat"));
        Assert.That(await SearchIdsAsync("Faros", "FarosPlugin"), Does.Not.Contain("Faros.Sdk").And.Not.Contain("Faros.Templates"));
        Assert.That(await SearchIdsAsync("Faros", "Template"), Does.Contain("Faros.Templates"));

        using var http = _registry.CreateClient();
        using var verified = JsonDocument.Parse(await http.GetStringAsync("v3/search?q=Acme&packageType=FarosPlugin&verified=true"));
        var signer = verified.RootElement.GetProperty("data").EnumerateArray().Single().GetProperty("signer");
        Assert.That(signer.GetProperty("identity").GetString(), Does.Contain("CN=Acme Plugins"));
        Assert.That(signer.GetProperty("verified").GetBoolean(), Is.True);
    }

    private async Task<IReadOnlyList<string>> SearchIdsAsync(string query, string packageType)
    {
        using var http = _registry.CreateClient();
        using var index = JsonDocument.Parse(await http.GetStringAsync(_registry.ServiceIndex));
        var searchUrl = index.RootElement.GetProperty("resources").EnumerateArray()
            .First(r => r.GetProperty("@type").GetString()!.StartsWith("SearchQueryService", StringComparison.Ordinal))
            .GetProperty("@id").GetString();
        using var results = JsonDocument.Parse(await http.GetStringAsync($"{searchUrl}?q={Uri.EscapeDataString(query)}&packageType={packageType}&prerelease=true"));
        return results.RootElement.GetProperty("data").EnumerateArray().Select(d => d.GetProperty("id").GetString()!).ToArray();
    }

    private async Task<ProcessResult> Succeeds(Task<ProcessResult> run)
    {
        var result = await run;
        Assert.That(result.Succeeded, Is.True, $"{result}{Environment.NewLine}Registry output:{Environment.NewLine}{_registry.Output}");
        return result;
    }
}
