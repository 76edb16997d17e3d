using Faros.Registry.Tests.Infrastructure;

namespace Faros.Registry.Tests.Publish;

/// <summary>Hard delete is off by default: the request is refused and the package stays downloadable.</summary>
[TestFixtureSource(typeof(RegistrySetup), nameof(RegistrySetup.All))]
public sealed class HardDeleteDisabledTests(RegistrySetup setup) : RegistryFixture(setup)
{
    [Test]
    public async Task HardDelete_IsRefused_AndThePackageRemains()
    {
        var package = TestPackages.Create(UniqueIds.For("NoHardDelete"), "1.0.0");
        await PushAsync(package);

        using var response = await Publish.HardDeleteAsync(package.Id, "1.0.0", AdminKey);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((int)response.StatusCode, Is.InRange(400, 499), "hard delete must be refused when not enabled");
            Assert.That(await FeedJson.FlatContainerVersionsAsync(Http, package.Id), Is.EqualTo(new[] { "1.0.0" }));
            Assert.That(await Http.GetByteArrayAsync($"v3/package/{package.LowerId}/1.0.0/{package.LowerId}.1.0.0.nupkg"),
                Is.EqualTo(package.Content));
        }
    }
}
