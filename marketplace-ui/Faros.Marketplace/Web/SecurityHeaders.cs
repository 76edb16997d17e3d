namespace Faros.Marketplace.Web;

/// <summary>
/// Headers that keep third-party content (READMEs, icons) from doing harm even if the sanitizer ever misses
/// something: no inline script, no framing, no MIME sniffing.
/// </summary>
public static class SecurityHeaders
{
    // README images may come from anywhere over https; everything else is same-origin.
    private const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' https: data:; script-src 'self'; style-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            return next(context);
        });
}
