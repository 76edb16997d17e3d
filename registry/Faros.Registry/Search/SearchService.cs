using System.Collections.Concurrent;
using Faros.Registry.Feed;
using Faros.Registry.Metadata;

namespace Faros.Registry.Search;

/// <summary>
/// Search and autocomplete. Results depend only on what was pushed and on download counts, so a response is
/// kept until the feed's generation moves on; the store is asked again only after a change.
/// </summary>
public sealed class SearchService(IPackageMetadataStore metadata, PackageViewCache views, FeedChanges changes)
{
    private const int MaxCachedResponses = 10_000;
    private readonly ConcurrentDictionary<string, (long Generation, CachedDocument Document)> responses = new(StringComparer.Ordinal);

    public Task<CachedDocument> SearchAsync(FeedUrls urls, SearchQuery query, CancellationToken cancellationToken) =>
        CachedAsync($"s|{urls.Base}|{Key(query)}", async () => SearchResponseWriter.Write(urls, await metadata.SearchAsync(query, cancellationToken)));

    public Task<CachedDocument> AutocompleteIdsAsync(AutocompleteQuery query, CancellationToken cancellationToken) =>
        CachedAsync($"a|{query}", async () =>
        {
            var page = await metadata.AutocompleteIdsAsync(query, cancellationToken);
            return CachedDocument.FromJson(json =>
            {
                json.WriteStartObject();
                json.WriteNumber("totalHits", page.TotalHits);
                json.WriteStartArray("data");
                foreach (var id in page.Ids)
                {
                    json.WriteStringValue(id);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            });
        });

    /// <summary>The listed versions of one id that pass the filters, for version autocomplete.</summary>
    public async Task<CachedDocument> AutocompleteVersionsAsync(string id, bool includePrerelease, bool includeSemVer2, CancellationToken cancellationToken)
    {
        var view = await views.GetAsync(id.ToLowerInvariant(), cancellationToken);
        var versions = view?.Versions
            .Where(version => version.Listed && (includePrerelease || !version.IsPrerelease) && (includeSemVer2 || !version.IsSemVer2))
            .Select(CatalogEntryWriter.FullVersion)
            .ToList() ?? [];
        return CachedDocument.FromJson(json =>
        {
            json.WriteStartObject();
            json.WriteNumber("totalHits", versions.Count);
            json.WriteStartArray("data");
            foreach (var version in versions)
            {
                json.WriteStringValue(version);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    private async Task<CachedDocument> CachedAsync(string key, Func<Task<CachedDocument>> compute)
    {
        var generation = changes.Generation;
        if (responses.TryGetValue(key, out var cached) && cached.Generation == generation)
        {
            return cached.Document;
        }

        var document = await compute();
        if (responses.Count >= MaxCachedResponses)
        {
            responses.Clear();
        }

        responses[key] = (generation, document);
        return document;
    }

    private static string Key(SearchQuery query) =>
        $"{string.Join(' ', query.Terms).ToLowerInvariant()}|{query.Owner?.ToLowerInvariant()}|{query.IdFilter?.ToLowerInvariant()}|{query.PackageType?.ToLowerInvariant()}|" +
        $"{query.IncludePrerelease}|{query.IncludeSemVer2}|{query.Sort}|{query.Skip}|{query.Take}";
}
