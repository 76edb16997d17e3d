using Faros.Marketplace.Catalog;
using Faros.Marketplace.Configuration;
using Faros.Marketplace.Registry;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Faros.Marketplace.Pages;

/// <summary>Home: featured, newest and most downloaded plugins, and the categories to browse.</summary>
public sealed class IndexModel(PluginCatalog catalog, CategoryDirectory categories, IOptions<MarketplaceOptions> options) : PageModel
{
    private const int ListSize = 6;

    public IReadOnlyList<PluginSummary> Featured { get; private set; } = [];
    public IReadOnlyList<PluginSummary> Newest { get; private set; } = [];
    public IReadOnlyList<PluginSummary> MostDownloaded { get; private set; } = [];
    public IReadOnlyList<string> Categories { get; private set; } = [];
    public long PluginCount { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var plugins = new SearchQuery { Take = ListSize, PackageType = catalog.PluginPackageType };
        // Independent registry calls: run them together so a cold home page costs one round trip, not four.
        var featured = FeaturedAsync(plugins, cancellationToken);
        var newest = catalog.SearchAsync(plugins with { SortBy = "published" }, cancellationToken);
        var popular = catalog.SearchAsync(plugins with { SortBy = "downloads" }, cancellationToken);
        var categoryList = categories.GetDeclaredAsync(cancellationToken);
        await Task.WhenAll(featured, newest, popular, categoryList);

        Featured = featured.Result;
        Newest = newest.Result.Plugins;
        MostDownloaded = popular.Result.Plugins;
        PluginCount = popular.Result.TotalHits;
        Categories = categoryList.Result;
    }

    private async Task<IReadOnlyList<PluginSummary>> FeaturedAsync(SearchQuery plugins, CancellationToken cancellationToken)
    {
        var chosen = options.Value.Featured;
        if (chosen.Count == 0)
        {
            // Nothing curated: feature what a verified publisher signed, most used first.
            return (await catalog.SearchAsync(plugins with { VerifiedOnly = true, SortBy = "downloads" }, cancellationToken)).Plugins;
        }

        var lookups = chosen.Take(ListSize).Select(async id =>
        {
            var page = await catalog.SearchAsync(new SearchQuery { Text = $"packageid:{id}", Take = 5 }, cancellationToken);
            return page.Plugins.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase));
        });
        return [.. (await Task.WhenAll(lookups)).OfType<PluginSummary>()];
    }
}
