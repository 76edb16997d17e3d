using Faros.Registry.Feed;
using Microsoft.Extensions.Options;

namespace Faros.Registry.Hosting;

/// <summary>
/// The base URL that feed documents are written with: the configured public URL, or else the one the
/// client used, as X-Forwarded-Proto and X-Forwarded-Host report it behind a proxy.
/// </summary>
public sealed class BaseUrlResolver(IOptions<RegistryOptions> options)
{
    private readonly FeedUrls? configured = string.IsNullOrEmpty(options.Value.PublicBaseUrl) ? null : new FeedUrls(options.Value.PublicBaseUrl);
    private FeedUrls? lastSeen;

    public FeedUrls Resolve(HttpRequest request)
    {
        if (configured is not null)
        {
            return configured;
        }

        var forwardedScheme = FirstValue(request.Headers["X-Forwarded-Proto"]);
        var scheme = forwardedScheme is "http" or "https" ? forwardedScheme : request.Scheme;
        var host = FirstValue(request.Headers["X-Forwarded-Host"]) is { } forwardedHost && IsPlainHost(forwardedHost) ? forwardedHost : request.Host.Value;
        var baseUrl = $"{scheme}://{host}{request.PathBase}";
        // Almost every request has the same base; reuse its FeedUrls rather than allocating one per request.
        var last = lastSeen;
        if (last is not null && last.Base == baseUrl)
        {
            return last;
        }

        return lastSeen = new FeedUrls(baseUrl);
    }

    public string? MarketplaceUrl => options.Value.MarketplaceUrl;

    /// <summary>A host name or address with an optional port; anything else in the header is ignored rather than echoed into URLs.</summary>
    private static bool IsPlainHost(string host) =>
        host.Length <= 255 && host.All(character => char.IsAsciiLetterOrDigit(character) || character is '.' or '-' or ':' or '[' or ']');

    private static string? FirstValue(Microsoft.Extensions.Primitives.StringValues values)
    {
        var value = values.ToString();
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var comma = value.IndexOf(',');
        return (comma >= 0 ? value[..comma] : value).Trim();
    }
}
