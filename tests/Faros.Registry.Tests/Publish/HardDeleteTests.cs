using Faros.Registry.Tests.Infrastructure;

namespace Faros.Registry.Tests.Publish;

/// <summary>
/// With Registry:AllowHardDelete on, `?hardDelete=true` removes a version for good (e.g. a leaked secret):
/// gone from every endpoint and from disk, while other versions stay.
/// </summary>
[TestFixtureSource(typeof(RegistrySetup), nameof(RegistrySetup.All))]
public sealed class HardDeleteTests(RegistrySetup setup) : RegistryFixture(setup)
{
    protected override IReadOnlyDictionary<string, string> Configuration { get; } =
        new Dictionary<string, string> { ["Registry__AllowHardDelete"] = "true" };

    [Test]
    public async Task HardDelete_RemovesTheVersionEverywhere_AndKeepsTheOthers()
    {
        var kept = TestPackages.Create(UniqueIds.For("HardDelete"), "1.0.0");
        var deleted = TestPackages.Create(kept.Id, "2.0.0");
        await PushAsync(kept);
        await PushAsync(deleted);

        using var response = await Publish.HardDeleteAsync(deleted.Id, "2.0.0", AdminKey);

        Assert.That((int)response.StatusCode, Is.InRange(200, 204));
        var registration = await FeedJson.GetAsync(Http, $"v3/registration/{kept.LowerId}/index.json");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await FeedJson.FlatContainerVersionsAsync(Http, kept.Id), Is.EqualTo(new[] { "1.0.0" }));
            Assert.That(await FeedJson.StatusAsync(Http, $"v3/package/{deleted.LowerId}/2.0.0/{deleted.LowerId}.2.0.0.nupkg"), Is.EqualTo(404));
            Assert.That(registration["items"]!.AsArray().SelectMany(p => p!["items"]!.AsArray())
                .Select(l => l!["catalogEntry"]!["version"]!.GetValue<string>()), Is.EqualTo(new[] { "1.0.0" }));
            Assert.That((await StoredFilesMentioningAsync(deleted.LowerId)).Where(f => f.Contains("2.0.0", StringComparison.Ordinal)),
                Is.Empty, "the deleted version's files must be removed from storage");
        }
    }

    [Test]
    public async Task HardDeletingTheOnlyVersion_ForgetsTheId()
    {
        var package = TestPackages.Create(UniqueIds.For("HardDeleteOnly"), "1.0.0");
        await PushAsync(package);

        using var response = await Publish.HardDeleteAsync(package.Id, "1.0.0", AdminKey);

        Assert.That((int)response.StatusCode, Is.InRange(200, 204));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await FeedJson.FlatContainerVersionsAsync(Http, package.Id), Is.Null);
            Assert.That(await FeedJson.StatusAsync(Http, $"v3/registration/{package.LowerId}/index.json"), Is.EqualTo(404));
            Assert.That(await FeedJson.SearchIdsAsync(Http, package.Id), Does.Not.Contain(package.Id));
        }
    }

    [Test]
    public async Task HardDelete_NeedsTheDeleteAction()
    {
        var owner = UniqueIds.Word("unlister");
        var key = await Registry.Admin.CreateApiKeyAsync(owner, ["*"], ["push", "unlist"]);
        var package = TestPackages.Create(UniqueIds.For("HardDeleteScope"), "1.0.0");
        await Publish.PushOrThrowAsync(package, key);

        using var response = await Publish.HardDeleteAsync(package.Id, "1.0.0", key);

        Assert.That((int)response.StatusCode, Is.EqualTo(403));
        Assert.That(await FeedJson.FlatContainerVersionsAsync(Http, package.Id), Is.EqualTo(new[] { "1.0.0" }));
    }
}
