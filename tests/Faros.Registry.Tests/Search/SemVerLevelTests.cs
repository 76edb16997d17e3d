using Faros.Registry.Tests.Infrastructure;

namespace Faros.Registry.Tests.Search;

/// <summary>
/// semVerLevel on /v3/search: as on nuget.org, a client that does not send semVerLevel=2.0.0 is an old
/// SemVer 1 client and must not be offered SemVer 2 versions (dotted prereleases, build metadata),
/// which it could not parse.
/// </summary>
[TestFixtureSource(typeof(RegistrySetup), nameof(RegistrySetup.All))]
public sealed class SemVerLevelTests(RegistrySetup setup) : RegistryFixture(setup)
{
    [Test]
    public async Task SemVer2Versions_AreHiddenFromSemVer1Clients()
    {
        var mixed = UniqueIds.For("SemVerMixed");
        var semVer2Only = UniqueIds.For("SemVer2Only");
        await PushAsync(TestPackages.Create(mixed, "1.0.0"));
        await PushAsync(TestPackages.Create(mixed, "2.0.0-beta.1"));
        await PushAsync(TestPackages.Create(semVer2Only, "1.0.0+build.7"));

        var semVer1 = await SearchAsync(mixed, semVerLevel: null);
        var semVer2 = await SearchAsync(mixed, semVerLevel: "2.0.0");
        var onlySemVer2ForOldClient = await SearchAsync(semVer2Only, semVerLevel: null);
        var onlySemVer2ForNewClient = await SearchAsync(semVer2Only, semVerLevel: "2.0.0");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(semVer1, Is.EqualTo(new[] { (mixed, "1.0.0") }), "without semVerLevel");
            Assert.That(semVer2, Is.EqualTo(new[] { (mixed, "2.0.0-beta.1") }), "with semVerLevel=2.0.0");
            Assert.That(onlySemVer2ForOldClient, Is.Empty, "a package with only SemVer 2 versions, without semVerLevel");
            Assert.That(onlySemVer2ForNewClient.Select(h => h.Id), Is.EqualTo(new[] { semVer2Only }), "the same, with semVerLevel=2.0.0");
        }
    }

    private async Task<List<(string Id, string Version)>> SearchAsync(string id, string? semVerLevel)
    {
        var query = $"v3/search?q={id}&prerelease=true" + (semVerLevel is null ? "" : $"&semVerLevel={semVerLevel}");
        var result = await FeedJson.GetAsync(Http, query);
        return result["data"]!.AsArray()
            .Select(p => (p!["id"]!.GetValue<string>(), p["version"]!.GetValue<string>()))
            .Where(hit => hit.Item1 == id)
            .ToList();
    }
}
