using Faros.Registry.Tests.Infrastructure;

namespace Faros.Registry.Tests.Publish;

/// <summary>
/// Racing pushes of one id+version (CI retries, parallel pipelines) must produce exactly one package:
/// one 201, the rest 409, and a single stored copy identical to what was pushed.
/// </summary>
[TestFixtureSource(typeof(RegistrySetup), nameof(RegistrySetup.All))]
public sealed class ConcurrentPushTests(RegistrySetup setup) : RegistryFixture(setup)
{
    private const int Pushers = 20;

    [Test]
    public async Task TwentyConcurrentPushesOfOneVersion_CreateExactlyOnce()
    {
        var package = TestPackages.Create(UniqueIds.For("Race"), "1.0.0");

        // Release all requests together so they really overlap in the server.
        using var start = new SemaphoreSlim(0);
        var pushes = Enumerable.Range(0, Pushers).Select(async _ =>
        {
            await start.WaitAsync();
            using var response = await Publish.PushAsync(package, AdminKey);
            return (int)response.StatusCode;
        }).ToList();
        start.Release(Pushers);
        var statuses = await Task.WhenAll(pushes);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(statuses.Count(s => s == 201), Is.EqualTo(1), "statuses: " + string.Join(",", statuses));
            Assert.That(statuses.Count(s => s == 409), Is.EqualTo(Pushers - 1), "statuses: " + string.Join(",", statuses));
        }

        var versions = await FeedJson.FlatContainerVersionsAsync(Http, package.Id);
        Assert.That(versions, Is.EqualTo(new[] { "1.0.0" }), "the version must be listed exactly once");

        var downloaded = await Http.GetByteArrayAsync($"v3/package/{package.LowerId}/1.0.0/{package.LowerId}.1.0.0.nupkg");
        Assert.That(downloaded, Is.EqualTo(package.Content), "the stored copy must be the pushed bytes");

        var searchIds = await FeedJson.SearchIdsAsync(Http, package.Id);
        var registration = await FeedJson.GetAsync(Http, $"v3/registration/{package.LowerId}/index.json");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(searchIds.Count(id => id == package.Id), Is.EqualTo(1), "search must show the package once");
            Assert.That(registration["items"]!.AsArray().Sum(page => page!["count"]!.GetValue<int>()), Is.EqualTo(1),
                "registration must have a single leaf");
        }
    }
}
