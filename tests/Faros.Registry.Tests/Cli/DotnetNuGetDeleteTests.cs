using Faros.Registry.Tests.Infrastructure;

namespace Faros.Registry.Tests.Cli;

/// <summary>
/// `dotnet nuget delete` on a NuGet v3 server means UNLIST: the version disappears from search and from
/// "latest" resolution, but builds pinned to it keep restoring and it stays in the flat-container index.
/// </summary>
[TestFixtureSource(typeof(RegistrySetup), nameof(RegistrySetup.All))]
public sealed class DotnetNuGetDeleteTests(RegistrySetup setup) : RegistryFixture(setup)
{
    [Test]
    public async Task Delete_Unlists_ButPinnedRestoresKeepWorking()
    {
        var id = UniqueIds.For("CliDelete");
        await PushAsync(TestPackages.Create(id, "0.9.0"));
        await PushAsync(TestPackages.Create(id, "1.0.0"));

        using var cli = RegistryCli.Create(Registry);
        var delete = await cli.RunAsync(
            "nuget", "delete", id, "1.0.0",
            "--source", RegistryCli.SourceName,
            "--api-key", AdminKey,
            "--non-interactive",
            "--force-english-output");
        Assert.That(delete.Succeeded, Is.True, delete.ToString());

        // Search still knows the id, but only through its remaining listed version.
        var search = await FeedJson.GetAsync(Http, $"v3/search?q={id}&prerelease=true&semVerLevel=2.0.0");
        var hit = search["data"]!.AsArray().Single(p => p!["id"]!.GetValue<string>() == id)!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(hit["version"]!.GetValue<string>(), Is.EqualTo("0.9.0"), "search's latest version");
            Assert.That(hit["versions"]!.AsArray().Select(v => v!["version"]!.GetValue<string>()), Is.EqualTo(new[] { "0.9.0" }),
                "search lists only listed versions");
            Assert.That(await FeedJson.FlatContainerVersionsAsync(Http, id), Is.EqualTo(new[] { "0.9.0", "1.0.0" }),
                "the flat container keeps unlisted versions");
        }

        var addProject = TestProject.Write(cli.CreateWorkDirectory("add"));
        var add = await cli.RunInAsync(Path.GetDirectoryName(addProject)!, ["add", addProject, "package", id]);
        Assert.That(add.Succeeded, Is.True, add.ToString());
        Assert.That(TestProject.ReferencedVersion(addProject, id), Is.EqualTo("0.9.0"), "latest must skip the unlisted version");

        var pinnedDirectory = cli.CreateWorkDirectory("pinned");
        TestProject.Write(pinnedDirectory, (id, "1.0.0"));
        var restore = await cli.RunInAsync(pinnedDirectory, ["restore"]);
        Assert.That(restore.Succeeded, Is.True, "an unlisted version must still restore when pinned" + Environment.NewLine + restore);
    }
}
