using Faros.Registry.Tests.Infrastructure;
using System.Net;
using System.Text.Json;

namespace Faros.Registry.Tests.Scale;

/// <summary>`Faros.Registry migrate --from` moves an embedded registry to PostgreSQL and Azure Blob, and can be re-run.</summary>
[TestFixture]
public sealed class MigrateCommandTests
{
    [Test]
    public async Task Migration_copies_packages_listing_state_and_downloads_and_is_safe_to_rerun()
    {
        await using var embedded = await RegistryProcess.StartAsync(new Dictionary<string, string> { ["Registry__DownloadFlushInterval"] = "00:00:00.200" });
        using var embeddedClient = embedded.CreateClient();
        var publish = new PackagePublishClient(embeddedClient);
        var word = UniqueIds.Word("migrated");
        var tool = TestPackages.Build(new TestPackageSpec(UniqueIds.For("Migrated.Tool"), "1.0.0") { Description = $"Tool {word}", Readme = "# Migrated readme" });
        var libraryV1 = TestPackages.Create(UniqueIds.For("Migrated.Library"), "1.0.0");
        var libraryV2 = TestPackages.Create(libraryV1.Id, "2.0.0");
        var plugin = TestPackages.Build(new TestPackageSpec(UniqueIds.For("Migrated.Plugin"), "1.0.0") { PackageTypes = ["FarosPlugin"] });
        foreach (var package in new[] { tool, libraryV1, libraryV2, plugin })
        {
            await publish.PushOrThrowAsync(package, embedded.BootstrapApiKey);
        }

        using (var unlisted = await publish.UnlistAsync(libraryV2.Id, "2.0.0", embedded.BootstrapApiKey))
        {
            Assert.That(unlisted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        for (var download = 0; download < 3; download++)
        {
            await embeddedClient.GetByteArrayAsync($"v3/package/{tool.LowerId}/1.0.0/{tool.LowerId}.1.0.0.nupkg");
        }

        await Eventually.ReturnsAsync(() => TotalDownloadsAsync(embeddedClient, word), downloads => downloads == 3, TimeSpan.FromSeconds(10));

        var target = await ScaleServices.NewRegistryConfigurationAsync();
        var admin = new RegistryAdmin(RegistryBinary.Locate(), target);
        var first = await admin.RunAsync("migrate", "--from", embedded.DataDirectory);
        Assert.That(first.Succeeded, first.ToString());
        Assert.That(first.StandardError, Does.Contain("[1/4]").And.Contain("[4/4]").And.Contain("copied"), "progress is shown per package");
        Assert.That(first.LastOutputLine, Does.StartWith("Migrated 4 package versions"));

        var again = await admin.RunAsync("migrate", "--from", embedded.DataDirectory);
        Assert.That(again.Succeeded, again.ToString());
        Assert.That(again.LastOutputLine, Does.StartWith("Migrated 0 package versions; 4 were already there"));

        await using var scaled = await RegistryProcess.StartAsync(target);
        using var client = scaled.CreateClient();
        Assert.That(await client.GetStringAsync($"v3/package/{libraryV1.LowerId}/index.json"), Does.Contain("\"1.0.0\"").And.Contain("\"2.0.0\""));
        using (var leaf = JsonDocument.Parse(await client.GetStringAsync($"v3/registration/{libraryV1.LowerId}/index.json")))
        {
            var listed = leaf.RootElement.GetProperty("items")[0].GetProperty("items").EnumerateArray()
                .ToDictionary(item => item.GetProperty("catalogEntry").GetProperty("version").GetString()!, item => item.GetProperty("catalogEntry").GetProperty("listed").GetBoolean());
            Assert.That(listed, Is.EqualTo(new Dictionary<string, bool> { ["1.0.0"] = true, ["2.0.0"] = false }));
        }

        Assert.That(await TotalDownloadsAsync(client, word), Is.EqualTo(3));
        Assert.That(await client.GetStringAsync($"v3/package/{tool.LowerId}/1.0.0/readme"), Is.EqualTo("# Migrated readme"));
        var bundlePath = $"v3/package/{plugin.LowerId}/1.0.0/{plugin.LowerId}.1.0.0.sigstore.json";
        Assert.That(await client.GetByteArrayAsync(bundlePath), Is.EqualTo(await embeddedClient.GetByteArrayAsync(bundlePath)), "the Sigstore bundle moves with its package");
        using (var registration = JsonDocument.Parse(await client.GetStringAsync($"v3/registration/{plugin.LowerId}/index.json")))
        {
            var signer = registration.RootElement.GetProperty("items")[0].GetProperty("items")[0].GetProperty("catalogEntry").GetProperty("signer");
            Assert.That(signer.GetProperty("verified").GetBoolean(), Is.True, "the signer recorded at push moves too");
            Assert.That(signer.GetProperty("kind").GetString(), Is.EqualTo("sigstore"));
        }
        Assert.That(await client.GetByteArrayAsync($"v3/package/{tool.LowerId}/1.0.0/{tool.LowerId}.1.0.0.nupkg"), Is.EqualTo(tool.Content));

        // The embedded bootstrap key came along: it can still publish on the new setup.
        using var pushed = await new PackagePublishClient(client).PushAsync(TestPackages.Create(tool.Id, "1.1.0"), embedded.BootstrapApiKey);
        Assert.That(pushed.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    private static async Task<long> TotalDownloadsAsync(HttpClient client, string word)
    {
        using var document = JsonDocument.Parse(await client.GetStringAsync($"v3/search?q={word}"));
        var hits = document.RootElement.GetProperty("data");
        return hits.GetArrayLength() == 0 ? -1 : hits[0].GetProperty("totalDownloads").GetInt64();
    }
}
