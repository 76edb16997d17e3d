using Faros.Registry.Hosting;
using Faros.Registry.Packages;
using Faros.Registry.Signing;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Faros.Registry.Protocol;

/// <summary>
/// Streams an uploaded package (the first file of a multipart body, or a raw body) to a temp file,
/// never holding it whole in memory, and stops as soon as it passes the size limit. A multipart part whose file
/// name ends in .sigstore.json is the package's Sigstore bundle, read into memory.
/// </summary>
public sealed class UploadReader(IOptions<RegistryOptions> options, IOptions<PublisherTrustOptions> trust)
{
    public async Task<(UploadedFile? File, ProblemResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxPackageSizeBytes;
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            // Multipart framing adds a little; the package itself is held to the limit below.
            bodyLimit.MaxRequestBodySize = limit + 64 * 1024;
        }

        if (request.ContentLength > limit + 64 * 1024)
        {
            return (null, TooLarge(limit));
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType) ||
            !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            var (raw, rawProblem) = await SpoolAsync(request.Body, limit, cancellationToken);
            return raw is null ? (null, rawProblem) : (new UploadedFile(raw.Value.Path, null, raw.Value.Length), null);
        }

        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            return (null, new ProblemResult(StatusCodes.Status400BadRequest, "The multipart body has no boundary. Push with 'dotnet nuget push'."));
        }

        // The package is the first file part that is not a bundle; a part named *.sigstore.json is its Sigstore bundle,
        // before or after it, so that a publisher proves the signature in the same request.
        var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = null };
        (string Path, long Length)? package = null;
        string? fileName = null;
        byte[]? bundle = null;
        try
        {
            MultipartSection? section;
            while ((section = await reader.ReadNextSectionAsync(cancellationToken)) is not null)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFileDisposition())
                {
                    continue;
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.FileName.HasValue ? disposition.FileName : disposition.FileNameStar).Value;
                if (name?.EndsWith(SigstoreBundleSuffix, StringComparison.OrdinalIgnoreCase) == true)
                {
                    if (bundle is not null)
                    {
                        return (null, Discard(package, new ProblemResult(StatusCodes.Status400BadRequest, "The push holds more than one Sigstore bundle part. Send one .sigstore.json with the package.")));
                    }

                    (bundle, var bundleProblem) = await ReadBundleAsync(section.Body, trust.Value.MaxBundleSizeBytes, cancellationToken);
                    if (bundle is null)
                    {
                        return (null, Discard(package, bundleProblem!));
                    }
                }
                else if (package is null)
                {
                    var (spooled, problem) = await SpoolAsync(section.Body, limit, cancellationToken);
                    if (spooled is null)
                    {
                        return (null, problem);
                    }

                    package = spooled;
                    fileName = name;
                }
            }
        }
        catch (Exception exception) when (package is not null)
        {
            // A later part failed: the spooled package must not outlive the request.
            File.Delete(package.Value.Path);
            if (exception is BadHttpRequestException or IOException)
            {
                return (null, new ProblemResult(StatusCodes.Status400BadRequest, $"The upload could not be read: {exception.Message}"));
            }

            throw;
        }

        if (package is not { } stored)
        {
            return (null, new ProblemResult(StatusCodes.Status400BadRequest, "The multipart body holds no package file. Send the .nupkg as a file part."));
        }

        return (new UploadedFile(stored.Path, fileName, stored.Length) { SigstoreBundle = bundle }, null);
    }

    /// <summary>The file-name ending that marks a multipart part as the package's Sigstore bundle.</summary>
    public const string SigstoreBundleSuffix = ".sigstore.json";

    /// <summary>Reads a Sigstore bundle (small JSON) into memory, refusing one over the limit.</summary>
    public static async Task<(byte[]? Bundle, ProblemResult? Problem)> ReadBundleAsync(Stream source, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int read;
        try
        {
            while ((read = await source.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return (null, new ProblemResult(StatusCodes.Status413PayloadTooLarge,
                        $"The Sigstore bundle is larger than this registry's limit of {limit} bytes. A bundle is a few kilobytes of JSON: send the .sigstore.json a Sigstore client wrote."));
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException exception)
        {
            return (null, new ProblemResult(StatusCodes.Status400BadRequest, $"The Sigstore bundle could not be read: {exception.Message}"));
        }

        return buffer.Length == 0
            ? (null, new ProblemResult(StatusCodes.Status400BadRequest, "The Sigstore bundle is empty. Send the .sigstore.json a Sigstore client wrote."))
            : (buffer.ToArray(), null);
    }

    private async Task<((string Path, long Length)? File, ProblemResult? Problem)> SpoolAsync(Stream source, long limit, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.Value.UploadsPath);
        var path = Path.Combine(options.Value.UploadsPath, Guid.NewGuid().ToString("N") + ".upload");
        long written = 0;
        try
        {
            await using var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
            var buffer = new byte[81920];
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
            {
                written += read;
                if (written > limit)
                {
                    throw new PackageTooLargeException();
                }

                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        catch (Exception exception) when (exception is PackageTooLargeException or BadHttpRequestException)
        {
            File.Delete(path);
            return (null, exception is PackageTooLargeException || (exception as BadHttpRequestException)?.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? TooLarge(limit)
                : new ProblemResult(StatusCodes.Status400BadRequest, $"The upload could not be read: {exception.Message}"));
        }
        catch
        {
            File.Delete(path);
            throw;
        }

        if (written == 0)
        {
            File.Delete(path);
            return (null, new ProblemResult(StatusCodes.Status400BadRequest, "The upload is empty. Push a .nupkg file."));
        }

        return ((path, written), null);
    }

    private static ProblemResult Discard((string Path, long Length)? spooled, ProblemResult problem)
    {
        if (spooled is { } file)
        {
            File.Delete(file.Path);
        }

        return problem;
    }

    private static ProblemResult TooLarge(long limit) => new(
        StatusCodes.Status413PayloadTooLarge,
        $"The package is larger than this registry's limit of {limit} bytes. Make it smaller, or have an administrator raise Registry:MaxPackageSizeBytes.");

    private sealed class PackageTooLargeException : Exception;
}
