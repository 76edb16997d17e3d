using Faros.Marketplace.Configuration;
using Microsoft.Extensions.Options;

namespace Faros.Marketplace.Web;

/// <summary>
/// Absolute URLs for OpenGraph tags and the sitemap. Behind a proxy the request's host may be internal, so a
/// configured public origin wins over the request.
/// </summary>
public sealed class PublicUrls(IOptions<MarketplaceOptions> options)
{
    public string Absolute(HttpRequest request, string pathAndQuery)
    {
        var origin = options.Value.PublicUrl is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : $"{request.Scheme}://{request.Host}{request.PathBase}";
        return origin + (pathAndQuery.StartsWith('/') ? pathAndQuery : "/" + pathAndQuery);
    }
}
