using System.Text.Json.Nodes;
using Faros.Cli.Infrastructure;
using NuGet.Common;
using NuGet.Configuration;
using NuGet.Protocol;
using NuGet.Protocol.Core.Types;
using NuGet.Versioning;

namespace Faros.Cli.Registry;

/// <summary>
/// The Faros plugin registry through NuGet's own client: the service index names the search and registration
/// endpoints, and requests go through NuGet's HTTP source (retries, proxies, credentials from NuGet config).
/// Raw JSON is read because the registry's `faros` metadata is beyond what NuGet's typed models carry.
/// </summary>
public sealed class PluginRegistry : IDisposable
{
    public const string PluginPackageType = "FarosPlugin";

    private readonly SourceRepository _repository;
    private readonly SourceCacheContext _cache = new() { NoCache = true, DirectDownload = true };

    public PluginRegistry(Uri serviceIndex)
    {
        ServiceIndex = serviceIndex;
        _repository = Repository.Factory.GetCoreV3(new PackageSource(serviceIndex.ToString(), "faros") { AllowInsecureConnections = true });
    }

    public Uri ServiceIndex { get; }

    public async Task<PluginSearchResult> SearchAsync(PluginQuery query, CancellationToken cancellationToken)
    {
        var index = await _repository.GetResourceAsync<ServiceIndexResourceV3>(cancellationToken) ?? throw NotARegistry();
        var endpoint = index.GetServiceEntryUri(ServiceTypes.SearchQueryService)
            ?? throw new CliException(ExitCodes.Error, $"The registry at {ServiceIndex} offers no search service; is it a Faros registry?");
        var http = await _repository.GetResourceAsync<HttpSourceResource>(cancellationToken) ?? throw NotARegistry();
        var url = endpoint + "?" + query.ToQueryString(PluginPackageType);
        var document = await http.HttpSource.ProcessStreamAsync(
            new HttpSourceRequest(url, NullLogger.Instance),
            async stream => stream is null ? null : await JsonNode.ParseAsync(stream, cancellationToken: cancellationToken),
            NullLogger.Instance,
            cancellationToken);
        return PluginSearchResult.From(document as JsonObject ?? throw new CliException(ExitCodes.Error, $"The registry's search at {endpoint} answered with no JSON object."));
    }

    /// <summary>Every version's catalog entry, listed or not, oldest first; empty when the registry has no such package.</summary>
    public async Task<IReadOnlyList<JsonObject>> GetCatalogEntriesAsync(string packageId, CancellationToken cancellationToken)
    {
        var registration = await _repository.GetResourceAsync<RegistrationResourceV3>(cancellationToken) ?? throw NotARegistry();
        var entries = await registration.GetPackageMetadata(packageId, VersionRange.All, includePrerelease: true, includeUnlisted: true, _cache, NullLogger.Instance, cancellationToken);
        return entries
            .Select(entry => JsonNode.Parse(entry.ToString(Newtonsoft.Json.Formatting.None)) as JsonObject)
            .OfType<JsonObject>()
            .OrderBy(entry => NuGetVersion.Parse(entry["version"]!.GetValue<string>()))
            .ToList();
    }

    /// <summary>The PackagePublish/2.0.0 endpoint the service index names (PUT /api/v2/package on a Faros registry).</summary>
    public async Task<Uri> GetPublishUrlAsync(CancellationToken cancellationToken)
    {
        var index = await _repository.GetResourceAsync<ServiceIndexResourceV3>(cancellationToken) ?? throw NotARegistry();
        return index.GetServiceEntryUri(ServiceTypes.PackagePublish)
            ?? throw new CliException(ExitCodes.Error, $"The registry at {ServiceIndex} offers no PackagePublish service (push endpoint); is it a Faros registry, or a read-only mirror?");
    }

    /// <summary>
    /// Sends one PUT through NuGet's HTTP source (proxies and settings from NuGet config) once, never retried: the body
    /// is streamed, and a push is not idempotent. Any answer is returned; only a connection failure throws.
    /// </summary>
    public async Task<RegistryAnswer> PutAsync(Uri url, Func<HttpContent> content, string apiKey, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var http = await _repository.GetResourceAsync<HttpSourceResource>(cancellationToken) ?? throw NotARegistry();
        try
        {
            return await http.HttpSource.ProcessResponseAsync(
                new HttpSourceRequest(() =>
                {
                    var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = content() };
                    request.Headers.Add(ApiKeyHeader, apiKey);
                    return request;
                })
                {
                    MaxTries = 1,
                    RequestTimeout = timeout,
                },
                async response => await RegistryAnswer.ReadAsync(response, cancellationToken),
                NullLogger.Instance,
                cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException || (exception is TaskCanceledException or TimeoutException && !cancellationToken.IsCancellationRequested))
        {
            throw exception is TaskCanceledException or TimeoutException
                ? new CliException(ExitCodes.Timeout, $"The registry at {url} did not answer within {Durations.Format(timeout)}. Raise --timeout for a large package or a slow link.", exception)
                : new CliException(ExitCodes.Unreachable, $"Cannot reach the registry at {url}: {exception.Message}. Check the URL, that the registry is running, and your network.", exception);
        }
    }

    public const string ApiKeyHeader = "X-NuGet-ApiKey";

    public void Dispose() => _cache.Dispose();

    private CliException NotARegistry() =>
        new(ExitCodes.Error, $"{ServiceIndex} is not a NuGet v3 service index; pass the Faros registry's URL, e.g. https://registry.example.com/v3/index.json.");
}

/// <summary>A plugin search: free text plus the registry's plugin filters.</summary>
public sealed record PluginQuery(string? Text, string? Kind, string? Category, string? Side, bool Prerelease, int Take)
{
    public string ToQueryString(string packageType)
    {
        var parameters = new List<(string Name, string? Value)>
        {
            ("q", Text), ("packageType", packageType), ("kind", Kind), ("category", Category), ("side", Side),
            ("prerelease", Prerelease ? "true" : "false"), ("semVerLevel", "2.0.0"), ("take", Take.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        return string.Join('&', parameters.Where(parameter => !string.IsNullOrWhiteSpace(parameter.Value))
            .Select(parameter => $"{parameter.Name}={Uri.EscapeDataString(parameter.Value!)}"));
    }
}

/// <summary>One page of search hits as the registry returned them.</summary>
public sealed record PluginSearchResult(long TotalHits, IReadOnlyList<JsonObject> Hits)
{
    public static PluginSearchResult From(JsonObject document) => new(
        document["totalHits"]?.GetValue<long>() ?? 0,
        (document["data"] as JsonArray)?.OfType<JsonObject>().ToList() ?? []);
}
