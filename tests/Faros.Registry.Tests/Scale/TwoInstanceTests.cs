using Faros.Registry.Tests.Infrastructure;
using System.Net;
using System.Text.Json;

namespace Faros.Registry.Tests.Scale;

/// <summary>Two stateless registry instances share one PostgreSQL and one Azurite: what one accepts, the other serves.</summary>
[TestFixture]
public sealed class TwoInstanceTests
{
    private SharedStateRegistries registries = null!;
    private HttpClient first = null!;
    private HttpClient second = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        registries = await SharedStateRegistries.StartAsync();
        first = registries.First.CreateClient();
        second = registries.Second.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        first?.Dispose();
        second?.Dispose();
        if (registries is not null)
        {
            await registries.DisposeAsync();
        }
    }

    [Test]
    public async Task A_package_pushed_through_one_instance_is_restorable_and_searchable_through_the_other()
    {
        var word = UniqueIds.Word("twoinstance");
        var package = TestPackages.Build(new TestPackageSpec(UniqueIds.For("Shared"), "1.0.0") { Description = $"Shared state {word}" });

        // Read first, so the second instance has cached "not there" answers that the push must invalidate.
        using (var before = await second.GetAsync($"v3/package/{package.LowerId}/index.json"))
        {
            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }

        Assert.That(await SearchHitsAsync(second, word), Is.Empty);

        using (var pushed = await new PackagePublishClient(first).PushAsync(package, registries.First.BootstrapApiKey))
        {
            Assert.That(pushed.StatusCode, Is.EqualTo(HttpStatusCode.Created), await pushed.Content.ReadAsStringAsync());
        }

        var versions = await Eventually.ReturnsAsync(
            async () => await second.GetStringAsync($"v3/package/{package.LowerId}/index.json").ContinueWith(task => task.IsCompletedSuccessfully ? task.Result : ""),
            body => body.Contains("1.0.0", StringComparison.Ordinal));
        Assert.That(versions, Does.Contain("\"1.0.0\""));

        var bytes = await second.GetByteArrayAsync($"v3/package/{package.LowerId}/1.0.0/{package.LowerId}.1.0.0.nupkg");
        Assert.That(bytes, Is.EqualTo(package.Content));

        var hits = await Eventually.ReturnsAsync(() => SearchHitsAsync(second, word), found => found.Count == 1);
        Assert.That(hits, Is.EqualTo(new[] { package.Id }));
    }

    [Test]
    public async Task Concurrent_pushes_of_one_version_across_both_instances_store_exactly_one_copy()
    {
        var package = TestPackages.Create(UniqueIds.For("Race"), "2.0.0");
        var pushes = Enumerable.Range(0, 20).Select(async index =>
        {
            var (client, key) = index % 2 == 0 ? (first, registries.First.BootstrapApiKey) : (second, registries.Second.BootstrapApiKey);
            using var response = await new PackagePublishClient(client).PushAsync(package, key);
            return response.StatusCode;
        });

        var statuses = await Task.WhenAll(pushes);

        Assert.Multiple(() =>
        {
            Assert.That(statuses.Count(status => status == HttpStatusCode.Created), Is.EqualTo(1), string.Join(", ", statuses));
            Assert.That(statuses.Count(status => status == HttpStatusCode.Conflict), Is.EqualTo(19), string.Join(", ", statuses));
        });
        var blobs = await registries.BlobsOfAsync(package.LowerId);
        Assert.That(blobs.Count(name => name.EndsWith(".nupkg", StringComparison.Ordinal)), Is.EqualTo(1), string.Join(", ", blobs));
        Assert.That(await second.GetByteArrayAsync($"v3/package/{package.LowerId}/2.0.0/{package.LowerId}.2.0.0.nupkg"), Is.EqualTo(package.Content));
    }

    [Test]
    public async Task A_refused_push_leaves_no_blob_behind()
    {
        var id = UniqueIds.For("Refused");
        var valid = TestPackages.Create(id, "1.0.0");
        // The same package truncated: it passes the size check and fails validation after being spooled.
        using (var response = await new PackagePublishClient(first).PushAsync(valid.Content[..(valid.Content.Length / 2)], registries.First.BootstrapApiKey))
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        }

        using (var forbidden = await new PackagePublishClient(second).PushAsync(valid, "not-a-key"))
        {
            Assert.That(forbidden.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        }

        Assert.That(await registries.BlobsOfAsync(valid.LowerId), Is.Empty);
        using var index = await second.GetAsync($"v3/package/{valid.LowerId}/index.json");
        Assert.That(index.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    private static async Task<List<string>> SearchHitsAsync(HttpClient client, string word)
    {
        using var document = JsonDocument.Parse(await client.GetStringAsync($"v3/search?q={word}&prerelease=true&semVerLevel=2.0.0"));
        return document.RootElement.GetProperty("data").EnumerateArray().Select(hit => hit.GetProperty("id").GetString()!).ToList();
    }
}
