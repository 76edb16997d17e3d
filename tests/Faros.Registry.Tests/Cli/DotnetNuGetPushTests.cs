using Faros.Registry.Tests.Infrastructure;

namespace Faros.Registry.Tests.Cli;

/// <summary>
/// `dotnet nuget push` is how plugin authors and CI publish, so its exit code and messages against this
/// server are the contract that matters: success, 409 on duplicates (and --skip-duplicate), 403, 400.
/// </summary>
[TestFixtureSource(typeof(RegistrySetup), nameof(RegistrySetup.All))]
public sealed class DotnetNuGetPushTests(RegistrySetup setup) : RegistryFixture(setup)
{
    private DotnetCli _cli = null!;

    [SetUp]
    public void CreateCli() => _cli = RegistryCli.Create(Registry);

    [TearDown]
    public void DisposeCli() => _cli.Dispose();

    [Test]
    public async Task Push_Succeeds_AndThePackageIsServed()
    {
        var package = TestPackages.Create(UniqueIds.For("CliPush"), "1.2.3");

        var result = await PushAsync(package.WriteTo(_cli.WorkingDirectory), AdminKey);

        Assert.That(result.Succeeded, Is.True, result.ToString());
        Assert.That(await FeedJson.FlatContainerVersionsAsync(Http, package.Id), Is.EqualTo(new[] { "1.2.3" }));
    }

    [Test]
    public async Task PushingADuplicate_FailsWithConflict_UnlessSkipDuplicate()
    {
        var package = TestPackages.Create(UniqueIds.For("CliDuplicate"), "1.0.0");
        var path = package.WriteTo(_cli.WorkingDirectory);
        var first = await PushAsync(path, AdminKey);
        Assert.That(first.Succeeded, Is.True, first.ToString());

        var duplicate = await PushAsync(path, AdminKey);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(duplicate.Succeeded, Is.False, duplicate.ToString());
            Assert.That(duplicate.Output, Does.Contain("409").Or.Contain("Conflict"), duplicate.ToString());
        }

        var skipped = await PushAsync(path, AdminKey, "--skip-duplicate");
        Assert.That(skipped.Succeeded, Is.True, skipped.ToString());
    }

    [Test]
    public async Task PushWithAnUnknownKey_FailsWithForbidden_AndStoresNothing()
    {
        var package = TestPackages.Create(UniqueIds.For("CliBadKey"), "1.0.0");

        var result = await PushAsync(package.WriteTo(_cli.WorkingDirectory), "not-a-real-key");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Succeeded, Is.False, result.ToString());
            Assert.That(result.Output, Does.Contain("403").Or.Contain("Forbidden"), result.ToString());
        }

        Assert.That(await FeedJson.FlatContainerVersionsAsync(Http, package.Id), Is.Null);
    }

    [Test]
    public async Task PushOfAGarbageFile_FailsWithBadRequest()
    {
        var path = Path.Combine(_cli.WorkingDirectory, "Garbage.1.0.0.nupkg");
        await File.WriteAllTextAsync(path, "definitely not a zip archive");

        var result = await PushAsync(path, AdminKey);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Succeeded, Is.False, result.ToString());
            Assert.That(result.Output, Does.Contain("400").Or.Contain("Bad Request"), result.ToString());
        }
    }

    private Task<ProcessResult> PushAsync(string path, string apiKey, params string[] extra) =>
        _cli.RunAsync([
            "nuget", "push", path,
            "--source", Registry.ServiceIndex.AbsoluteUri,
            "--api-key", apiKey,
            "--allow-insecure-connections",
            "--force-english-output",
            .. extra,
        ]);
}
