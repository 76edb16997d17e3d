using Faros.Registry.Tests.Infrastructure;
using NuGet.Common;
using NuGet.Protocol.Core.Types;
using NuGet.Versioning;

namespace Faros.Registry.Tests.Protocol;

/// <summary>
/// FindPackageByIdResource is what restore uses: the flat container's version list and nupkg/nuspec
/// downloads. Unlisted versions must stay visible here, or pinned builds break.
/// </summary>
[TestFixtureSource(typeof(RegistrySetup), nameof(RegistrySetup.All))]
public sealed class FindPackageByIdResourceTests(RegistrySetup setup) : RegistryFixture(setup)
{
    [Test]
    public async Task GetAllVersions_ListsEveryVersion_IncludingUnlisted()
    {
        var id = UniqueIds.For("FindById");
        foreach (var version in new[] { "1.0.0", "1.1.0-rc.1", "2.0.0" })
        {
            await PushAsync(TestPackages.Create(id, version));
        }

        await UnlistAsync(id, "2.0.0");

        var resource = await NuGetFeed.ResourceAsync<FindPackageByIdResource>(Registry);
        using var cache = NuGetFeed.NoCache();
        var versions = await resource.GetAllVersionsAsync(id, cache, NullLogger.Instance, CancellationToken.None);

        Assert.That(versions.Select(v => v.ToNormalizedString()), Is.EqualTo(new[] { "1.0.0", "1.1.0-rc.1", "2.0.0" }));
    }

    [Test]
    public async Task GetAllVersions_OfAnUnknownId_IsEmpty()
    {
        var resource = await NuGetFeed.ResourceAsync<FindPackageByIdResource>(Registry);
        using var cache = NuGetFeed.NoCache();

        var versions = await resource.GetAllVersionsAsync(UniqueIds.For("Unknown"), cache, NullLogger.Instance, CancellationToken.None);

        Assert.That(versions, Is.Empty);
    }

    [Test]
    public async Task CopyNupkgToStream_ReturnsThePushedBytes()
    {
        var package = TestPackages.Build(new TestPackageSpec(UniqueIds.For("Download"), "3.1.4")
        {
            Readme = "# Download me",
            Icon = TestPackages.TinyPng,
        });
        await PushAsync(package);

        var resource = await NuGetFeed.ResourceAsync<FindPackageByIdResource>(Registry);
        using var cache = NuGetFeed.NoCache();
        using var downloaded = new MemoryStream();
        var found = await resource.CopyNupkgToStreamAsync(package.Id, package.Version, downloaded, cache, NullLogger.Instance, CancellationToken.None);

        Assert.That(found, Is.True);
        Assert.That(downloaded.ToArray(), Is.EqualTo(package.Content));
    }

    [Test]
    public async Task GetDependencyInfo_ReadsTheServedNuspec()
    {
        var dependencyId = UniqueIds.For("DependencyInfoTarget");
        var package = TestPackages.Build(new TestPackageSpec(UniqueIds.For("DependencyInfo"), "1.0.0")
        {
            Dependencies = [new TestPackageDependency("net10.0", dependencyId, "1.2.0")],
        });
        await PushAsync(package);

        var resource = await NuGetFeed.ResourceAsync<FindPackageByIdResource>(Registry);
        using var cache = NuGetFeed.NoCache();
        var info = await resource.GetDependencyInfoAsync(package.Id, package.Version, cache, NullLogger.Instance, CancellationToken.None);

        Assert.That(info, Is.Not.Null);
        var dependency = info.DependencyGroups.Single().Packages.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(dependency.Id, Is.EqualTo(dependencyId));
            Assert.That(dependency.VersionRange, Is.EqualTo(VersionRange.Parse("1.2.0")));
        }
    }
}
