using Faros.Registry.Tests.Infrastructure;

namespace Faros.Registry.Tests.Publish;

/// <summary>
/// Every malformed upload must be refused with 400 + a problem detail naming the defect, and must leave
/// nothing behind: not in the flat container, not in search, not on disk.
/// </summary>
[TestFixtureSource(typeof(RegistrySetup), nameof(RegistrySetup.All))]
public sealed class MalformedPackageTests(RegistrySetup setup) : RegistryFixture(setup)
{
    [TestCaseSource(typeof(MalformedPackageCorpus), nameof(MalformedPackageCorpus.Names))]
    public async Task Push_IsRejectedWith400_AndNothingIsStored(string caseName)
    {
        var package = MalformedPackageCorpus.Create(caseName);
        var filesBefore = DataDirectoryFiles.Snapshot(Registry.DataDirectory);

        using var response = await Publish.PushAsync(package.Content, AdminKey);
        var problem = await ProblemResponse.ReadAsync(response);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(problem.Status, Is.EqualTo(400), problem.ToString());
            Assert.That(problem.ContentType, Is.EqualTo("application/problem+json"), problem.ToString());
            Assert.That(problem.Detail, Is.Not.Null.And.Not.Empty, "problem detail: " + problem);
            Assert.That(package.DefectWords.Any(w => problem.Detail?.Contains(w, StringComparison.OrdinalIgnoreCase) == true),
                Is.True, $"the detail should name the defect (one of: {string.Join(", ", package.DefectWords)}); got: {problem.Detail}");
            Assert.That(package.DefectWords.Any(w => problem.ReasonPhrase?.Contains(w, StringComparison.OrdinalIgnoreCase) == true),
                Is.True, $"the reason phrase should carry the defect, too; got: {problem.ReasonPhrase}");
        }

        foreach (var id in package.Ids)
        {
            using (Assert.EnterMultipleScope())
            {
                Assert.That(await FeedJson.StatusAsync(Http, $"v3/package/{id.ToLowerInvariant()}/index.json"), Is.EqualTo(404),
                    $"flat container must not know {id}");
                Assert.That(await FeedJson.SearchIdsAsync(Http, id), Does.Not.Contain(id).IgnoreCase, $"search must not show {id}");
                Assert.That(await StoredFilesMentioningAsync(id), Is.Empty, $"no file may be stored for {id}");
            }
        }

        Assert.That(DataDirectoryFiles.Snapshot(Registry.DataDirectory).Except(filesBefore), Is.Empty,
            "a rejected upload must not leave files in the data directory");
    }
}
