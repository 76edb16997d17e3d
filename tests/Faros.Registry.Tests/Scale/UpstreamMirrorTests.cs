using Faros.Registry.Tests.Infrastructure;
using System.Net;
using System.Text.Json;

namespace Faros.Registry.Tests.Scale;

/// <summary>A registry reads through to an upstream v3 feed (a second registry here) for the ids configured for it.</summary>
[TestFixture]
public sealed class UpstreamMirrorTests
{
    [Test]
    public async Task Versions_merge_a_fetched_package_is_kept_and_search_includes_the_upstream()
    {
        var upstream = await RegistryProcess.StartAsync();
        using var upstreamClient = upstream.CreateClient();
        var word = UniqueIds.Word("upstream");
        var prefix = UniqueIds.For("Mirror");
        var remoteV1 = TestPackages.Build(new TestPackageSpec(prefix + ".Lib", "1.0.0") { Description = $"Remote {word}" });
        var remoteV2 = TestPackages.Build(new TestPackageSpec(prefix + ".Lib", "2.0.0") { Description = $"Remote {word}" });
        await new PackagePublishClient(upstreamClient).PushOrThrowAsync(remoteV1, upstream.BootstrapApiKey);
        await new PackagePublishClient(upstreamClient).PushOrThrowAsync(remoteV2, upstream.BootstrapApiKey);

        await using var mirror = await RegistryProcess.StartAsync(new Dictionary<string, string>
        {
            ["Upstream__Sources__0__Name"] = "upstream",
            ["Upstream__Sources__0__ServiceIndex"] = upstream.ServiceIndex.ToString(),
            ["Upstream__Sources__0__Ids__0"] = prefix + ".*",
            ["Upstream__Sources__0__IncludeInSearch"] = "true",
        });
        using var client = mirror.CreateClient();

        // A local version of the same id joins the upstream's in one list.
        var local = TestPackages.Create(remoteV1.Id, "3.0.0-local");
        await new PackagePublishClient(client).PushOrThrowAsync(local, mirror.BootstrapApiKey);
        using (var versions = JsonDocument.Parse(await client.GetStringAsync($"v3/package/{remoteV1.LowerId}/index.json")))
        {
            Assert.That(versions.RootElement.GetProperty("versions").EnumerateArray().Select(v => v.GetString()),
                Is.EqualTo(new[] { "1.0.0", "2.0.0", "3.0.0-local" }));
        }

        using (var search = JsonDocument.Parse(await client.GetStringAsync($"v3/search?q={word}")))
        {
            Assert.That(search.RootElement.GetProperty("data").EnumerateArray().Select(hit => hit.GetProperty("id").GetString()), Does.Contain(remoteV1.Id));
        }

        var fetched = await client.GetByteArrayAsync($"v3/package/{remoteV1.LowerId}/1.0.0/{remoteV1.LowerId}.1.0.0.nupkg");
        Assert.That(fetched, Is.EqualTo(remoteV1.Content));

        // Once fetched it is kept: with the upstream gone it is still served, and ids outside the pattern never reach out.
        await upstream.DisposeAsync();
        Assert.That(await client.GetByteArrayAsync($"v3/package/{remoteV1.LowerId}/1.0.0/{remoteV1.LowerId}.1.0.0.nupkg"), Is.EqualTo(remoteV1.Content));
        using var never = await client.GetAsync($"v3/package/{remoteV1.LowerId}/2.0.0/{remoteV1.LowerId}.2.0.0.nupkg");
        Assert.That(never.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "2.0.0 was never fetched, and the upstream is gone");
    }
}
