using Faros.Marketplace.Catalog;
using Faros.Marketplace.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Faros.Marketplace.Pages;

/// <summary>Full-text search with filters, sorting and paging, all in the query string.</summary>
public sealed class SearchModel(PluginCatalog catalog, CategoryDirectory categories) : PageModel
{
    public SearchFilters Filters { get; private set; } = new();
    public SearchPage Results { get; private set; } = SearchPage.Empty;
    public IReadOnlyList<string> Categories { get; private set; } = [];
    public string PluginPackageType => catalog.PluginPackageType;

    public int PageCount => (int)Math.Min(SearchFilters.MaxPage, (Results.TotalHits + SearchFilters.PageSize - 1) / SearchFilters.PageSize);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Filters = SearchFilters.From(Request.Query);
        var results = catalog.SearchAsync(Filters.ToQuery(catalog.PluginPackageType), cancellationToken);
        var categoryList = categories.GetAsync(cancellationToken);
        await Task.WhenAll(results, categoryList);
        Results = results.Result;
        Categories = categoryList.Result;
        // A shared link may name a category no plugin declares yet; keep it selectable.
        if (Filters.Category is { } selected && !Categories.Contains(selected, StringComparer.OrdinalIgnoreCase))
        {
            Categories = [selected, .. Categories];
        }
    }
}
