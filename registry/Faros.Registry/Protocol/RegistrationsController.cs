using Faros.Registry.Feed;
using Faros.Registry.Hosting;
using Microsoft.AspNetCore.Mvc;
using NuGet.Versioning;

namespace Faros.Registry.Protocol;

/// <summary>RegistrationsBaseUrl/3.6.0: the registration index, its pages and its leaves, served precomputed.</summary>
[ApiController]
[Route("v3/registration/{id}")]
public sealed class RegistrationsController(PackageViewCache views, BaseUrlResolver baseUrls) : ControllerBase
{
    [HttpGet("index.json")]
    [HttpHead("index.json")]
    public async Task<IActionResult> Index(string id, CancellationToken cancellationToken)
    {
        var view = await views.GetAsync(id.ToLowerInvariant(), cancellationToken);
        if (view is null)
        {
            return NotFound(id);
        }

        var urls = baseUrls.Resolve(Request);
        return new DocumentResult(view.Document("index|" + urls.Base, () => RegistrationDocuments.Index(urls, view)));
    }

    [HttpGet("page/{lower}/{upper}.json")]
    [HttpHead("page/{lower}/{upper}.json")]
    public async Task<IActionResult> Page(string id, string lower, string upper, CancellationToken cancellationToken)
    {
        var view = await views.GetAsync(id.ToLowerInvariant(), cancellationToken);
        if (view is null)
        {
            return NotFound(id);
        }

        var urls = baseUrls.Resolve(Request);
        var key = $"page|{urls.Base}|{lower.ToLowerInvariant()}|{upper.ToLowerInvariant()}";
        var page = view.Document(key, () => RegistrationDocuments.Page(urls, view, lower.ToLowerInvariant(), upper.ToLowerInvariant()) ?? Missing);
        return ReferenceEquals(page, Missing)
            ? new ProblemResult(StatusCodes.Status404NotFound, $"{id} has no registration page from {lower} to {upper}; read the index for the current pages.")
            : new DocumentResult(page);
    }

    [HttpGet("{version}.json")]
    [HttpHead("{version}.json")]
    public async Task<IActionResult> Leaf(string id, string version, CancellationToken cancellationToken)
    {
        var view = await views.GetAsync(id.ToLowerInvariant(), cancellationToken);
        var package = view is not null && NuGetVersion.TryParse(version, out var parsed)
            ? view.Find(parsed.ToNormalizedString().ToLowerInvariant())
            : null;
        if (package is null)
        {
            return new ProblemResult(StatusCodes.Status404NotFound, $"{id} {version} is not in this registry.");
        }

        var urls = baseUrls.Resolve(Request);
        return new DocumentResult(view!.Document($"leaf|{urls.Base}|{package.LowerVersion}", () => RegistrationDocuments.Leaf(urls, package)));
    }

    /// <summary>Stands for "no such page" in the document cache, so repeated misses stay cheap.</summary>
    private static readonly CachedDocument Missing = new([]);

    private static ProblemResult NotFound(string id) => new(StatusCodes.Status404NotFound, $"No package with the id '{id}' is in this registry.");
}
