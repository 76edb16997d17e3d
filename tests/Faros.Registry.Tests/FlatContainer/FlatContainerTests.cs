using System.Net;
using System.Net.Http.Headers;
using System.Xml.Linq;
using Faros.Registry.Tests.Infrastructure;

namespace Faros.Registry.Tests.FlatContainer;

/// <summary>
/// PackageBaseAddress (/v3/package/): the downloads restore depends on. Lower-case normalized URLs,
/// conditional and partial GETs (for caches and resumable downloads), and unlisted versions kept.
/// </summary>
[TestFixtureSource(typeof(RegistrySetup), nameof(RegistrySetup.All))]
public sealed class FlatContainerTests(RegistrySetup setup) : RegistryFixture(setup)
{
    [Test]
    public async Task Index_ListsNormalizedLowerCaseVersionsInOrder_IncludingUnlisted()
    {
        var id = UniqueIds.For("FlatIndex");
        foreach (var version in new[] { "2.0.0.0", "1.0.0", "1.0.0-Beta.2" })
        {
            await PushAsync(TestPackages.Create(id, version));
        }

        await UnlistAsync(id, "1.0.0");

        var versions = await FeedJson.FlatContainerVersionsAsync(Http, id);

        Assert.That(versions, Is.EqualTo(new[] { "1.0.0-beta.2", "1.0.0", "2.0.0" }));
    }

    [Test]
    public async Task UnknownIdOrVersion_Is404()
    {
        var package = TestPackages.Create(UniqueIds.For("FlatMissing"), "1.0.0");
        await PushAsync(package);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await FeedJson.StatusAsync(Http, $"v3/package/{UniqueIds.For("Nope").ToLowerInvariant()}/index.json"), Is.EqualTo(404));
            Assert.That(await FeedJson.StatusAsync(Http, $"v3/package/{package.LowerId}/9.9.9/{package.LowerId}.9.9.9.nupkg"), Is.EqualTo(404));
        }
    }

    [Test]
    public async Task Nupkg_OfAnUnlistedVersion_IsStillDownloadable()
    {
        var package = TestPackages.Create(UniqueIds.For("FlatUnlisted"), "1.0.0");
        await PushAsync(package);
        await UnlistAsync(package.Id, "1.0.0");

        Assert.That(await Http.GetByteArrayAsync(NupkgPath(package)), Is.EqualTo(package.Content));
    }

    [Test]
    public async Task Nupkg_WithMatchingIfNoneMatch_Is304()
    {
        var package = TestPackages.Create(UniqueIds.For("FlatEtag"), "1.0.0");
        await PushAsync(package);

        using var first = await Http.GetAsync(NupkgPath(package));
        var etag = first.Headers.ETag;
        Assert.That(etag, Is.Not.Null, "the nupkg response must carry an ETag");

        using var conditional = new HttpRequestMessage(HttpMethod.Get, NupkgPath(package));
        conditional.Headers.IfNoneMatch.Add(etag!);
        using var second = await Http.SendAsync(conditional);
        var body = await second.Content.ReadAsByteArrayAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That((int)second.StatusCode, Is.EqualTo(304));
            Assert.That(body, Is.Empty);
        }

        using var stale = new HttpRequestMessage(HttpMethod.Get, NupkgPath(package));
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"not-the-etag\""));
        using var third = await Http.SendAsync(stale);
        Assert.That((int)third.StatusCode, Is.EqualTo(200), "a different ETag must get the full body");
    }

    [Test]
    public async Task Head_ReturnsHeadersWithoutBody()
    {
        var package = TestPackages.Create(UniqueIds.For("FlatHead"), "1.0.0");
        await PushAsync(package);

        using var response = await Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, NupkgPath(package)));
        var body = await response.Content.ReadAsByteArrayAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(200));
            Assert.That(response.Content.Headers.ContentLength, Is.EqualTo(package.Content.Length));
            Assert.That(body, Is.Empty);
        }
    }

    [TestCase(10, 99)]
    [TestCase(0, 0)]
    public async Task RangeRequest_Returns206WithThoseBytes(int from, int to)
    {
        var package = TestPackages.Create(UniqueIds.For("FlatRange"), "1.0.0");
        await PushAsync(package);

        using var request = new HttpRequestMessage(HttpMethod.Get, NupkgPath(package));
        request.Headers.Range = new RangeHeaderValue(from, to);
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent));
            Assert.That(response.Content.Headers.ContentRange?.ToString(), Is.EqualTo($"bytes {from}-{to}/{package.Content.Length}"));
            Assert.That(body, Is.EqualTo(package.Content[from..(to + 1)]));
        }
    }

    [Test]
    public async Task SuffixRangeRequest_ReturnsTheTail()
    {
        var package = TestPackages.Create(UniqueIds.For("FlatSuffix"), "1.0.0");
        await PushAsync(package);

        using var request = new HttpRequestMessage(HttpMethod.Get, NupkgPath(package));
        request.Headers.Range = new RangeHeaderValue(null, 22);
        using var response = await Http.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent));
        Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.EqualTo(package.Content[^22..]));
    }

    [Test]
    public async Task Nuspec_IsServedForTheVersion()
    {
        var package = TestPackages.Build(new TestPackageSpec(UniqueIds.For("FlatNuspec"), "1.2.0-Beta")
        {
            Description = "Nuspec served by the flat container.",
        });
        await PushAsync(package);

        var xml = await Http.GetStringAsync($"v3/package/{package.LowerId}/1.2.0-beta/{package.LowerId}.nuspec");
        var metadata = XDocument.Parse(xml).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Field(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Field("id"), Is.EqualTo(package.Id));
            Assert.That(Field("version"), Is.EqualTo("1.2.0-Beta"));
            Assert.That(Field("description"), Is.EqualTo("Nuspec served by the flat container."));
        }
    }

    [Test]
    public async Task ReadmeAndIcon_AreServedUnderTheVersionFolder()
    {
        var package = TestPackages.Build(new TestPackageSpec(UniqueIds.For("FlatAssets"), "1.0.0")
        {
            Readme = "# Hello from the readme",
            Icon = TestPackages.TinyPng,
        });
        var bare = TestPackages.Create(UniqueIds.For("FlatNoAssets"), "1.0.0");
        await PushAsync(package);
        await PushAsync(bare);

        var readme = await Http.GetStringAsync($"v3/package/{package.LowerId}/1.0.0/readme");
        using var icon = await Http.GetAsync($"v3/package/{package.LowerId}/1.0.0/icon");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(readme, Is.EqualTo("# Hello from the readme"));
            Assert.That((int)icon.StatusCode, Is.EqualTo(200));
            Assert.That(icon.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/png"));
            Assert.That(await icon.Content.ReadAsByteArrayAsync(), Is.EqualTo(TestPackages.TinyPng));
            Assert.That(await FeedJson.StatusAsync(Http, $"v3/package/{bare.LowerId}/1.0.0/readme"), Is.EqualTo(404), "no readme packed");
            Assert.That(await FeedJson.StatusAsync(Http, $"v3/package/{bare.LowerId}/1.0.0/icon"), Is.EqualTo(404), "no icon packed");
        }
    }

    private static string NupkgPath(TestPackage package) =>
        $"v3/package/{package.LowerId}/{package.LowerVersion}/{package.LowerId}.{package.LowerVersion}.nupkg";
}
