using Faros.Registry.Feed;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Faros.Registry.Protocol;

/// <summary>
/// Serves a precomputed JSON document: 304 when the client's ETag matches, the gzip copy when the client
/// accepts it, and headers only for HEAD.
/// </summary>
public sealed class DocumentResult(CachedDocument document, string cacheControl = "no-cache") : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        var request = context.HttpContext.Request;
        var response = context.HttpContext.Response;
        var headers = response.Headers;
        headers.ETag = document.ETag;
        headers.CacheControl = cacheControl;
        headers.Vary = HeaderNames.AcceptEncoding;

        var ifNoneMatch = request.Headers.IfNoneMatch.ToString();
        if (ifNoneMatch.Length > 0 && (ifNoneMatch == "*" || ifNoneMatch.Contains(document.ETag, StringComparison.Ordinal)))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.ContentType = "application/json; charset=utf-8";
        var body = document.Body;
        if (AcceptsGzip(request))
        {
            body = document.Gzip;
            headers.ContentEncoding = "gzip";
        }

        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(request.Method))
        {
            await response.Body.WriteAsync(body, context.HttpContext.RequestAborted);
        }
    }

    private static bool AcceptsGzip(HttpRequest request)
    {
        foreach (var value in request.Headers.AcceptEncoding)
        {
            if (value is not null && value.Contains("gzip", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
