using System.Collections.Concurrent;
using Faros.Registry.Feed;
using Faros.Registry.Hosting;
using Faros.Registry.Signing;
using Microsoft.AspNetCore.Mvc;

namespace Faros.Registry.Protocol;

/// <summary>The service index: where a NuGet client learns every other resource's URL.</summary>
[ApiController]
public sealed class ServiceIndexController(BaseUrlResolver baseUrls, RepositorySigner signer) : ControllerBase
{
    private static readonly ConcurrentDictionary<string, CachedDocument> Documents = new(StringComparer.Ordinal);

    [HttpGet("v3/index.json")]
    [HttpHead("v3/index.json")]
    public IActionResult Get()
    {
        var urls = baseUrls.Resolve(Request);
        var document = Documents.Count < 64
            ? Documents.GetOrAdd(urls.Base, _ => Build(urls, baseUrls.MarketplaceUrl, signer.Enabled))
            : Build(urls, baseUrls.MarketplaceUrl, signer.Enabled);
        return new DocumentResult(document);
    }

    private static CachedDocument Build(FeedUrls urls, string? marketplaceUrl, bool repositorySigned)
    {
        var detailsBase = (marketplaceUrl ?? urls.Base).TrimEnd('/');
        var resources = new List<(string Id, string Type, string Comment)>
        {
            (urls.PackagePublish, "PackagePublish/2.0.0", "Push, unlist (DELETE) and relist (POST) packages"),
            (urls.SymbolPublish, "SymbolPackagePublish/4.9.0", "Push symbol packages"),
            (urls.PackageBase, "PackageBaseAddress/3.0.0", "Package content: version lists, .nupkg and .nuspec"),
            (urls.RegistrationBase, "RegistrationsBaseUrl/3.6.0", "Package metadata, SemVer 2.0.0, gzip when asked"),
            (urls.RegistrationBase, "RegistrationsBaseUrl/3.4.0", "Package metadata"),
            (urls.RegistrationBase, "RegistrationsBaseUrl/3.0.0-rc", "Package metadata"),
            (urls.RegistrationBase, "RegistrationsBaseUrl/3.0.0-beta", "Package metadata"),
            (urls.Search, "SearchQueryService/3.5.0", "Search, with package type filter"),
            (urls.Search, "SearchQueryService/3.4.0", "Search"),
            (urls.Search, "SearchQueryService/3.0.0-rc", "Search"),
            (urls.Search, "SearchQueryService/3.0.0-beta", "Search"),
            (urls.Autocomplete, "SearchAutocompleteService", "Autocomplete of ids and versions"),
            (urls.Autocomplete, "SearchAutocompleteService/3.5.0", "Autocomplete of ids and versions"),
            (urls.Autocomplete, "SearchAutocompleteService/3.0.0-rc", "Autocomplete of ids and versions"),
            // NuGet.Protocol's AutoCompleteResource looks up only this alias (or "Versioned").
            (urls.Autocomplete, "SearchAutocompleteService/3.0.0-beta", "Autocomplete of ids and versions"),
            (urls.ReadmeTemplate, "ReadmeUriTemplate/6.13.0", "A version's README"),
            (urls.Changes, "FarosPackageChanges/1.0.0", "Ids changed since a cursor (?cursor=, long poll with ?wait= seconds)"),
            ($"{detailsBase}/packages/{{id}}/{{version}}", "PackageDetailsUriTemplate/5.1.0", "The package's page on the Faros marketplace"),
        };
        if (repositorySigned)
        {
            resources.Add((urls.RepositorySignatures, "RepositorySignatures/5.0.0", "The certificates this registry repository-signs packages with"));
        }

        return CachedDocument.FromJson(json =>
        {
            json.WriteStartObject();
            json.WriteString("version", "3.0.0");
            json.WriteStartArray("resources");
            foreach (var (id, type, comment) in resources)
            {
                json.WriteStartObject();
                json.WriteString("@id", id);
                json.WriteString("@type", type);
                json.WriteString("comment", comment);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
    }
}
