using Faros.Registry.Hosting;
using Faros.Registry.Search;
using Microsoft.AspNetCore.Mvc;

namespace Faros.Registry.Protocol;

/// <summary>SearchQueryService/3.5.0.</summary>
[ApiController]
[Route("v3/search")]
public sealed class SearchController(SearchService search, BaseUrlResolver baseUrls) : ControllerBase
{
    [HttpGet]
    [HttpHead]
    public async Task<IActionResult> Search(CancellationToken cancellationToken)
    {
        var (query, error) = SearchRequest.Parse(Request.Query);
        if (query is null)
        {
            return new ProblemResult(StatusCodes.Status400BadRequest, error!);
        }

        return new DocumentResult(await search.SearchAsync(baseUrls.Resolve(Request), query, cancellationToken));
    }
}
