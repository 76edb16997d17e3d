using System.Text.Json;
using Faros.Sdk.Tests.Fixtures;
using Faros.Testing;

namespace Faros.Sdk.Tests.EndToEnd;

/// <summary>
/// The plugin author's path, against a real registry process: publish the SDK and templates, install the
/// template, generate Acme.Thermostat, build, test, pack, push, and find it by search.
/// </summary>
[NonParallelizable]
public sealed class PluginPublishingEndToEndTests
{
    private RegistryProcess _registry = null!;
    private DotnetCli _cli = null!;
    private PackedSdk _packed = null!;

    [OneTimeSetUp]
    public async Task StartRegistry()
    {
        _packed = await PackedSdk.GetAsync();
        _registry = await RegistryProcess.StartAsync();
        _cli = new DotnetCli("plugin-e2e") { Timeout = TimeSpan.FromMinutes(5) };
        PluginFeedConfig.Write(_cli.WorkingDirectory, _registry.ServiceIndex.AbsoluteUri);
    }

    [OneTimeTearDown]
    public async Task StopRegistry()
    {
        _cli.Dispose();
        await _registry.DisposeAsync();
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
        await Succeeds(_cli.RunAsync("nuget", "push", nupkg, "--source", feed, "--api-key", _registry.BootstrapApiKey));

        var search = await Succeeds(_cli.RunAsync("package", "search", "Acme", "--source", feed, "--format", "json"));
        Assert.That(search.StandardOutput, Does.Contain("\"Acme.Thermostat\""), search.ToString());

        // `dotnet package search` has no package-type filter; the registry's search endpoint does.
        Assert.That(await SearchIdsAsync("Acme", "FarosPlugin"), Does.Contain("Acme.Thermostat"));
        Assert.That(await SearchIdsAsync("Faros", "FarosPlugin"), Does.Not.Contain("Faros.Sdk").And.Not.Contain("Faros.Templates"));
        Assert.That(await SearchIdsAsync("Faros", "Template"), Does.Contain("Faros.Templates"));
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
