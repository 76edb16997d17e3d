using Faros.Registry.Search;
using Microsoft.AspNetCore.Mvc;

namespace Faros.Registry.Protocol;

/// <summary>SearchAutocompleteService: ids matching ?q=, or the versions of ?id=.</summary>
[ApiController]
[Route("v3/autocomplete")]
public sealed class AutocompleteController(SearchService search) : ControllerBase
{
    [HttpGet]
    [HttpHead]
    public async Task<IActionResult> Autocomplete(CancellationToken cancellationToken)
    {
        var id = Request.Query["id"].ToString();
        if (id.Length > 0)
        {
            if (!SearchRequest.TryBool(Request.Query["prerelease"], "prerelease", out var prerelease, out var boolError))
            {
                return new ProblemResult(StatusCodes.Status400BadRequest, boolError!);
            }

            var semVer2 = SearchRequest.IncludesSemVer2(Request.Query["semVerLevel"]);
            return new DocumentResult(await search.AutocompleteVersionsAsync(id, prerelease, semVer2, cancellationToken));
        }

        var (query, error) = SearchRequest.ParseAutocomplete(Request.Query);
        return query is null
            ? new ProblemResult(StatusCodes.Status400BadRequest, error!)
            : new DocumentResult(await search.AutocompleteIdsAsync(query, cancellationToken));
    }
}
