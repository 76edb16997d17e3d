using System.Net;
using System.Text.Json;
using Faros.Marketplace.Configuration;
using Faros.Marketplace.Registry.Wire;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using NuGet.Versioning;

namespace Faros.Marketplace.Registry;

/// <summary>
/// Typed client for the registry's public NuGet v3 API. Every response is cached briefly by URL: the site gets
/// the same few documents over and over (the home page, popular plugins), and a registry push only needs to show
/// up within the short TTL.
/// </summary>
public sealed class RegistryClient(
    HttpClient http,
    IMemoryCache cache,
    IOptions<MarketplaceOptions> options,
    ILogger<RegistryClient> logger)
{
    private const int MaxIconBytes = 1024 * 1024;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly MarketplaceOptions _options = options.Value;

    public Uri ServiceIndexUri => new(_options.RegistryBaseUri, "v3/index.json");

    public async Task<ServiceEndpoints> GetEndpointsAsync(CancellationToken cancellationToken)
    {
        var index = await GetAsync(ServiceIndexUri, ReadJson<ServiceIndexDocument>, cancellationToken)
                    ?? throw new RegistryUnavailableException($"The registry has no service index at {ServiceIndexUri}.");
        return ServiceEndpoints.From(index, ServiceIndexUri);
    }

    public async Task<SearchResponseDocument> SearchAsync(SearchQuery query, CancellationToken cancellationToken)
    {
        var endpoints = await GetEndpointsAsync(cancellationToken);
        var uri = new Uri(endpoints.Search.GetLeftPart(UriPartial.Path) + query.ToQueryString());
        return await GetAsync(uri, ReadJson<SearchResponseDocument>, cancellationToken)
               ?? throw new RegistryUnavailableException($"The registry search at {endpoints.Search} answered 404.");
    }

    /// <summary>Every version of a package, listed or not; null when the registry does not know the id.</summary>
    public async Task<IReadOnlyList<RegistrationLeafDocument>?> GetRegistrationAsync(string id, CancellationToken cancellationToken)
    {
        var endpoints = await GetEndpointsAsync(cancellationToken);
        var index = await GetAsync(endpoints.Registration(id), ReadJson<RegistrationIndexDocument>, cancellationToken);
        if (index is null)
        {
            return null;
        }

        var leaves = new List<RegistrationLeafDocument>();
        foreach (var page in index.Items)
        {
            // Large packages get their pages by reference instead of inline.
            var items = page.Items;
            if (items is null && Uri.TryCreate(page.Id, UriKind.Absolute, out var pageUri))
            {
                items = (await GetAsync(pageUri, ReadJson<RegistrationPageDocument>, cancellationToken))?.Items;
            }

            leaves.AddRange(items ?? []);
        }

        return leaves;
    }

    /// <summary>The README markdown of one version; null when the package has none.</summary>
    public async Task<string?> GetReadmeAsync(string id, NuGetVersion version, CancellationToken cancellationToken)
    {
        var endpoints = await GetEndpointsAsync(cancellationToken);
        return await GetAsync(endpoints.Readme(id, version.ToNormalizedString()),
            ReadText, cancellationToken);
    }

    /// <summary>The icon of one version; null when the package has none (or an unreasonably large one).</summary>
    public async Task<RegistryBlob?> GetIconAsync(string id, NuGetVersion version, CancellationToken cancellationToken)
    {
        var endpoints = await GetEndpointsAsync(cancellationToken);
        return await GetAsync(endpoints.Icon(id, version.ToNormalizedString()), ReadIcon, cancellationToken);
    }

    private static async Task<T?> ReadJson<T>(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        return await JsonSerializer.DeserializeAsync<T>(stream, Json, cancellationToken);
    }

    private static async Task<string?> ReadText(HttpContent content, CancellationToken cancellationToken) =>
        await content.ReadAsStringAsync(cancellationToken);

    private static async Task<RegistryBlob?> ReadIcon(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength is > MaxIconBytes)
        {
            return null;
        }

        var bytes = await content.ReadAsByteArrayAsync(cancellationToken);
        var type = content.Headers.ContentType?.MediaType ?? "application/octet-stream";
        return bytes.Length > MaxIconBytes ? null : new RegistryBlob(bytes, type);
    }

    /// <summary>GET with the cache in front; a 404 is an answer (null) and is cached like any other.</summary>
    private async Task<T?> GetAsync<T>(Uri uri, Func<HttpContent, CancellationToken, Task<T?>> read, CancellationToken cancellationToken)
        where T : class
    {
        var key = "registry:" + uri.AbsoluteUri;
        if (cache.TryGetValue(key, out CachedAnswer<T>? cached) && cached is not null)
        {
            return cached.Value;
        }

        var (value, maxAge) = await FetchAsync(uri, read, cancellationToken);
        var ttl = TimeSpan.FromSeconds(_options.CacheSeconds);
        if (maxAge is { } registryMaxAge && registryMaxAge < ttl)
        {
            ttl = registryMaxAge;
        }

        if (ttl > TimeSpan.Zero)
        {
            cache.Set(key, new CachedAnswer<T>(value), new MemoryCacheEntryOptions
            {
                AbsoluteExpirationRelativeToNow = ttl,
                Size = 1,
            });
        }

        return value;
    }

    private async Task<(T? Value, TimeSpan? MaxAge)> FetchAsync<T>(
        Uri uri, Func<HttpContent, CancellationToken, Task<T?>> read, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var maxAge = response.Headers.CacheControl?.MaxAge;
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
            {
                return (null, maxAge);
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new RegistryUnavailableException($"The registry answered {(int)response.StatusCode} for {uri}.");
            }

            return (await read(response.Content, cancellationToken), maxAge);
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning(ex, "Registry request {Uri} failed", uri);
            throw new RegistryUnavailableException($"The registry at {_options.RegistryUrl} could not be reached.", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Registry request {Uri} timed out", uri);
            throw new RegistryUnavailableException($"The registry at {_options.RegistryUrl} did not answer in time.", ex);
        }
        catch (JsonException ex)
        {
            logger.LogWarning(ex, "Registry response {Uri} is not the expected JSON", uri);
            throw new RegistryUnavailableException($"The registry sent an unexpected response for {uri}.", ex);
        }
    }

    // Wraps the value so a cached 404 (null) can be told apart from a cache miss.
    private sealed record CachedAnswer<T>(T? Value);
}
