using System.Text.Json;
using Faros.Registry.Authentication;
using Faros.Registry.Metadata;
using Faros.Registry.Packages;
using Faros.Registry.Signing;
using Microsoft.AspNetCore.Mvc;

namespace Faros.Registry.Protocol;

/// <summary>PackagePublish/2.0.0: push, unlist (DELETE), relist (POST), and deprecation of a version.</summary>
[ApiController]
[Route("api/v2/package")]
public sealed class PackagePublishController(
    PushRequestHandler pushes,
    ApiKeyAuthenticator authenticator,
    PackageIngestion ingestion,
    PackageListing listing,
    SigstoreBundleAttachment bundles,
    PublisherTrust trust) : ControllerBase
{
    private const string ApiKeyHeader = PushRequestHandler.ApiKeyHeader;

    /// <remarks>No bound parameters: any would make MVC read the multipart form into memory before the action runs.</remarks>
    [HttpPut]
    [DisableRequestSizeLimit]
    public Task<IActionResult> Push() => pushes.HandleAsync(HttpContext, ingestion.PushAsync);

    /// <summary>
    /// Attaches a Sigstore bundle (the request body, JSON) to a stored package. The trust policy judges the package with
    /// it first; nothing is stored unless it passes. Same key rules as a push of that id.
    /// </summary>
    [HttpPut("{id}/{version}/sigstore")]
    public async Task<IActionResult> AttachSigstoreBundle(string id, string version)
    {
        var cancellationToken = HttpContext.RequestAborted;
        var key = await authenticator.AuthenticateAsync(Request.Headers[ApiKeyHeader], cancellationToken);
        if (key is null)
        {
            return new ProblemResult(StatusCodes.Status403Forbidden, PublisherAuthorization.MissingKey);
        }

        var (bundle, problem) = await UploadReader.ReadBundleAsync(Request.Body, trust.MaxBundleSizeBytes, cancellationToken);
        return bundle is null ? problem! : PushResults.ToHttp(await bundles.AttachAsync(key, id, version, bundle, cancellationToken));
    }

    [HttpDelete("{id}/{version}")]
    public async Task<IActionResult> Unlist(string id, string version, [FromQuery] bool hardDelete, CancellationToken cancellationToken)
    {
        var key = await authenticator.AuthenticateAsync(Request.Headers[ApiKeyHeader], cancellationToken);
        var outcome = hardDelete
            ? await listing.DeleteAsync(key, id, version, cancellationToken)
            : await listing.SetListedAsync(key, id, version, listed: false, cancellationToken);
        return ToHttp(outcome);
    }

    [HttpPost("{id}/{version}")]
    public async Task<IActionResult> Relist(string id, string version, CancellationToken cancellationToken)
    {
        var key = await authenticator.AuthenticateAsync(Request.Headers[ApiKeyHeader], cancellationToken);
        return ToHttp(await listing.SetListedAsync(key, id, version, listed: true, cancellationToken));
    }

    /// <summary>Marks a version deprecated: body {"reasons":["Legacy"|"CriticalBugs"|"Other"], "message", "alternatePackageId", "alternatePackageRange"}.</summary>
    [HttpPut("{id}/{version}/deprecation")]
    public async Task<IActionResult> Deprecate(string id, string version, [FromBody] JsonElement body, CancellationToken cancellationToken)
    {
        DeprecationRecord? deprecation;
        try
        {
            deprecation = body.Deserialize<DeprecationRecord>(new JsonSerializerOptions(JsonSerializerDefaults.Web));
        }
        catch (JsonException exception)
        {
            return new ProblemResult(StatusCodes.Status400BadRequest, $"The deprecation is not valid JSON of the expected shape: {exception.Message}");
        }

        if (deprecation is null || deprecation.Reasons is not { Count: > 0 })
        {
            return new ProblemResult(StatusCodes.Status400BadRequest, "A deprecation needs at least one reason: Legacy, CriticalBugs or Other.");
        }

        var key = await authenticator.AuthenticateAsync(Request.Headers[ApiKeyHeader], cancellationToken);
        return ToHttp(await listing.SetDeprecationAsync(key, id, version, deprecation, cancellationToken));
    }

    [HttpDelete("{id}/{version}/deprecation")]
    public async Task<IActionResult> Undeprecate(string id, string version, CancellationToken cancellationToken)
    {
        var key = await authenticator.AuthenticateAsync(Request.Headers[ApiKeyHeader], cancellationToken);
        return ToHttp(await listing.SetDeprecationAsync(key, id, version, null, cancellationToken));
    }

    private static IActionResult ToHttp(ListingOutcome outcome) => outcome.Status switch
    {
        ListingStatus.Done => new NoContentResult(),
        ListingStatus.NotFound => new ProblemResult(StatusCodes.Status404NotFound, outcome.Message),
        _ => new ProblemResult(StatusCodes.Status403Forbidden, outcome.Message),
    };
}
