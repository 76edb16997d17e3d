using Faros.Registry.Downloads;
using Faros.Registry.Feed;
using Faros.Registry.Hosting;
using Faros.Registry.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Faros.Registry.Upstream;
using NuGet.Versioning;

namespace Faros.Registry.Protocol;

/// <summary>PackageBaseAddress/3.0.0: version lists, .nupkg (with ranges), .nuspec, README, icon, and the Sigstore bundle.</summary>
[ApiController]
[Route("v3/package/{id}")]
public sealed class FlatContainerController(
    PackageViewCache views,
    IPackageFileStore files,
    PackageContentCache contentCache,
    DownloadCounter downloads,
    UpstreamMirror upstream,
    RegistryMetrics metrics) : ControllerBase
{
    private const string Immutable = "public, max-age=31536000, immutable";

    [HttpGet("index.json")]
    [HttpHead("index.json")]
    public async Task<IActionResult> Versions(string id, CancellationToken cancellationToken)
    {
        var view = await views.GetAsync(id.ToLowerInvariant(), cancellationToken);
        if (upstream.FeedFor(id) is not null)
        {
            // Read-through: local and upstream versions together, so a restore can pick either.
            var merged = (view?.Versions.Select(version => NuGetVersion.Parse(version.Version)) ?? [])
                .Concat(await upstream.VersionsAsync(id, cancellationToken))
                .ToList();
            return merged.Count == 0
                ? NotFoundProblem($"No package with the id '{id}' is in this registry or its upstream.")
                : new DocumentResult(VersionListDocument.Build(merged));
        }

        return view is null
            ? NotFoundProblem($"No package with the id '{id}' is in this registry.")
            : new DocumentResult(view.Document("versions", () => VersionListDocument.Build(view.Versions.Select(version => NuGetVersion.Parse(version.Version)))));
    }

    [HttpGet("{version}/{fileName}")]
    [HttpHead("{version}/{fileName}")]
    public async Task<IActionResult> Content(string id, string version, string fileName, CancellationToken cancellationToken)
    {
        var (_, package) = await FindAsync(id, version, cancellationToken);
        if (package is null)
        {
            return NotFoundProblem($"{id} {version} is not in this registry.");
        }

        if (fileName.Equals($"{package.LowerId}.{package.LowerVersion}.nupkg", StringComparison.OrdinalIgnoreCase))
        {
            var etag = new EntityTagHeaderValue("\"" + package.Sha512[..22].Replace('/', '_').Replace('+', '-') + "\"");
            if (HttpMethods.IsGet(Request.Method) && !IsRevalidation() && !IsLaterRange())
            {
                downloads.Record(package.Key);
                metrics.PackageDownloaded();
            }

            if (HttpMethods.IsGet(Request.Method) && files.DirectDownloadUrl(package.LowerId, package.LowerVersion) is { } direct)
            {
                Response.Headers.CacheControl = "no-store";
                return Redirect(direct.ToString());
            }

            return await ServeAsync(package.LowerId, package.LowerVersion, PackageFileKind.Package, "application/octet-stream", etag, package.Size, cancellationToken);
        }

        if (fileName.Equals($"{package.LowerId}.nuspec", StringComparison.OrdinalIgnoreCase))
        {
            return await ServeAsync(package.LowerId, package.LowerVersion, PackageFileKind.Nuspec, "application/xml", null, null, cancellationToken);
        }

        if (fileName.Equals($"{package.LowerId}.{package.LowerVersion}.sigstore.json", StringComparison.OrdinalIgnoreCase))
        {
            // Immutable once stored (a second bundle is refused), so it is cached like the nupkg; the ETag is the package's
            // hash because there is at most one bundle per package.
            return package.HasSigstoreBundle
                ? await ServeAsync(package.LowerId, package.LowerVersion, PackageFileKind.SigstoreBundle, "application/vnd.dev.sigstore.bundle.v0.3+json",
                    new EntityTagHeaderValue("\"sigstore-" + package.Sha512[..22].Replace('/', '_').Replace('+', '-') + "\""), null, cancellationToken)
                : NotFoundProblem($"{package.Id} {package.Version} has no Sigstore bundle in this registry.");
        }

        if (fileName.Equals($"{package.LowerId}.{package.LowerVersion}.snupkg", StringComparison.OrdinalIgnoreCase) && package.HasSymbols)
        {
            return await ServeAsync(package.LowerId, package.LowerVersion, PackageFileKind.SymbolPackage, "application/octet-stream", null, null, cancellationToken);
        }

        return NotFoundProblem($"'{fileName}' is not a file of {package.Id} {package.Version}. Expected {package.LowerId}.{package.LowerVersion}.nupkg or {package.LowerId}.nuspec.");
    }

    [HttpGet("{version}/readme")]
    [HttpHead("{version}/readme")]
    public async Task<IActionResult> Readme(string id, string version, CancellationToken cancellationToken)
    {
        var (_, package) = await FindAsync(id, version, cancellationToken);
        return package is { HasReadme: true }
            ? await ServeAsync(package.LowerId, package.LowerVersion, PackageFileKind.Readme, "text/markdown; charset=utf-8", null, null, cancellationToken)
            : NotFoundProblem($"{id} {version} has no README in this registry.");
    }

    [HttpGet("{version}/icon")]
    [HttpHead("{version}/icon")]
    public async Task<IActionResult> Icon(string id, string version, CancellationToken cancellationToken)
    {
        var (_, package) = await FindAsync(id, version, cancellationToken);
        if (package is not { HasIcon: true })
        {
            return NotFoundProblem($"{id} {version} has no embedded icon in this registry.");
        }

        var contentType = Path.GetExtension(package.IconFile)?.ToLowerInvariant() switch
        {
            ".png" => "image/png",
            ".jpg" or ".jpeg" => "image/jpeg",
            ".gif" => "image/gif",
            ".svg" => "application/octet-stream",
            _ => "application/octet-stream",
        };
        return await ServeAsync(package.LowerId, package.LowerVersion, PackageFileKind.Icon, contentType, null, null, cancellationToken);
    }

    private async Task<(PackageIdView? View, Metadata.PackageRecord? Package)> FindAsync(string id, string version, CancellationToken cancellationToken)
    {
        if (!NuGetVersion.TryParse(version, out var parsed))
        {
            return (null, null);
        }

        var lowerVersion = parsed.ToNormalizedString().ToLowerInvariant();
        var view = await views.GetAsync(id.ToLowerInvariant(), cancellationToken);
        if (view?.Find(lowerVersion) is null && upstream.FeedFor(id) is not null && await upstream.FetchAsync(id, parsed, cancellationToken))
        {
            // Fetched once from the upstream and kept: from now on it is served like any local package.
            view = await views.GetAsync(id.ToLowerInvariant(), cancellationToken);
        }

        return (view, view?.Find(lowerVersion));
    }

    private async Task<IActionResult> ServeAsync(
        string lowerId, string lowerVersion, PackageFileKind kind, string contentType, EntityTagHeaderValue? etag, long? size, CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = Immutable;
        var key = $"{lowerId}/{lowerVersion}/{kind}";
        if (contentCache.Find(key) is { } cached)
        {
            return new FileContentResult(cached, contentType) { EntityTag = etag, EnableRangeProcessing = true };
        }

        var stream = await files.OpenAsync(lowerId, lowerVersion, kind, cancellationToken);
        if (stream is null)
        {
            return NotFoundProblem("The file is missing from storage. An administrator should check the registry's storage.");
        }

        if (size is not null && contentCache.WouldKeep(stream.Length))
        {
            var content = new byte[stream.Length];
            await using (stream)
            {
                await stream.ReadExactlyAsync(content, cancellationToken);
            }

            contentCache.Keep(key, content);
            return new FileContentResult(content, contentType) { EntityTag = etag, EnableRangeProcessing = true };
        }

        return new FileStreamResult(stream, contentType) { EntityTag = etag, EnableRangeProcessing = true };
    }

    private bool IsRevalidation() => Request.Headers.IfNoneMatch.Count > 0;

    private bool IsLaterRange() => Request.Headers.Range.Count > 0 && !Request.Headers.Range.ToString().StartsWith("bytes=0-", StringComparison.Ordinal);

    private static ProblemResult NotFoundProblem(string message) => new(StatusCodes.Status404NotFound, message);
}
