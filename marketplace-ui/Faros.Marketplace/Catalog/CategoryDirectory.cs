using Faros.Marketplace.Configuration;
using Faros.Marketplace.Registry;
using Microsoft.Extensions.Options;

namespace Faros.Marketplace.Catalog;

/// <summary>
/// The categories offered on the home page and in the search filter. The registry has no category list of its
/// own, so this merges the configured starter set with the categories the most popular plugins declare.
/// </summary>
public sealed class CategoryDirectory(PluginCatalog catalog, IOptions<MarketplaceOptions> options)
{
    private const int SampleSize = 100;

    /// <summary>Categories plugins declare, for browsing: every one of them leads to at least one plugin.</summary>
    public async Task<IReadOnlyList<string>> GetDeclaredAsync(CancellationToken cancellationToken) =>
        Sorted(await SampleAsync(cancellationToken));

    /// <summary>Declared categories plus the configured starter set, for the search filter.</summary>
    public async Task<IReadOnlyList<string>> GetAsync(CancellationToken cancellationToken) =>
        Sorted((await SampleAsync(cancellationToken)).Concat(options.Value.Categories));

    private async Task<IEnumerable<string>> SampleAsync(CancellationToken cancellationToken)
    {
        // Same query every time, so the registry client's cache makes this cheap.
        var sample = await catalog.SearchAsync(new SearchQuery
        {
            Take = SampleSize,
            SortBy = "downloads",
            PackageType = catalog.PluginPackageType,
        }, cancellationToken);
        return sample.Plugins.Select(p => p.Faros.Category).OfType<string>();
    }

    private static List<string> Sorted(IEnumerable<string> categories) =>
        categories
            .Where(c => !string.IsNullOrWhiteSpace(c))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.OrdinalIgnoreCase)
            .ToList();
}
