using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using NuGet.Common;
using NuGet.Configuration;
using NuGet.Protocol;
using NuGet.Protocol.Core.Types;
using NuGet.Versioning;

namespace Faros.Operator.PluginCatalog;

/// <summary>
/// The Faros registry seen through NuGet.Protocol: versions of a package with their listing, hash, download URL
/// and the plugin's SDK range from the registry's "faros" metadata. Answers are cached per package for a short
/// time so a thousand agents referencing one plugin cost one registry request.
/// </summary>
public sealed class RegistryCatalog
{
    private readonly SourceRepository _repository;
    private readonly TimeSpan _cacheFor;
    private readonly ILogger<RegistryCatalog> _logger;
    private readonly ConcurrentDictionary<string, (DateTimeOffset Until, Task<IReadOnlyList<CatalogVersion>> Versions)> _cache = new(StringComparer.OrdinalIgnoreCase);
    private long _requests;

    public RegistryCatalog(Uri serviceIndex, TimeSpan cacheFor, ILogger<RegistryCatalog> logger)
    {
        var source = new PackageSource(serviceIndex.AbsoluteUri) { AllowInsecureConnections = serviceIndex.Scheme == Uri.UriSchemeHttp };
        _repository = Repository.Factory.GetCoreV3(source);
        _cacheFor = cacheFor;
        _logger = logger;
        ServiceIndex = serviceIndex;
    }

    public Uri ServiceIndex { get; }

    /// <summary>Registry lookups made (cache misses).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Every version of <paramref name="id"/>, listed or not; empty when the registry has no such package.</summary>
    /// <exception cref="RegistryUnavailableException">The registry did not answer.</exception>
    public Task<IReadOnlyList<CatalogVersion>> GetVersionsAsync(string id, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var entry = _cache.AddOrUpdate(id,
            _ => (now + _cacheFor, FetchAsync(id, cancellationToken)),
            (_, existing) => existing.Until > now && !existing.Versions.IsFaulted && !existing.Versions.IsCanceled ? existing : (now + _cacheFor, FetchAsync(id, cancellationToken)));
        return entry.Versions;
    }

    /// <summary>Forgets the cached answers about these packages: the registry said they changed.</summary>
    public void Invalidate(IEnumerable<string> ids)
    {
        foreach (var id in ids)
        {
            _cache.TryRemove(id, out _);
        }
    }

    /// <summary>Forgets every cached answer.</summary>
    public void InvalidateAll() => _cache.Clear();

    /// <summary>The URL of a resource the registry's service index advertises, or null when it has none of that type.</summary>
    /// <exception cref="RegistryUnavailableException">The registry did not answer.</exception>
    public async Task<Uri?> FindResourceAsync(string type, CancellationToken cancellationToken)
    {
        try
        {
            var index = await _repository.GetResourceAsync<ServiceIndexResourceV3>(cancellationToken)
                ?? throw new RegistryUnavailableException($"{ServiceIndex} is not a NuGet v3 service index.");
            return index.GetServiceEntryUri(type);
        }
        catch (Exception exception) when (exception is not RegistryUnavailableException && IsUnavailable(exception, cancellationToken))
        {
            throw new RegistryUnavailableException($"Reading the service index {ServiceIndex} failed: {exception.Message}", exception);
        }
    }

    /// <summary>Ids of the Faros plugins whose id is <paramref name="name"/> or ends with ".<paramref name="name"/>".</summary>
    /// <exception cref="RegistryUnavailableException">The registry did not answer.</exception>
    public async Task<IReadOnlyList<string>> FindPluginIdsAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            Interlocked.Increment(ref _requests);
            var search = await _repository.GetResourceAsync<PackageSearchResource>(cancellationToken)
                ?? throw new RegistryUnavailableException($"{ServiceIndex} offers no search service.");
            var filter = new SearchFilter(includePrerelease: true) { PackageType = Faros.Sdk.Manifest.PluginPackageConventions.PackageType };
            var hits = await search.SearchAsync(name, filter, 0, 50, NullLogger.Instance, cancellationToken);
            return hits.Select(hit => hit.Identity.Id)
                .Where(id => CatalogNames.Matches(id, name))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToList();
        }
        catch (Exception exception) when (IsUnavailable(exception, cancellationToken))
        {
            throw new RegistryUnavailableException($"Searching {ServiceIndex} for '{name}' failed: {exception.Message}", exception);
        }
    }

    private async Task<IReadOnlyList<CatalogVersion>> FetchAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            Interlocked.Increment(ref _requests);
            var registration = await _repository.GetResourceAsync<RegistrationResourceV3>(cancellationToken)
                ?? throw new RegistryUnavailableException($"{ServiceIndex} offers no registration service.");
            using var cache = new SourceCacheContext { NoCache = true, DirectDownload = true };
            var entries = await registration.GetPackageMetadata(id, includePrerelease: true, includeUnlisted: true, cache, NullLogger.Instance, cancellationToken);
            return entries.Select(Parse).Where(v => v is not null).Select(v => v!).ToList();
        }
        catch (Exception exception) when (IsUnavailable(exception, cancellationToken))
        {
            _logger.LogWarning("Registry {ServiceIndex} did not answer for {PackageId}: {Error}", ServiceIndex, id, exception.Message);
            throw new RegistryUnavailableException($"Reading package {id} from {ServiceIndex} failed: {exception.Message}", exception);
        }
    }

    private static CatalogVersion? Parse(JObject entry)
    {
        if (!NuGetVersion.TryParse(entry.Value<string>("version"), out var version))
        {
            return null;
        }

        var content = entry.Value<string>("packageContent");
        return new CatalogVersion(
            entry.Value<string>("id") ?? "",
            version,
            entry.Value<bool?>("listed") ?? true,
            entry.Value<string>("packageHash"),
            content is null ? null : new Uri(content),
            entry["faros"]?.Value<string>("sdkRange"))
        {
            Side = entry["faros"]?.Value<string>("side"),
        };
    }

    private static bool IsUnavailable(Exception exception, CancellationToken cancellationToken) =>
        exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested;
}
