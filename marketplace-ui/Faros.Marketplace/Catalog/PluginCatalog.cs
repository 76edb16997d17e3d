using Faros.Marketplace.Configuration;
using Faros.Marketplace.Registry;
using Faros.Marketplace.Registry.Wire;
using Faros.Marketplace.Rendering;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using NuGet.Versioning;

namespace Faros.Marketplace.Catalog;

/// <summary>
/// The marketplace's view of the registry: searches, plugin pages and publishers, assembled from the registry's
/// public v3 resources. Plugin pages are cached whole (README already rendered and sanitized) so a warm page
/// costs one dictionary look-up.
/// </summary>
public sealed class PluginCatalog(
    RegistryClient registry,
    ReadmeRenderer readmes,
    IMemoryCache cache,
    IOptions<MarketplaceOptions> options)
{
    private readonly MarketplaceOptions _options = options.Value;

    public string PluginPackageType => _options.PluginPackageType;

    public async Task<SearchPage> SearchAsync(SearchQuery query, CancellationToken cancellationToken)
    {
        var response = await registry.SearchAsync(query, cancellationToken);
        var plugins = response.Data.Select(PluginSummary.From).ToList();
        if (!FarosFilter.HasFilters(query))
        {
            return new SearchPage(plugins, response.TotalHits);
        }

        var matching = plugins.Where(p => FarosFilter.Matches(p, query)).ToList();
        // Anything dropped means the registry ignored a filter, so its total counts the unfiltered set; the
        // honest total is what this page kept (and paging stops here).
        return matching.Count == plugins.Count
            ? new SearchPage(plugins, response.TotalHits)
            : new SearchPage(matching, query.Skip + matching.Count);
    }

    /// <summary>A plugin at one version (or its latest); null when the id or the version is unknown.</summary>
    public async Task<PluginDetails?> GetDetailsAsync(string id, string? version, CancellationToken cancellationToken)
    {
        NuGetVersion? requested = null;
        if (version is not null && !NuGetVersion.TryParse(version, out requested))
        {
            return null;
        }

        var key = $"details:{id.ToLowerInvariant()}:{requested?.ToNormalizedString().ToLowerInvariant()}";
        if (cache.TryGetValue(key, out PluginDetails? cached) && cached is not null)
        {
            return cached;
        }

        var details = await BuildDetailsAsync(id, requested, cancellationToken);
        if (details is not null && _options.CacheSeconds > 0)
        {
            cache.Set(key, details, new MemoryCacheEntryOptions
            {
                AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(_options.CacheSeconds),
                Size = 1,
            });
        }

        return details;
    }

    private async Task<PluginDetails?> BuildDetailsAsync(string id, NuGetVersion? requested, CancellationToken cancellationToken)
    {
        var leaves = await registry.GetRegistrationAsync(id, cancellationToken);
        if (leaves is null || leaves.Count == 0)
        {
            return null;
        }

        var hit = await FindSearchHitAsync(id, cancellationToken);
        var downloads = (hit?.Versions ?? [])
            .Where(v => NuGetVersion.TryParse(v.Version, out _))
            .GroupBy(v => NuGetVersion.Parse(v.Version))
            .ToDictionary(g => g.Key, g => g.Sum(v => v.Downloads));

        var entries = leaves
            .Select(leaf => (Entry: leaf.CatalogEntry, Version: NuGetVersion.TryParse(leaf.CatalogEntry.Version, out var v) ? v : null))
            .Where(e => e.Version is not null)
            .Select(e => (e.Entry, Version: e.Version!))
            .OrderByDescending(e => e.Version)
            .ToList();
        if (entries.Count == 0)
        {
            return null;
        }

        var versions = entries
            .Select(e => PluginVersion.From(e.Entry, e.Version, downloads.TryGetValue(e.Version, out var d) ? d : null))
            .ToList();
        var latest = DefaultVersion(versions);
        var selectedVersion = requested is null ? latest : versions.FirstOrDefault(v => v.Version == requested);
        if (selectedVersion is null)
        {
            return null;
        }

        var entry = entries.First(e => e.Version == selectedVersion.Version).Entry;
        var readme = await registry.GetReadmeAsync(entry.Id is { Length: > 0 } ? entry.Id : id, selectedVersion.Version, cancellationToken);
        var packageId = string.IsNullOrEmpty(entry.Id) ? hit?.Id ?? id : entry.Id;

        return new PluginDetails
        {
            Id = packageId,
            Selected = selectedVersion,
            IsLatest = selectedVersion == latest,
            LatestVersion = latest.Normalized,
            DisplayName = FirstNonBlank(entry.Title, hit?.Title) ?? packageId,
            Description = FirstNonBlank(entry.Description, entry.Summary, hit?.Description) ?? "",
            Authors = entry.Authors.Count > 0 ? entry.Authors : hit?.Authors ?? [],
            Owners = hit?.Owners ?? [],
            Tags = entry.Tags.Count > 0 ? entry.Tags : hit?.Tags ?? [],
            PackageTypes = [.. (entry.PackageTypes ?? hit?.PackageTypes ?? []).Select(t => t.Name).Where(n => n.Length > 0)],
            TargetFrameworks = [.. (entry.DependencyGroups ?? [])
                .Select(g => g.TargetFramework)
                .OfType<string>()
                .Where(tf => tf.Length > 0)
                .Distinct(StringComparer.OrdinalIgnoreCase)],
            TotalDownloads = hit?.TotalDownloads,
            HasIcon = !string.IsNullOrWhiteSpace(entry.IconUrl) || !string.IsNullOrWhiteSpace(hit?.IconUrl),
            License = FirstNonBlank(entry.LicenseExpression),
            ProjectUrl = Uri.TryCreate(entry.ProjectUrl, UriKind.Absolute, out var project) &&
                         (project.Scheme == Uri.UriSchemeHttps || project.Scheme == Uri.UriSchemeHttp)
                ? project
                : null,
            Signer = Signer.From(entry.Signer ?? hit?.Signer),
            Faros = FarosTraits.From(entry.Faros ?? hit?.Faros),
            ReadmeHtml = string.IsNullOrWhiteSpace(readme) ? null : readmes.Render(readme),
            Versions = versions,
            Install = InstallSnippets.For(packageId, selectedVersion.Normalized),
        };
    }

    /// <summary>The search hit carries what registrations lack: owners and download counts.</summary>
    private async Task<SearchHitDocument?> FindSearchHitAsync(string id, CancellationToken cancellationToken)
    {
        foreach (var text in new[] { $"packageid:{id}", id })
        {
            var response = await registry.SearchAsync(new SearchQuery { Text = text, Take = 20, Prerelease = true }, cancellationToken);
            var hit = response.Data.FirstOrDefault(h => string.Equals(h.Id, id, StringComparison.OrdinalIgnoreCase));
            if (hit is not null)
            {
                return hit;
            }
        }

        return null;
    }

    /// <summary>What /packages/{id} shows: the newest listed stable version, else the newest listed one, else the newest.</summary>
    private static PluginVersion DefaultVersion(IReadOnlyList<PluginVersion> newestFirst) =>
        newestFirst.FirstOrDefault(v => v.Listed && !v.Version.IsPrerelease)
        ?? newestFirst.FirstOrDefault(v => v.Listed)
        ?? newestFirst[0];

    private static string? FirstNonBlank(params string?[] values) =>
        values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
}
