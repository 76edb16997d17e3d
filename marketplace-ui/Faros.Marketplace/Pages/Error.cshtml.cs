using Faros.Marketplace.Registry;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Faros.Marketplace.Pages;

/// <summary>
/// Unhandled errors. A registry outage is a 503 (retry later) rather than a 500, and says so in plain words.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public bool RegistryUnavailable { get; private set; }

    public void OnGet() => Describe();

    public void OnPost() => Describe();

    private void Describe()
    {
        var error = HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error;
        RegistryUnavailable = error is RegistryUnavailableException;
        Response.StatusCode = RegistryUnavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
        if (RegistryUnavailable)
        {
            Response.Headers.RetryAfter = "30";
        }
    }
}
