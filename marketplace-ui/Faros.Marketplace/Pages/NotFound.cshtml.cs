using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Faros.Marketplace.Pages;

/// <summary>The 404 page. Also reached by re-execution for any 404, so it keeps the status whatever the path.</summary>
public sealed class NotFoundModel : PageModel
{
    public string? RequestedPath { get; private set; }

    public void OnGet()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        var feature = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>();
        RequestedPath = feature?.OriginalPath;
    }
}
