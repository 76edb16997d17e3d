using Faros.Marketplace.Catalog;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Faros.Marketplace.Pages.Packages;

/// <summary>One plugin, at its latest version or at the version in the URL.</summary>
public sealed class DetailsModel(PluginCatalog catalog) : PageModel
{
    public PluginDetails Plugin { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, string? version, CancellationToken cancellationToken)
    {
        var plugin = await catalog.GetDetailsAsync(id, version, cancellationToken);
        if (plugin is null)
        {
            return NotFound();
        }

        Plugin = plugin;
        return Page();
    }
}
