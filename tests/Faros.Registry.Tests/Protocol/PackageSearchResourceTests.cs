using Faros.Registry.Tests.Infrastructure;
using NuGet.Common;
using NuGet.Protocol.Core.Types;

namespace Faros.Registry.Tests.Protocol;

/// <summary>
/// SearchQueryService as NuGet.Protocol's PackageSearchResource (Visual Studio's Browse tab) and as raw
/// JSON where the client hides a field (totalHits): paging, prerelease and package-type filters, and
/// unlisted packages never appearing.
/// </summary>
[TestFixtureSource(typeof(RegistrySetup), nameof(RegistrySetup.All))]
public sealed class PackageSearchResourceTests(RegistrySetup setup) : RegistryFixture(setup)
{
    private readonly SearchCorpus _corpus = new();

    [OneTimeSetUp]
    public async Task SeedAsync()
    {
        foreach (var package in _corpus.Packages())
        {
            await PushAsync(package);
        }

        await UnlistAsync(_corpus.Unlisted, "1.0.0");
    }

    [TestCase(0, 2)]
    [TestCase(2, 2)]
    [TestCase(4, 2)]
    [TestCase(0, 100)]
    [TestCase(50, 10)]
    public async Task TotalHits_DoesNotDependOnSkipAndTake(int skip, int take)
    {
        var result = await FeedJson.GetAsync(Http, $"v3/search?q={_corpus.Word}&prerelease=true&semVerLevel=2.0.0&skip={skip}&take={take}");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result["totalHits"]!.GetValue<int>(), Is.EqualTo(_corpus.ListedIds.Count));
            Assert.That(result["data"]!.AsArray(), Has.Count.EqualTo(Math.Clamp(_corpus.ListedIds.Count - skip, 0, take)));
        }
    }

    [Test]
    public async Task Pages_TogetherCoverEveryListedPackageOnce()
    {
        var ids = new List<string>();
        for (var skip = 0; skip < 10; skip += 2)
        {
            var page = await SearchAsync(new SearchFilter(includePrerelease: true), skip, take: 2);
            Assert.That(page, Has.Count.LessThanOrEqualTo(2), "take must be honoured");
            ids.AddRange(page.Select(p => p.Identity.Id));
        }

        Assert.That(ids, Is.EquivalentTo(_corpus.ListedIds), "no package lost or repeated across pages, and no unlisted one");
    }

    [Test]
    public async Task WithoutPrerelease_PrereleaseOnlyPackagesAreHidden()
    {
        var stable = await SearchAsync(new SearchFilter(includePrerelease: false), 0, 100);
        var all = await SearchAsync(new SearchFilter(includePrerelease: true), 0, 100);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(stable.Select(p => p.Identity.Id), Is.EquivalentTo(_corpus.ListedStableIds));
            Assert.That(stable.Select(p => p.Identity.Version.IsPrerelease), Is.All.False);
            Assert.That(all.Single(p => p.Identity.Id == _corpus.Prerelease).Identity.Version.ToNormalizedString(), Is.EqualTo("0.1.0-beta.1"));
            Assert.That(all.Single(p => p.Identity.Id == _corpus.Alpha).Identity.Version.ToNormalizedString(), Is.EqualTo("2.0.0"),
                "a hit carries its latest version");
        }
    }

    [Test]
    public async Task PackageTypeFilter_ReturnsOnlyThatType()
    {
        var filter = new SearchFilter(includePrerelease: true) { PackageType = SearchCorpus.PluginPackageType };

        var plugins = await SearchAsync(filter, 0, 100);

        Assert.That(plugins.Select(p => p.Identity.Id), Is.EqualTo(new[] { _corpus.Plugin }));
    }

    [Test]
    public async Task UnlistedPackages_AreNeverShown()
    {
        var byWord = await FeedJson.SearchIdsAsync(Http, _corpus.Word);
        var byId = await FeedJson.SearchIdsAsync(Http, _corpus.Unlisted);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(byWord, Does.Not.Contain(_corpus.Unlisted));
            Assert.That(byId, Does.Not.Contain(_corpus.Unlisted));
        }
    }

    [Test]
    public async Task OwnerQuery_FindsThePackagesPushedByThatOwner()
    {
        var owner = UniqueIds.Word("owner");
        var key = await Registry.Admin.CreateApiKeyAsync(owner, ["*"], ["push"]);
        var owned = TestPackages.Create(UniqueIds.For("Owned"), "1.0.0");
        await Publish.PushOrThrowAsync(owned, key);

        var ids = await FeedJson.SearchIdsAsync(Http, $"owner:{owner}");

        Assert.That(ids, Is.EqualTo(new[] { owned.Id }));
    }

    private async Task<List<IPackageSearchMetadata>> SearchAsync(SearchFilter filter, int skip, int take)
    {
        var resource = await NuGetFeed.ResourceAsync<PackageSearchResource>(Registry);
        var results = await resource.SearchAsync(_corpus.Word, filter, skip, take, NullLogger.Instance, CancellationToken.None);
        return results.ToList();
    }
}
