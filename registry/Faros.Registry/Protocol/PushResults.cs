using Faros.Registry.Packages;
using Microsoft.AspNetCore.Mvc;

namespace Faros.Registry.Protocol;

/// <summary>How a push outcome is answered over HTTP, the same for packages and symbol packages.</summary>
public static class PushResults
{
    public static IActionResult ToHttp(PushOutcome outcome) => outcome.Status switch
    {
        PushStatus.Created => new ObjectResult(new { id = outcome.Id, version = outcome.Version, message = outcome.Message, warning = outcome.Warning })
        {
            StatusCode = StatusCodes.Status201Created,
        },
        PushStatus.Duplicate => new ProblemResult(StatusCodes.Status409Conflict, outcome.Message),
        PushStatus.Forbidden => new ProblemResult(StatusCodes.Status403Forbidden, outcome.Message),
        PushStatus.PackageMissing => new ProblemResult(StatusCodes.Status404NotFound, outcome.Message),
        _ => new ProblemResult(StatusCodes.Status400BadRequest, outcome.Message),
    };
}
