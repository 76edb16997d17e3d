using Faros.Registry.Tests.Infrastructure;

namespace Faros.Registry.Tests.Publish;

/// <summary>Unlist (DELETE) and relist (POST) on /api/v2/package/{id}/{version}, as `dotnet nuget delete` and nuget.org use them.</summary>
[TestFixtureSource(typeof(RegistrySetup), nameof(RegistrySetup.All))]
public sealed class UnlistRelistTests(RegistrySetup setup) : RegistryFixture(setup)
{
    [Test]
    public async Task Push_AnswersCreated_AndADuplicateConflict()
    {
        var package = TestPackages.Create(UniqueIds.For("RawPush"), "1.0.0");

        using var created = await Publish.PushAsync(package, AdminKey);
        using var duplicate = await Publish.PushAsync(package, AdminKey);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((int)created.StatusCode, Is.EqualTo(201));
            Assert.That((int)duplicate.StatusCode, Is.EqualTo(409));
        }
    }

    [Test]
    public async Task Unlist_HidesFromSearch_AndRelist_BringsItBack()
    {
        var package = TestPackages.Create(UniqueIds.For("Relist"), "1.0.0");
        await PushAsync(package);

        using var unlisted = await Publish.UnlistAsync(package.Id, "1.0.0", AdminKey);
        Assert.That((int)unlisted.StatusCode, Is.EqualTo(204));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await FeedJson.SearchIdsAsync(Http, package.Id), Does.Not.Contain(package.Id), "unlisted: not in search");
            Assert.That(await Listed(package), Is.False, "unlisted: registration says listed=false");
            Assert.That(await FeedJson.FlatContainerVersionsAsync(Http, package.Id), Is.EqualTo(new[] { "1.0.0" }), "unlisted: still in flat container");
        }

        using var relisted = await Publish.RelistAsync(package.Id, "1.0.0", AdminKey);
        Assert.That((int)relisted.StatusCode, Is.InRange(200, 204), "relist");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await FeedJson.SearchIdsAsync(Http, package.Id), Does.Contain(package.Id), "relisted: back in search");
            Assert.That(await Listed(package), Is.True, "relisted: registration says listed=true");
        }
    }

    [Test]
    public async Task UnlistOrRelist_OfAnUnknownVersion_Is404()
    {
        var package = TestPackages.Create(UniqueIds.For("UnlistMissing"), "1.0.0");
        await PushAsync(package);

        using var unknownVersion = await Publish.UnlistAsync(package.Id, "9.9.9", AdminKey);
        using var unknownId = await Publish.UnlistAsync(UniqueIds.For("Nope"), "1.0.0", AdminKey);
        using var relistUnknown = await Publish.RelistAsync(UniqueIds.For("Nope"), "1.0.0", AdminKey);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((int)unknownVersion.StatusCode, Is.EqualTo(404), "unknown version");
            Assert.That((int)unknownId.StatusCode, Is.EqualTo(404), "unknown id");
            Assert.That((int)relistUnknown.StatusCode, Is.EqualTo(404), "relist of unknown id");
        }
    }

    [Test]
    public async Task Unlist_MatchesIdAndVersionLikeNuGet_CaseInsensitiveAndNormalized()
    {
        var package = TestPackages.Create(UniqueIds.For("UnlistCase"), "1.0.0-Beta");
        await PushAsync(package);

        using var response = await Publish.UnlistAsync(package.Id.ToUpperInvariant(), "1.0.0-BETA", AdminKey);

        Assert.That((int)response.StatusCode, Is.EqualTo(204));
        Assert.That(await Listed(package), Is.False);
    }

    private async Task<bool> Listed(TestPackage package)
    {
        var index = await FeedJson.GetAsync(Http, $"v3/registration/{package.LowerId}/index.json");
        return index["items"]!.AsArray()
            .SelectMany(p => p!["items"]!.AsArray())
            .Single(l => l!["catalogEntry"]!["version"]!.GetValue<string>() == package.Version.ToNormalizedString())!
            ["catalogEntry"]!["listed"]!.GetValue<bool>();
    }
}
