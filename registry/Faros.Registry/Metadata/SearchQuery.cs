namespace Faros.Registry.Metadata;

public enum SearchSort
{
    Relevance,
    Downloads,
    Published,
    Id,
}

/// <summary>A parsed search request: free text terms plus filters.</summary>
public sealed record SearchQuery
{
    public IReadOnlyList<string> Terms { get; init; } = [];
    public string? Owner { get; init; }
    public string? IdFilter { get; init; }
    public string? PackageType { get; init; }
    public PluginFilter? Plugin { get; init; }
    public bool IncludePrerelease { get; init; }
    public bool IncludeSemVer2 { get; init; }
    public SearchSort Sort { get; init; } = SearchSort.Relevance;
    public int Skip { get; init; }
    public int Take { get; init; } = 20;
}

/// <summary>
/// Filters on a plugin's manifest: its category, a kind it reconciles, the side it runs on (both matches either); and
/// on its signer: only versions whose signer the registry's trust policy allowed.
/// </summary>
public sealed record PluginFilter(string? Category, string? Kind, string? Side, bool VerifiedOnly = false);

/// <summary>One page of hits, each with the versions that pass the filters, newest last.</summary>
public sealed record SearchPage(long TotalHits, IReadOnlyList<SearchHit> Hits);

public sealed record SearchHit(PackageIdRecord PackageId, IReadOnlyList<PackageRecord> Versions)
{
    public PackageRecord Latest => Versions[^1];
}

public sealed record AutocompleteQuery(string Prefix, bool IncludePrerelease, bool IncludeSemVer2, string? PackageType, int Skip, int Take);

public sealed record AutocompletePage(long TotalHits, IReadOnlyList<string> Ids);
