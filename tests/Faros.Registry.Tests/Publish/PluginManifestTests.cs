using System.Text.Json.Nodes;
using Faros.Registry.Tests.Infrastructure;

namespace Faros.Registry.Tests.Publish;

/// <summary>
/// FarosPlugin packages must carry a valid faros-plugin.json, checked at push with the SDK's validator; its
/// fields are then served as "faros" metadata and filter search by category, kind and side.
/// </summary>
[TestFixtureSource(typeof(RegistrySetup), nameof(RegistrySetup.All))]
public sealed class PluginManifestTests(RegistrySetup setup) : RegistryFixture(setup)
{
    [Test]
    public async Task A_plugin_without_a_manifest_is_refused_naming_the_file()
    {
        var package = TestPackages.Build(new TestPackageSpec(UniqueIds.For("NoManifest"), "1.0.0") { PackageTypes = ["FarosPlugin"], GeneratePluginManifest = false });

        using var response = await Publish.PushAsync(package, AdminKey);
        var problem = await ProblemResponse.ReadAsync(response);

        Assert.That(problem.Status, Is.EqualTo(400), problem.ToString());
        Assert.That(problem.Detail, Does.Contain("faros-plugin.json").And.Contain("Faros.Sdk"));
        Assert.That(await FeedJson.StatusAsync(Http, $"v3/package/{package.LowerId}/index.json"), Is.EqualTo(404));
    }

    [Test]
    public async Task A_manifest_with_defects_is_refused_with_each_defect_named()
    {
        var package = TestPackages.Build(new TestPackageSpec(UniqueIds.For("BadSide"), "1.0.0") { PackageTypes = ["FarosPlugin"], PluginSide = "edge" });

        using var response = await Publish.PushAsync(package, AdminKey);
        var problem = await ProblemResponse.ReadAsync(response);

        Assert.That(problem.Status, Is.EqualTo(400), problem.ToString());
        Assert.That(problem.Detail, Does.Contain("side").And.Contain("'edge'").And.Contain("device, hub, both"));
    }

    [Test]
    public async Task A_manifest_that_is_not_json_is_refused()
    {
        var package = TestPackages.Build(new TestPackageSpec(UniqueIds.For("Garbled"), "1.0.0")
        {
            PackageTypes = ["FarosPlugin"],
            Files = new Dictionary<string, byte[]> { ["faros-plugin.json"] = "{ not json"u8.ToArray(), ["lib/net10.0/TestPlugin.dll"] = [0x4d, 0x5a] },
        });

        using var response = await Publish.PushAsync(package, AdminKey);
        var problem = await ProblemResponse.ReadAsync(response);

        Assert.That(problem.Status, Is.EqualTo(400), problem.ToString());
        Assert.That(problem.Detail, Does.Contain("faros-plugin.json cannot be read"));
    }

    [Test]
    public async Task Manifest_fields_are_served_and_filter_search()
    {
        var word = UniqueIds.Word("pluginfilter");
        var network = TestPackages.Build(new TestPackageSpec(UniqueIds.For("Net"), "1.0.0")
        {
            Description = $"Tunnels {word}",
            PackageTypes = ["FarosPlugin"],
            PluginSide = "device",
            PluginCategory = "networking",
            PluginKinds = [("plugins.faros.sh", "v1alpha1", "Network")],
        });
        var monitor = TestPackages.Build(new TestPackageSpec(UniqueIds.For("Mon"), "1.0.0")
        {
            Description = $"Watches {word}",
            PackageTypes = ["FarosPlugin"],
            PluginSide = "hub",
            PluginCategory = "monitoring",
        });
        await PushAsync(network);
        await PushAsync(monitor);

        Assert.Multiple(async () =>
        {
            Assert.That(await IdsAsync($"q={word}&packageType=FarosPlugin"), Is.EquivalentTo(new[] { network.Id, monitor.Id }));
            Assert.That(await IdsAsync($"q={word}&category=networking"), Is.EqualTo(new[] { network.Id }));
            Assert.That(await IdsAsync($"q={word}&kind=Network"), Is.EqualTo(new[] { network.Id }));
            Assert.That(await IdsAsync($"q={word}&kind=plugins.faros.sh/v1alpha1/Network"), Is.EqualTo(new[] { network.Id }));
            Assert.That(await IdsAsync($"q={word}&side=hub"), Is.EqualTo(new[] { monitor.Id }));
            Assert.That(await FeedJson.StatusAsync(Http, $"v3/search?q={word}&side=edge"), Is.EqualTo(400));
        });

        var search = await FeedJson.GetAsync(Http, $"v3/search?q={word}&category=networking");
        var faros = search["data"]![0]!["faros"]!;
        Assert.That(faros["category"]!.GetValue<string>(), Is.EqualTo("networking"));
        Assert.That(faros["side"]!.GetValue<string>(), Is.EqualTo("device"));
        Assert.That(faros["sdkRange"]!.GetValue<string>(), Is.EqualTo("[1.0.0, 2.0.0)"));
        Assert.That(faros["kinds"]![0]!["kind"]!.GetValue<string>(), Is.EqualTo("Network"));

        var registration = await FeedJson.GetAsync(Http, $"v3/registration/{network.LowerId}/index.json");
        var entry = registration["items"]![0]!["items"]![0]!["catalogEntry"]!;
        Assert.That(entry["faros"]!["crds"]![0]!.GetValue<string>(), Is.EqualTo("crds/networks.plugins.faros.sh.yaml"));
    }

    private async Task<List<string>> IdsAsync(string query)
    {
        var search = await FeedJson.GetAsync(Http, "v3/search?" + query);
        return search["data"]!.AsArray().Select(hit => hit!["id"]!.GetValue<string>()).ToList();
    }
}
