using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.AspNetCore.Mvc;

namespace Faros.Registry.Protocol;

/// <summary>
/// An error as application/problem+json. The message also goes into the HTTP reason phrase, because that
/// is what the NuGet client prints when a push or delete fails.
/// </summary>
public sealed class ProblemResult(int status, string detail) : IActionResult
{
    public int Status { get; } = status;
    public string Detail { get; } = detail;

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = Status;
        var reason = Detail.Replace('\r', ' ').Replace('\n', ' ');
        if (context.HttpContext.Features.Get<IHttpResponseFeature>() is { } feature && reason.All(character => character is >= ' ' and <= '~'))
        {
            feature.ReasonPhrase = reason.Length > 400 ? reason[..400] : reason;
        }

        response.ContentType = "application/problem+json";
        await JsonSerializer.SerializeAsync(response.Body, new
        {
            type = $"https://httpstatuses.io/{Status}",
            title = ReasonPhrases.GetReasonPhrase(Status),
            status = Status,
            detail = Detail,
        }, cancellationToken: context.HttpContext.RequestAborted);
    }
}
