using Faros.Marketplace.Registry;
using Faros.Marketplace.Web;
using NuGet.Versioning;

namespace Faros.Marketplace.Endpoints;

/// <summary>
/// Serves package icons from our origin. The browser never talks to the registry (which may be internal), and an
/// uploaded SVG is sandboxed so opening it directly cannot run script on the marketplace's origin.
/// </summary>
public static class IconEndpoint
{
    private static readonly HashSet<string> ImageTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "image/png", "image/jpeg", "image/gif", "image/webp", "image/x-icon", "image/vnd.microsoft.icon", "image/svg+xml",
    };

    public static IEndpointRouteBuilder MapIcons(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/icons/{id}/{version}", async (string id, string version, RegistryClient registry,
            HttpContext context, CancellationToken cancellationToken) =>
        {
            if (!NuGetVersion.TryParse(version, out var parsed))
            {
                return Results.NotFound();
            }

            var icon = await registry.GetIconAsync(id, parsed, cancellationToken);
            if (icon is null || !ImageTypes.Contains(icon.ContentType))
            {
                // A version's icon never changes, so neither does the answer that it has none.
                context.Response.Headers.CacheControl = "public, max-age=300";
                return Results.Redirect(SiteLinks.DefaultIcon);
            }

            context.Response.Headers.CacheControl = "public, max-age=86400";
            context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
            return Results.Bytes(icon.Content, icon.ContentType);
        });
        return endpoints;
    }
}
