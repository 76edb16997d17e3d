using Faros.Registry.Tests.Infrastructure;

namespace Faros.Registry.Tests.Cli;

/// <summary>`dotnet package search` is how users discover plugins from a terminal; it uses SearchQueryService.</summary>
[TestFixtureSource(typeof(RegistrySetup), nameof(RegistrySetup.All))]
public sealed class DotnetPackageSearchTests(RegistrySetup setup) : RegistryFixture(setup)
{
    [Test]
    public async Task SearchByAWordOfTheDescription_FindsThePackage()
    {
        var word = UniqueIds.Word("lighthouse");
        var package = TestPackages.Build(new TestPackageSpec(UniqueIds.For("CliSearch"), "1.4.0")
        {
            Description = $"Routes ships past the {word} on the rocks.",
        });
        await PushAsync(package);
        await PushAsync(TestPackages.Create(UniqueIds.For("CliSearchDistractor"), "1.0.0"));

        using var cli = RegistryCli.Create(Registry);
        var configFile = Path.Combine(cli.WorkingDirectory, NuGetConfigFile.FileName);
        var result = await cli.RunAsync(
            "package", "search", word,
            "--source", RegistryCli.SourceName,
            "--configfile", configFile,
            "--format", "json");

        Assert.That(result.Succeeded, Is.True, result.ToString());
        var packages = PackageSearchJson.Packages(result.StandardOutput);
        Assert.That(packages, Is.EqualTo(new[] { (package.Id, (string?)"1.4.0") }), result.ToString());
    }
}
