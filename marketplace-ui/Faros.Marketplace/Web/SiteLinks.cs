using Faros.Marketplace.Catalog;

namespace Faros.Marketplace.Web;

/// <summary>The site's URL scheme in one place, so pages, the sitemap and tests agree on it.</summary>
public static class SiteLinks
{
    public const string DefaultIcon = "/img/plugin.svg";

    public static string Plugin(string id) => $"/packages/{Uri.EscapeDataString(id)}";

    public static string Plugin(string id, string version) =>
        $"/packages/{Uri.EscapeDataString(id)}/{Uri.EscapeDataString(version)}";

    public static string Publisher(string owner) => $"/publishers/{Uri.EscapeDataString(owner)}";

    public static string Category(string category) => $"/search?category={Uri.EscapeDataString(category)}";

    public static string Icon(string id, string version) =>
        $"/icons/{Uri.EscapeDataString(id.ToLowerInvariant())}/{Uri.EscapeDataString(version.ToLowerInvariant())}";

    public static string Icon(PluginSummary plugin) => plugin.HasIcon ? Icon(plugin.Id, plugin.Version) : DefaultIcon;

    public static string Icon(PluginDetails plugin) => plugin.HasIcon ? Icon(plugin.Id, plugin.Version) : DefaultIcon;
}
