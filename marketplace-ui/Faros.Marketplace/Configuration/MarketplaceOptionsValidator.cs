using Microsoft.Extensions.Options;

namespace Faros.Marketplace.Configuration;

/// <summary>
/// Fails start-up with a message an operator can act on, instead of a first request failing deep inside HttpClient.
/// </summary>
public sealed class MarketplaceOptionsValidator : IValidateOptions<MarketplaceOptions>
{
    public ValidateOptionsResult Validate(string? name, MarketplaceOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.RegistryUrl))
        {
            failures.Add("Marketplace:RegistryUrl is not set. Point it at the Faros registry, e.g. " +
                         "Marketplace__RegistryUrl=http://127.0.0.1:5000 (the site reads <url>/v3/index.json).");
        }
        else if (!Uri.TryCreate(options.RegistryUrl, UriKind.Absolute, out var uri) ||
                 (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"Marketplace:RegistryUrl '{options.RegistryUrl}' is not an absolute http(s) URL.");
        }

        if (options.CacheSeconds is < 0 or > 3600)
        {
            failures.Add("Marketplace:CacheSeconds must be between 0 and 3600.");
        }

        if (options.PageCacheSeconds is < 0 or > 86400)
        {
            failures.Add("Marketplace:PageCacheSeconds must be between 0 and 86400.");
        }

        if (!string.IsNullOrEmpty(options.PublicUrl) && !Uri.TryCreate(options.PublicUrl, UriKind.Absolute, out _))
        {
            failures.Add($"Marketplace:PublicUrl '{options.PublicUrl}' is not an absolute URL.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
