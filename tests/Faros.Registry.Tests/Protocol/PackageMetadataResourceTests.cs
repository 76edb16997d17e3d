using Faros.Registry.Tests.Infrastructure;
using NuGet.Common;
using NuGet.Packaging;
using NuGet.Protocol.Core.Types;
using NuGet.Versioning;

namespace Faros.Registry.Tests.Protocol;

/// <summary>
/// PackageMetadataResource reads the registration: what Visual Studio's package details pane and
/// `dotnet add package` use. An id with 130 versions crosses the 128-version threshold, so the client has
/// to follow separate page documents; every version and every field must survive that.
/// </summary>
[TestFixtureSource(typeof(RegistrySetup), nameof(RegistrySetup.All))]
public sealed class PackageMetadataResourceTests(RegistrySetup setup) : RegistryFixture(setup)
{
    private const int VersionCount = 130;
    private const string UnlistedVersion = "1.0.5";
    private const string InspectedVersion = "1.0.100"; // lives on the second page
    private static readonly Uri ProjectUrl = new("https://faros.sh/plugins/metadata");

    private readonly string _id = UniqueIds.For("Metadata");
    private readonly string _dependencyId = UniqueIds.For("MetadataDependency");

    [OneTimeSetUp]
    public async Task SeedVersionsAsync()
    {
        await PushAsync(TestPackages.Create(_dependencyId, "2.0.0"));
        foreach (var version in AllVersions())
        {
            await PushAsync(TestPackages.Build(new TestPackageSpec(_id, version)
            {
                Description = $"Metadata test package {version}.",
                Authors = ["Ada Lovelace", "Grace Hopper"],
                Tags = ["faros", "lighthouse"],
                ProjectUrl = ProjectUrl,
                LicenseExpression = "Apache-2.0",
                Readme = $"# Metadata {version}",
                PackageTypes = ["Dependency"],
                Dependencies = [new TestPackageDependency("net10.0", _dependencyId, "[2.0.0, 3.0.0)")],
            }));
        }

        await UnlistAsync(_id, UnlistedVersion);
    }

    [Test]
    public async Task GetMetadata_IncludingUnlisted_ReturnsEveryVersionAcrossPages()
    {
        var metadata = await GetMetadataAsync(includeUnlisted: true);

        Assert.That(metadata.Select(m => m.Identity.Version.ToNormalizedString()), Is.EquivalentTo(AllVersions()));
    }

    [Test]
    public async Task GetMetadata_ExcludingUnlisted_OmitsTheUnlistedVersion()
    {
        var metadata = await GetMetadataAsync(includeUnlisted: false);

        Assert.That(metadata.Select(m => m.Identity.Version.ToNormalizedString()),
            Is.EquivalentTo(AllVersions().Where(v => v != UnlistedVersion)));
    }

    [Test]
    public async Task GetMetadata_ReadsBackTheNuspecFields()
    {
        var metadata = await GetMetadataAsync(includeUnlisted: true);
        var inspected = metadata.Single(m => m.Identity.Version == NuGetVersion.Parse(InspectedVersion));
        var unlisted = metadata.Single(m => m.Identity.Version == NuGetVersion.Parse(UnlistedVersion));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(inspected.Identity.Id, Is.EqualTo(_id));
            Assert.That(inspected.Description, Is.EqualTo($"Metadata test package {InspectedVersion}."));
            Assert.That(inspected.Authors, Does.Contain("Ada Lovelace").And.Contain("Grace Hopper"));
            Assert.That(inspected.Tags, Does.Contain("faros").And.Contain("lighthouse"));
            Assert.That(inspected.ProjectUrl, Is.EqualTo(ProjectUrl));
            Assert.That(inspected.LicenseMetadata?.Type, Is.EqualTo(LicenseType.Expression));
            Assert.That(inspected.LicenseMetadata?.License, Is.EqualTo("Apache-2.0"));
            Assert.That(inspected.ReadmeUrl, Is.Not.Null, "readme URL");
            Assert.That(inspected.IsListed, Is.True);
            Assert.That(unlisted.IsListed, Is.False, "the unlisted version must read back as unlisted");
            Assert.That(inspected.Published, Is.Not.Null.And.GreaterThan(DateTimeOffset.UtcNow.AddHours(-1)), "published");
        }

        var group = inspected.DependencySets.Single();
        var dependency = group.Packages.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(group.TargetFramework.GetShortFolderName(), Is.EqualTo("net10.0"));
            Assert.That(dependency.Id, Is.EqualTo(_dependencyId).IgnoreCase);
            Assert.That(dependency.VersionRange, Is.EqualTo(VersionRange.Parse("[2.0.0, 3.0.0)")));
        }

        var readme = await Http.GetStringAsync(inspected.ReadmeUrl);
        Assert.That(readme, Is.EqualTo($"# Metadata {InspectedVersion}"), "the readme URL must serve the packed README.md");
    }

    [Test]
    public async Task RegistrationIndex_WithMoreThan128Versions_IsSplitIntoSeparatePagesOf64()
    {
        var index = await FeedJson.GetAsync(Http, $"v3/registration/{_id.ToLowerInvariant()}/index.json");
        var pages = index["items"]!.AsArray();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(index["count"]!.GetValue<int>(), Is.EqualTo(pages.Count));
            Assert.That(pages.Select(p => p!["count"]!.GetValue<int>()), Is.EqualTo(new[] { 64, 64, 2 }));
            Assert.That(pages.Select(p => p!["items"]), Is.All.Null, "pages must not be inlined at 128+ versions");
        }

        var leaves = 0;
        foreach (var page in pages.Select(p => p!))
        {
            var document = await FeedJson.GetAsync(Http, page["@id"]!.GetValue<string>());
            var items = document["items"]!.AsArray();
            leaves += items.Count;
            Assert.That(items.First()!["catalogEntry"]!["version"]!.GetValue<string>(), Is.EqualTo(page["lower"]!.GetValue<string>()),
                "a page's lower bound is its first version");
            Assert.That(items.Last()!["catalogEntry"]!["version"]!.GetValue<string>(), Is.EqualTo(page["upper"]!.GetValue<string>()),
                "a page's upper bound is its last version");
        }

        Assert.That(leaves, Is.EqualTo(VersionCount));
    }

    private async Task<List<IPackageSearchMetadata>> GetMetadataAsync(bool includeUnlisted)
    {
        var resource = await NuGetFeed.ResourceAsync<PackageMetadataResource>(Registry);
        using var cache = NuGetFeed.NoCache();
        var metadata = await resource.GetMetadataAsync(_id, includePrerelease: true, includeUnlisted, cache, NullLogger.Instance, CancellationToken.None);
        return metadata.ToList();
    }

    private static IEnumerable<string> AllVersions() => Enumerable.Range(0, VersionCount).Select(i => $"1.0.{i}");
}
