namespace Faros.Marketplace.Catalog;

/// <summary>Everything the plugin page shows for one version of one plugin.</summary>
public sealed record PluginDetails
{
    public required string Id { get; init; }
    public required PluginVersion Selected { get; init; }
    public required bool IsLatest { get; init; }
    public required string LatestVersion { get; init; }
    public required string DisplayName { get; init; }
    public required string Description { get; init; }
    public required IReadOnlyList<string> Authors { get; init; }
    public required IReadOnlyList<string> Owners { get; init; }
    public required IReadOnlyList<string> Tags { get; init; }
    public required IReadOnlyList<string> PackageTypes { get; init; }
    public required IReadOnlyList<string> TargetFrameworks { get; init; }
    public required long? TotalDownloads { get; init; }
    public required bool HasIcon { get; init; }
    public required string? License { get; init; }
    public required Uri? ProjectUrl { get; init; }
    public required Signer? Signer { get; init; }
    public required FarosTraits Faros { get; init; }

    /// <summary>Sanitized HTML; null when the version has no README.</summary>
    public required string? ReadmeHtml { get; init; }

    /// <summary>Newest first.</summary>
    public required IReadOnlyList<PluginVersion> Versions { get; init; }

    public required InstallSnippets Install { get; init; }

    public string Version => Selected.Normalized;
}
