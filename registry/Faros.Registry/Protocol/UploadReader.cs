using Faros.Registry.Hosting;
using Faros.Registry.Packages;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Faros.Registry.Protocol;

/// <summary>
/// Streams an uploaded package (the first file of a multipart body, or a raw body) to a temp file,
/// never holding it whole in memory, and stops as soon as it passes the size limit.
/// </summary>
public sealed class UploadReader(IOptions<RegistryOptions> options)
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

        Stream source = request.Body;
        string? fileName = null;
        MultipartReader? reader = null;
        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType) &&
            mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
            if (string.IsNullOrEmpty(boundary))
            {
                return (null, new ProblemResult(StatusCodes.Status400BadRequest, "The multipart body has no boundary. Push with 'dotnet nuget push'."));
            }

            reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = null };
            MultipartSection? section;
            while ((section = await reader.ReadNextSectionAsync(cancellationToken)) is not null)
            {
                if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) && disposition.IsFileDisposition())
                {
                    fileName = HeaderUtilities.RemoveQuotes(disposition.FileName.HasValue ? disposition.FileName : disposition.FileNameStar).Value;
                    source = section.Body;
                    break;
                }
            }

            if (section is null)
            {
                return (null, new ProblemResult(StatusCodes.Status400BadRequest, "The multipart body holds no file. Send the .nupkg as a file part."));
            }
        }

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

        return (new UploadedFile(path, fileName, written), null);
    }

    private static ProblemResult TooLarge(long limit) => new(
        StatusCodes.Status413PayloadTooLarge,
        $"The package is larger than this registry's limit of {limit} bytes. Make it smaller, or have an administrator raise Registry:MaxPackageSizeBytes.");

    private sealed class PackageTooLargeException : Exception;
}
