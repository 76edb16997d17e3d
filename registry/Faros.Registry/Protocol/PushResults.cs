using Faros.Registry.Packages;
using Microsoft.AspNetCore.Mvc;

namespace Faros.Registry.Protocol;

/// <summary>How a push outcome is answered over HTTP, the same for packages and symbol packages.</summary>
public static class PushResults
{
    public static IActionResult ToHttp(PushOutcome outcome) => outcome.Status switch
    {
        PushStatus.Created => new CreatedResult(outcome),
        PushStatus.Duplicate => new ProblemResult(StatusCodes.Status409Conflict, outcome.Message),
        PushStatus.Forbidden => new ProblemResult(StatusCodes.Status403Forbidden, outcome.Message),
        PushStatus.PackageMissing => new ProblemResult(StatusCodes.Status404NotFound, outcome.Message),
        _ => new ProblemResult(StatusCodes.Status400BadRequest, outcome.Message),
    };
}

/// <summary>
/// 201 with the stored id and version; a trust-policy warning also goes into X-NuGet-Warning, which `dotnet nuget push`
/// prints, since the CLI never shows the body.
/// </summary>
internal sealed class CreatedResult(PushOutcome outcome) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context)
    {
        if (outcome.Warning is { } warning)
        {
            context.HttpContext.Response.Headers["X-NuGet-Warning"] = new string(warning.Select(character => character is >= ' ' and <= '~' ? character : '?').ToArray());
        }

        return new ObjectResult(new { id = outcome.Id, version = outcome.Version, message = outcome.Message, warning = outcome.Warning })
        {
            StatusCode = StatusCodes.Status201Created,
        }.ExecuteResultAsync(context);
    }
}
