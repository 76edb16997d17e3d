using Faros.Registry.Authentication;
using Faros.Registry.Packages;
using Microsoft.AspNetCore.Mvc;

namespace Faros.Registry.Protocol;

/// <summary>
/// The shared front half of every push endpoint: authenticate the key before reading a byte of the body,
/// spool the upload, hand it to the ingestion step, and always delete the spooled file.
/// </summary>
public sealed class PushRequestHandler(UploadReader uploads, ApiKeyAuthenticator authenticator)
{
    public const string ApiKeyHeader = "X-NuGet-ApiKey";

    public async Task<IActionResult> HandleAsync(HttpContext context, Func<UploadedFile, ApiKey, CancellationToken, Task<PushOutcome>> ingest)
    {
        var cancellationToken = context.RequestAborted;
        var key = await authenticator.AuthenticateAsync(context.Request.Headers[ApiKeyHeader], cancellationToken);
        if (key is null)
        {
            return new ProblemResult(StatusCodes.Status403Forbidden, PublisherAuthorization.MissingKey);
        }

        var (upload, problem) = await uploads.ReadAsync(context.Request, cancellationToken);
        if (upload is null)
        {
            return problem!;
        }

        using (upload)
        {
            return PushResults.ToHttp(await ingest(upload, key, cancellationToken));
        }
    }
}
