using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Faros.Registry.Tests.Infrastructure;

namespace Faros.Registry.Tests.Registration;

/// <summary>
/// RegistrationsBaseUrl: per-id metadata documents. Small ids are answered in one document with inlined
/// pages; each leaf's catalogEntry must carry what clients show and resolve with.
/// (Paging at 128+ versions is covered with the 130-version id in PackageMetadataResourceTests.)
/// </summary>
[TestFixtureSource(typeof(RegistrySetup), nameof(RegistrySetup.All))]
public sealed class RegistrationTests(RegistrySetup setup) : RegistryFixture(setup)
{
    private readonly string _id = UniqueIds.For("Registration");
    private readonly string _dependencyId = UniqueIds.For("RegistrationDependency");
    private TestPackage _latest = null!;

    [OneTimeSetUp]
    public async Task SeedAsync()
    {
        await PushAsync(TestPackages.Build(new TestPackageSpec(_id, "1.0.0")));
        await PushAsync(TestPackages.Build(new TestPackageSpec(_id, "1.5.0")));
        _latest = TestPackages.Build(new TestPackageSpec(_id, "2.0.0")
        {
            Description = "The registration leaf under test.",
            LicenseExpression = "MIT OR Apache-2.0",
            Readme = "# Registration",
            PackageTypes = ["FarosPlugin"],
            Dependencies =
            [
                new TestPackageDependency("net10.0", _dependencyId, "[1.0.0, )"),
                new TestPackageDependency("netstandard2.0", _dependencyId, "[1.0.0, 2.0.0)"),
            ],
        });
        await PushAsync(_latest);
        await UnlistAsync(_id, "1.5.0");
    }

    [Test]
    public async Task Index_InlinesItsSinglePage_ForFewVersions()
    {
        var index = await Index();
        var page = index["items"]!.AsArray().Single()!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(index["count"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(page["count"]!.GetValue<int>(), Is.EqualTo(3));
            Assert.That(page["lower"]!.GetValue<string>(), Is.EqualTo("1.0.0"));
            Assert.That(page["upper"]!.GetValue<string>(), Is.EqualTo("2.0.0"));
            Assert.That(page["items"]?.AsArray().Select(Version), Is.EqualTo(new[] { "1.0.0", "1.5.0", "2.0.0" }));
        }
    }

    [Test]
    public async Task CatalogEntry_CarriesDependenciesListingPublishedReadmeLicenseAndPackageTypes()
    {
        var entry = Leaf(await Index(), "2.0.0")["catalogEntry"]!;
        var groups = entry["dependencyGroups"]!.AsArray();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(entry["id"]!.GetValue<string>(), Is.EqualTo(_id));
            Assert.That(entry["description"]!.GetValue<string>(), Is.EqualTo("The registration leaf under test."));
            Assert.That(entry["listed"]!.GetValue<bool>(), Is.True);
            Assert.That(DateTimeOffset.Parse(entry["published"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
                Is.GreaterThan(DateTimeOffset.UtcNow.AddHours(-1)));
            Assert.That(entry["licenseExpression"]!.GetValue<string>(), Is.EqualTo("MIT OR Apache-2.0"));
            Assert.That(entry["readmeUrl"]?.GetValue<string>(), Does.StartWith("http"), "readmeUrl must be absolute");
            Assert.That(PackageTypeNames(entry), Is.EqualTo(new[] { "FarosPlugin" }));
            Assert.That(groups.Select(g => g!["targetFramework"]!.GetValue<string>().ToLowerInvariant()),
                Is.EquivalentTo(new[] { "net10.0", ".netstandard2.0" }).Or.EquivalentTo(new[] { "net10.0", "netstandard2.0" }));
        }

        var netstandard = groups.Single(g => g!["targetFramework"]!.GetValue<string>().Contains("standard", StringComparison.OrdinalIgnoreCase))!;
        var dependency = netstandard["dependencies"]!.AsArray().Single()!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(dependency["id"]!.GetValue<string>(), Is.EqualTo(_dependencyId));
            Assert.That(dependency["range"]!.GetValue<string>(), Is.EqualTo("[1.0.0, 2.0.0)"));
        }

        var readme = await Http.GetStringAsync(entry["readmeUrl"]!.GetValue<string>());
        Assert.That(readme, Is.EqualTo("# Registration"));
    }

    [Test]
    public async Task UnlistedVersion_IsMarkedNotListed()
    {
        var entry = Leaf(await Index(), "1.5.0")["catalogEntry"]!;

        Assert.That(entry["listed"]!.GetValue<bool>(), Is.False);
    }

    [Test]
    public async Task PackageContent_DownloadsThePushedBytes()
    {
        var leaf = Leaf(await Index(), "2.0.0");

        var bytes = await Http.GetByteArrayAsync(leaf["packageContent"]!.GetValue<string>());

        Assert.That(bytes, Is.EqualTo(_latest.Content));
    }

    [Test]
    public async Task GzipRequested_IsGzipEncoded_AndDecodesToTheSameDocument()
    {
        var path = $"v3/registration/{_id.ToLowerInvariant()}/index.json";
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var response = await Http.SendAsync(request);
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(response.Content.Headers.ContentEncoding, Does.Contain("gzip"));

        await using var gzip = new GZipStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        var decoded = await JsonNode.ParseAsync(gzip);

        Assert.That(JsonNode.DeepEquals(decoded, await Index()), Is.True, "the gzip body must decode to the plain document");
    }

    [Test]
    public async Task UnknownId_Is404()
    {
        Assert.That(await FeedJson.StatusAsync(Http, $"v3/registration/{UniqueIds.For("Nope").ToLowerInvariant()}/index.json"), Is.EqualTo(404));
    }

    private Task<JsonNode> Index() => FeedJson.GetAsync(Http, $"v3/registration/{_id.ToLowerInvariant()}/index.json");

    private static JsonNode Leaf(JsonNode index, string version) =>
        index["items"]!.AsArray().SelectMany(p => p!["items"]!.AsArray()).Single(l => Version(l) == version)!;

    private static string Version(JsonNode? leaf) => leaf!["catalogEntry"]!["version"]!.GetValue<string>();

    /// <summary>packageTypes entries are objects ({"name": ...}) on nuget.org; accept plain strings too.</summary>
    private static IEnumerable<string> PackageTypeNames(JsonNode entry) =>
        entry["packageTypes"]!.AsArray().Select(t => t is JsonObject o ? o["name"]!.GetValue<string>() : t!.GetValue<string>());
}
