using Faros.Marketplace.Catalog;
using Faros.Marketplace.Registry;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Faros.Marketplace.Pages.Publishers;

/// <summary>Everything one registry owner publishes, through the search's <c>owner:</c> filter.</summary>
public sealed class DetailsModel(PluginCatalog catalog) : PageModel
{
    private const int MaxShown = 100;

    public string Owner { get; private set; } = "";
    public SearchPage Packages { get; private set; } = SearchPage.Empty;
    public long TotalDownloads => Packages.Plugins.Sum(p => p.TotalDownloads);
    public bool AnyVerified => Packages.Plugins.Any(p => p.Verified);

    public async Task<IActionResult> OnGetAsync(string owner, CancellationToken cancellationToken)
    {
        // Quoted so an owner name with spaces stays one term.
        var term = owner.Contains(' ') ? $"owner:\"{owner}\"" : $"owner:{owner}";
        var page = await catalog.SearchAsync(new SearchQuery { Text = term, Take = MaxShown, Prerelease = true, SortBy = "downloads" }, cancellationToken);
        // The search may match loosely; a publisher page lists only what that exact owner owns.
        var owned = page.Plugins.Where(p => p.Owners.Contains(owner, StringComparer.OrdinalIgnoreCase)).ToList();
        if (owned.Count == 0)
        {
            return NotFound();
        }

        Owner = owned[0].Owners.First(o => string.Equals(o, owner, StringComparison.OrdinalIgnoreCase));
        Packages = new SearchPage(owned, Math.Max(page.TotalHits, owned.Count));
        return Page();
    }
}
