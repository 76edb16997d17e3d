using System.Text.Json.Nodes;
using Faros.Registry.Tests.Infrastructure;

namespace Faros.Registry.Tests.Discovery;

/// <summary>
/// The service index is the only URL clients are given; everything else is discovered from it, so every
/// resource type (and the older aliases older clients look for) must be there with absolute URLs that
/// are reachable from the client's side of any reverse proxy.
/// </summary>
[TestFixtureSource(typeof(RegistrySetup), nameof(RegistrySetup.All))]
public sealed class ServiceIndexTests(RegistrySetup setup) : RegistryFixture(setup)
{
    private static readonly string[] RequiredTypes =
    [
        "PackagePublish/2.0.0",
        "SymbolPackagePublish/4.9.0",
        "PackageBaseAddress/3.0.0",
        "RegistrationsBaseUrl/3.6.0",
        "RegistrationsBaseUrl/3.4.0",
        "RegistrationsBaseUrl/3.0.0-rc",
        "RegistrationsBaseUrl/3.0.0-beta",
        "SearchQueryService/3.5.0",
        "SearchQueryService/3.4.0",
        "SearchQueryService/3.0.0-rc",
        "SearchQueryService/3.0.0-beta",
        "SearchAutocompleteService",
        // The only autocomplete type NuGet.Protocol's AutoCompleteResource looks up (besides /Versioned).
        "SearchAutocompleteService/3.0.0-beta",
        "ReadmeUriTemplate/6.13.0",
        "PackageDetailsUriTemplate/5.1.0",
    ];

    [Test]
    public async Task AdvertisesEveryResourceType()
    {
        var index = await FeedJson.GetAsync(Http, "v3/index.json");
        var types = Resources(index).Select(r => r.Type).ToList();

        Assert.That(index["version"]?.GetValue<string>(), Does.StartWith("3."));
        Assert.That(types, Is.SupersetOf(RequiredTypes));
    }

    [Test]
    public async Task ResourceUrls_AreAbsoluteAndPointAtTheRightEndpoints()
    {
        var index = await FeedJson.GetAsync(Http, "v3/index.json");
        var resources = Resources(index).ToList();
        string Url(string type) => resources.First(r => r.Type == type).Id;
        var root = Registry.BaseAddress.AbsoluteUri;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ServedHere(resources).Select(r => r.Id), Is.All.StartsWith(root), "every @id must be absolute on this server");
            Assert.That(Url("PackageDetailsUriTemplate/5.1.0"), Does.StartWith("http://").Or.StartWith("https://"), "details template must be absolute");
            Assert.That(Url("PackagePublish/2.0.0"), Is.EqualTo(root + "api/v2/package"));
            Assert.That(Url("SymbolPackagePublish/4.9.0"), Is.EqualTo(root + "api/v2/symbolpackage"));
            Assert.That(Url("PackageBaseAddress/3.0.0"), Is.EqualTo(root + "v3/package/"));
            Assert.That(Url("RegistrationsBaseUrl/3.6.0"), Is.EqualTo(root + "v3/registration/"));
            Assert.That(Url("SearchQueryService/3.5.0"), Is.EqualTo(root + "v3/search"));
            Assert.That(Url("SearchAutocompleteService"), Is.EqualTo(root + "v3/autocomplete"));
            Assert.That(Url("ReadmeUriTemplate/6.13.0"), Does.Contain("{lower_id}").And.Contain("{lower_version}"));
            Assert.That(Url("PackageDetailsUriTemplate/5.1.0"), Does.Contain("{id}").And.Contain("{version}"));
        }

        string[] registrationAliases = ["RegistrationsBaseUrl/3.6.0", "RegistrationsBaseUrl/3.4.0", "RegistrationsBaseUrl/3.0.0-rc", "RegistrationsBaseUrl/3.0.0-beta"];
        Assert.That(registrationAliases.Select(Url).Distinct(), Has.Exactly(1).Items, "registration aliases share one @id");
    }

    [Test]
    public async Task ResourceUrls_HonourForwardedProtoAndHost()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "v3/index.json");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "plugins.faros.example");
        using var response = await Http.SendAsync(request);
        Assert.That((int)response.StatusCode, Is.EqualTo(200));

        var index = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.That(ServedHere(Resources(index)).Select(r => r.Id), Is.All.StartsWith("https://plugins.faros.example/"));
    }

    /// <summary>All resources but the package details page, which may live on another site (the marketplace UI).</summary>
    private static IEnumerable<(string Type, string Id)> ServedHere(IEnumerable<(string Type, string Id)> resources) =>
        resources.Where(r => !r.Type.StartsWith("PackageDetailsUriTemplate", StringComparison.Ordinal));

    private static IEnumerable<(string Type, string Id)> Resources(JsonNode index) =>
        index["resources"]!.AsArray().Select(r => (r!["@type"]!.GetValue<string>(), r["@id"]!.GetValue<string>()));
}
