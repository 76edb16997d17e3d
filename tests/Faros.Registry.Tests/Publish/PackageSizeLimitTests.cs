using System.Security.Cryptography;
using Faros.Registry.Tests.Infrastructure;

namespace Faros.Registry.Tests.Publish;

/// <summary>Registry:MaxPackageSizeBytes caps uploads with 413, before anything is stored.</summary>
[TestFixtureSource(typeof(RegistrySetup), nameof(RegistrySetup.All))]
public sealed class PackageSizeLimitTests(RegistrySetup setup) : RegistryFixture(setup)
{
    private const int Limit = 1024 * 1024;

    protected override IReadOnlyDictionary<string, string> Configuration { get; } =
        new Dictionary<string, string> { ["Registry__MaxPackageSizeBytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    [Test]
    public async Task PackageOverTheLimit_Is413_AndNotStored()
    {
        // Random bytes do not compress, so the .nupkg really is over the limit.
        var package = PackageWithPayload(UniqueIds.For("TooBig"), 2 * Limit);
        Assert.That(package.Content, Has.Length.GreaterThan(Limit));

        using var response = await Publish.PushAsync(package, AdminKey);

        Assert.That((int)response.StatusCode, Is.EqualTo(413));
        Assert.That(await FeedJson.FlatContainerVersionsAsync(Http, package.Id), Is.Null);
    }

    [Test]
    public async Task PackageUnderTheLimit_IsAccepted()
    {
        var package = PackageWithPayload(UniqueIds.For("FitsIn"), Limit / 2);

        using var response = await Publish.PushAsync(package, AdminKey);

        Assert.That((int)response.StatusCode, Is.EqualTo(201));
    }

    private static TestPackage PackageWithPayload(string id, int bytes) =>
        TestPackages.Build(new TestPackageSpec(id, "1.0.0")
        {
            Files = new Dictionary<string, byte[]> { ["content/payload.bin"] = RandomNumberGenerator.GetBytes(bytes) },
        });
}
