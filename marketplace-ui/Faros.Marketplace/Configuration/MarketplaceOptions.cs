namespace Faros.Marketplace.Configuration;

/// <summary>Settings bound from the <c>Marketplace</c> configuration section.</summary>
public sealed class MarketplaceOptions
{
    public const string SectionName = "Marketplace";

    /// <summary>Base URL of the Faros registry; the site discovers everything else from its service index.</summary>
    public string RegistryUrl { get; set; } = "";

    /// <summary>
    /// Longest time a registry response is reused. Kept short because publishers expect a push to show up
    /// within seconds; a shorter max-age sent by the registry wins.
    /// </summary>
    public int CacheSeconds { get; set; } = 30;

    /// <summary>max-age sent to browsers and proxies for HTML pages.</summary>
    public int PageCacheSeconds { get; set; } = 30;

    /// <summary>The NuGet package type that marks a Faros plugin; the default search scope.</summary>
    public string PluginPackageType { get; set; } = "FarosPlugin";

    /// <summary>Optional public origin (https://marketplace.example) for absolute links in OpenGraph tags and the sitemap.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>Package ids shown first on the home page; when empty, verified plugins are featured.</summary>
    public List<string> Featured { get; set; } = [];

    /// <summary>Categories offered before any plugin declares one, so the filters are never empty.</summary>
    public List<string> Categories { get; set; } = [];

    /// <summary>Parsed <see cref="RegistryUrl"/>; only valid after validation succeeded.</summary>
    public Uri RegistryBaseUri => new(RegistryUrl.TrimEnd('/') + "/", UriKind.Absolute);
}
