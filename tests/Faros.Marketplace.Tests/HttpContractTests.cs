using System.Net;
using System.Text.RegularExpressions;
using Faros.Marketplace.Tests.Fixtures;
using static Faros.Marketplace.Tests.Fixtures.SeedPackages;

namespace Faros.Marketplace.Tests;

/// <summary>What crawlers, caches and orchestrators see: status codes, headers, meta tags, sitemap, speed.</summary>
public sealed partial class HttpContractTests
{
    private HttpClient _http = null!;

    [OneTimeSetUp]
    public void CreateClient() => _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false })
    {
        BaseAddress = MarketplaceSuite.Marketplace.BaseAddress,
        Timeout = TimeSpan.FromSeconds(30),
    };

    [OneTimeTearDown]
    public void DisposeClient() => _http.Dispose();

    [Test]
    public async Task HealthzAnswersOkAndIsNeverCached()
    {
        using var response = await _http.GetAsync("healthz");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
    }

    [Test]
    public async Task PluginPageIsCacheableAndCarriesOpenGraphTags()
    {
        using var response = await _http.GetAsync($"packages/{LighthouseId}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.CacheControl?.Public, Is.True);
        Assert.That(response.Headers.CacheControl?.MaxAge, Is.GreaterThan(TimeSpan.Zero));
        Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("script-src 'self'"));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(Meta(html, "og:title"), Does.Contain(LighthouseId).Or.Contain("Lighthouse"));
            Assert.That(Meta(html, "og:description"), Does.Contain(LighthouseWord));
            Assert.That(Meta(html, "og:url"), Does.EndWith($"/packages/{LighthouseId}"));
            Assert.That(Meta(html, "og:image"), Does.StartWith("http"));
            Assert.That(Meta(html, "og:type"), Is.Not.Empty);
        });
    }

    [Test]
    public async Task ErrorsAndNotFoundCarryTheRightStatus()
    {
        using var missing = await _http.GetAsync("packages/Faros.Test.DoesNotExist");
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await missing.Content.ReadAsStringAsync(), Does.Contain("Not found"));
    }

    [Test]
    public async Task SitemapListsEveryPackage()
    {
        using var response = await _http.GetAsync("sitemap.xml");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/xml"));
        var xml = System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync());
        var locations = xml.Descendants().Where(e => e.Name.LocalName == "loc").Select(e => e.Value).ToList();
        foreach (var id in new[] { LighthouseId, NightwatchId, LibraryId, HostileId })
        {
            Assert.That(locations, Has.Some.EndsWith($"/packages/{id}"));
        }
    }

    [Test]
    public async Task IconsAreServedFromTheMarketplaceOrigin()
    {
        using var icon = await _http.GetAsync($"icons/{LighthouseId.ToLowerInvariant()}/{LighthouseLatest}");
        Assert.That(icon.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(icon.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/png"));

        using var none = await _http.GetAsync($"icons/{NightwatchId.ToLowerInvariant()}/{NightwatchVersion}");
        Assert.That(none.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "a package without an icon falls back to the default");
    }

    private static string Meta(string html, string property)
    {
        var match = MetaTag().Matches(html).FirstOrDefault(m => m.Groups["p"].Value == property);
        return match is null ? "" : WebUtility.HtmlDecode(match.Groups["c"].Value);
    }

    [GeneratedRegex("<meta property=\"(?<p>[^\"]+)\" content=\"(?<c>[^\"]*)\"")]
    private static partial Regex MetaTag();
}
