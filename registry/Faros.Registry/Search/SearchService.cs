using System.Collections.Concurrent;
using Faros.Registry.Feed;
using Faros.Registry.Hosting;
using Faros.Registry.Metadata;
using Faros.Registry.Upstream;
using Microsoft.Extensions.Options;

namespace Faros.Registry.Search;

/// <summary>
/// Search and autocomplete. Results depend only on what was pushed and on download counts, so a response is
/// kept until the feed's generation moves on; the store is asked again only after a change. Answers that
/// include upstream hits also expire after the upstream cache duration, since upstream changes are not seen.
/// </summary>
public sealed class SearchService(
    IPackageMetadataStore metadata,
    PackageViewCache views,
    FeedChanges changes,
    UpstreamMirror upstream,
    IOptions<UpstreamOptions> upstreamOptions,
    TimeProvider time)
{
    private const int MaxCachedResponses = 10_000;
    private readonly ConcurrentDictionary<string, (long Generation, DateTimeOffset Expires, CachedDocument Document)> responses = new(StringComparer.Ordinal);

    public Task<CachedDocument> SearchAsync(FeedUrls urls, SearchQuery query, CancellationToken cancellationToken)
    {
        var withUpstream = upstream.SearchesUpstream && query.Owner is null && query.IdFilter is null && query.PackageType is null && query.Plugin is null;
        return CachedAsync($"s|{urls.Base}|{Key(query)}", withUpstream ? upstreamOptions.Value.CacheDuration : null, async () =>
        {
            var local = await metadata.SearchAsync(query, cancellationToken);
            var room = query.Take - local.Hits.Count;
            if (!withUpstream || room <= 0)
            {
                return SearchResponseWriter.Write(urls, local, []);
            }

            // Upstream hits follow the local ones, as if the two result lists were one.
            var localIds = local.Hits.Select(hit => hit.PackageId.LowerId).ToHashSet(StringComparer.Ordinal);
            var upstreamSkip = (int)Math.Max(0, query.Skip - local.TotalHits);
            var upstreamHits = (await upstream.SearchAsync(string.Join(' ', query.Terms), query.IncludePrerelease, upstreamSkip, room, cancellationToken))
                .Select(pair => pair.Hit)
                .Where(hit => !localIds.Contains(hit.Identity.Id.ToLowerInvariant()))
                .ToList();
            return SearchResponseWriter.Write(urls, local with { TotalHits = local.TotalHits + upstreamHits.Count }, upstreamHits);
        });
    }

    public Task<CachedDocument> AutocompleteIdsAsync(AutocompleteQuery query, CancellationToken cancellationToken) =>
        CachedAsync($"a|{query}", null, async () =>
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

    private async Task<CachedDocument> CachedAsync(string key, TimeSpan? lifetime, Func<Task<CachedDocument>> compute)
    {
        var generation = changes.Generation;
        var now = time.GetUtcNow();
        if (responses.TryGetValue(key, out var cached) && cached.Generation == generation && cached.Expires > now)
        {
            return cached.Document;
        }

        var document = await compute();
        if (responses.Count >= MaxCachedResponses)
        {
            responses.Clear();
        }

        responses[key] = (generation, lifetime is { } span ? now + span : DateTimeOffset.MaxValue, document);
        return document;
    }

    private static string Key(SearchQuery query) =>
        $"{string.Join(' ', query.Terms).ToLowerInvariant()}|{query.Owner?.ToLowerInvariant()}|{query.IdFilter?.ToLowerInvariant()}|{query.PackageType?.ToLowerInvariant()}|{query.Plugin}|" +
        $"{query.IncludePrerelease}|{query.IncludeSemVer2}|{query.Sort}|{query.Skip}|{query.Take}";
}
