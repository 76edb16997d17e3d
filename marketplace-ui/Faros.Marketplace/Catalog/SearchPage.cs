namespace Faros.Marketplace.Catalog;

/// <summary>One page of search results and how many there are in all.</summary>
public sealed record SearchPage(IReadOnlyList<PluginSummary> Plugins, long TotalHits)
{
    public static readonly SearchPage Empty = new([], 0);
}
