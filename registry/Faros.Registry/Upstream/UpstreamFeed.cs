using Faros.Registry.Authentication;
using Faros.Registry.Hosting;
using NuGet.Common;
using NuGet.Configuration;
using NuGet.Protocol;
using NuGet.Protocol.Core.Types;
using NuGet.Versioning;

namespace Faros.Registry.Upstream;

/// <summary>One upstream v3 feed, read with NuGet.Protocol: its versions of an id, a package's bytes, and search.</summary>
public sealed class UpstreamFeed
{
    private readonly SourceRepository repository;
    private readonly IReadOnlyList<IdPattern> ids;

    public UpstreamFeed(UpstreamSourceOptions options)
    {
        Name = options.Name;
        IncludeInSearch = options.IncludeInSearch;
        ids = options.Ids.Select(glob => new IdPattern(glob)).ToList();
        var source = new PackageSource(options.ServiceIndex, options.Name) { AllowInsecureConnections = true };
        repository = Repository.Factory.GetCoreV3(source);
    }

    public string Name { get; }
    public bool IncludeInSearch { get; }

    /// <summary>Who mirrored packages belong to, so no publisher can push over them.</summary>
    public string Owner => "upstream:" + Name;

    public bool Serves(string packageId) => ids.Any(pattern => pattern.Matches(packageId));

    public async Task<IReadOnlyList<NuGetVersion>> GetVersionsAsync(string id, CancellationToken cancellationToken)
    {
        var resource = await ResourceAsync<FindPackageByIdResource>(cancellationToken);
        using var cache = new SourceCacheContext { NoCache = true, DirectDownload = true };
        var versions = await resource.GetAllVersionsAsync(id, cache, NullLogger.Instance, cancellationToken);
        return versions?.ToList() ?? [];
    }

    public async Task<bool> DownloadAsync(string id, NuGetVersion version, Stream destination, CancellationToken cancellationToken)
    {
        var resource = await ResourceAsync<FindPackageByIdResource>(cancellationToken);
        using var cache = new SourceCacheContext { NoCache = true, DirectDownload = true };
        return await resource.CopyNupkgToStreamAsync(id, version, destination, cache, NullLogger.Instance, cancellationToken);
    }

    /// <summary>One page of the upstream's search. NuGet.Protocol does not expose the upstream's total, only the hits.</summary>
    public async Task<IReadOnlyList<IPackageSearchMetadata>> SearchAsync(string text, bool includePrerelease, int skip, int take, CancellationToken cancellationToken)
    {
        var search = await ResourceAsync<PackageSearchResource>(cancellationToken);
        return (await search.SearchAsync(text, new SearchFilter(includePrerelease), skip, take, NullLogger.Instance, cancellationToken)).ToList();
    }

    private async Task<T> ResourceAsync<T>(CancellationToken cancellationToken)
        where T : class, INuGetResource =>
        await repository.GetResourceAsync<T>(cancellationToken)
        ?? throw new InvalidOperationException($"Upstream '{Name}' does not offer the {typeof(T).Name} resource; is its ServiceIndex a v3 feed?");
}
