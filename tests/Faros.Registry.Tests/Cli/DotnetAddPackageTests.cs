using Faros.Registry.Tests.Infrastructure;

namespace Faros.Registry.Tests.Cli;

/// <summary>
/// `dotnet add package X` without a version asks the feed for the latest version. It must be the latest
/// LISTED STABLE one: unlisting is how a bad release is withdrawn, and prereleases are opt-in.
/// </summary>
[TestFixtureSource(typeof(RegistrySetup), nameof(RegistrySetup.All))]
public sealed class DotnetAddPackageTests(RegistrySetup setup) : RegistryFixture(setup)
{
    [Test]
    public async Task AddWithoutVersion_TakesTheLatestStable_NotAPrerelease()
    {
        var id = UniqueIds.For("AddLatest");
        await PushAsync(TestPackages.Create(id, "1.0.0"));
        await PushAsync(TestPackages.Create(id, "2.0.0"));
        await PushAsync(TestPackages.Create(id, "3.0.0-beta.1"));

        Assert.That(await AddPackageAsync(id), Is.EqualTo("2.0.0"));
    }

    [Test]
    public async Task AddWithoutVersion_SkipsAnUnlistedLatest()
    {
        var id = UniqueIds.For("AddUnlisted");
        await PushAsync(TestPackages.Create(id, "1.0.0"));
        await PushAsync(TestPackages.Create(id, "2.0.0"));
        await UnlistAsync(id, "2.0.0");

        Assert.That(await AddPackageAsync(id), Is.EqualTo("1.0.0"));
    }

    /// <summary>Runs `dotnet add package` in a fresh sandbox and returns the version it wrote.</summary>
    private async Task<string?> AddPackageAsync(string id)
    {
        using var cli = RegistryCli.Create(Registry);
        var project = TestProject.Write(cli.WorkingDirectory);

        var result = await cli.RunAsync("add", project, "package", id);

        Assert.That(result.Succeeded, Is.True, result.ToString());
        return TestProject.ReferencedVersion(project, id);
    }
}
