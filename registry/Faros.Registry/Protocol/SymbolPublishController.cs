using Faros.Registry.Authentication;
using Faros.Registry.Packages;
using Microsoft.AspNetCore.Mvc;

namespace Faros.Registry.Protocol;

/// <summary>SymbolPackagePublish/4.9.0: a .snupkg is stored next to the package it belongs to.</summary>
[ApiController]
[Route("api/v2/symbolpackage")]
public sealed class SymbolPublishController(UploadReader uploads, ApiKeyAuthenticator authenticator, PackageIngestion ingestion) : ControllerBase
{
    [HttpPut]
    [DisableRequestSizeLimit]
    public async Task<IActionResult> Push()
    {
        // No bound parameters here: any would make MVC read the multipart form into memory before the action runs.
        var cancellationToken = HttpContext.RequestAborted;
        var key = await authenticator.AuthenticateAsync(Request.Headers["X-NuGet-ApiKey"], cancellationToken);
        if (key is null)
        {
            return new ProblemResult(StatusCodes.Status403Forbidden, PublisherAuthorization.MissingKey);
        }

        var (upload, problem) = await uploads.ReadAsync(Request, cancellationToken);
        if (upload is null)
        {
            return problem!;
        }

        using (upload)
        {
            return PushResults.ToHttp(await ingestion.PushSymbolsAsync(upload, key, cancellationToken));
        }
    }
}
