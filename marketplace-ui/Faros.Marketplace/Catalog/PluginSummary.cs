using Faros.Marketplace.Registry.Wire;
using NuGet.Versioning;

namespace Faros.Marketplace.Catalog;

/// <summary>A plugin as shown in lists (search results, home page, publisher page).</summary>
public sealed record PluginSummary(
    string Id,
    string Version,
    string DisplayName,
    string Summary,
    IReadOnlyList<string> Authors,
    IReadOnlyList<string> Owners,
    IReadOnlyList<string> Tags,
    long TotalDownloads,
    bool Verified,
    bool HasIcon,
    bool IsPrerelease,
    DateTimeOffset? Published,
    FarosTraits Faros)
{
    private const int SummaryLength = 220;

    public static PluginSummary From(SearchHitDocument hit)
    {
        var signer = Signer.From(hit.Signer);
        return new PluginSummary(
            Id: hit.Id,
            Version: hit.Version,
            DisplayName: string.IsNullOrWhiteSpace(hit.Title) ? hit.Id : hit.Title.Trim(),
            Summary: Shorten(string.IsNullOrWhiteSpace(hit.Summary) ? hit.Description : hit.Summary),
            Authors: hit.Authors,
            Owners: hit.Owners,
            Tags: hit.Tags,
            TotalDownloads: hit.TotalDownloads,
            Verified: signer?.Verified ?? hit.Verified,
            HasIcon: !string.IsNullOrWhiteSpace(hit.IconUrl),
            IsPrerelease: NuGetVersion.TryParse(hit.Version, out var version) && version.IsPrerelease,
            Published: hit.Published,
            Faros: FarosTraits.From(hit.Faros));
    }

    // Lists show a teaser; the plugin page has the full description.
    private static string Shorten(string? text)
    {
        var flat = string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= SummaryLength ? flat : flat[..SummaryLength].TrimEnd() + "…";
    }
}
