using Faros.Sdk;
using NuGet.Versioning;

namespace Faros.PluginHost;

/// <summary>
/// One plugin the host should run: the resolved package (id, exact version, digest) and its configuration.
/// The operator resolves these into the Agent's <c>status.plugins</c>; the host never picks versions itself.
/// </summary>
/// <param name="Id">Package id (also the plugin's name).</param>
/// <param name="Version">Exact version.</param>
/// <param name="Digest">The package's sha512 digest, as the registry's <c>packageHash</c>.</param>
/// <param name="DownloadUrl">The resolved nupkg URL; when null the host resolves it from its service index.</param>
/// <param name="Configuration">The plugin's configuration object.</param>
public sealed record PluginSpec(
    string Id,
    NuGetVersion Version,
    PackageDigest Digest,
    Uri? DownloadUrl,
    PluginConfiguration Configuration)
{
    /// <summary>
    /// A pin as the operator writes it into an Agent's <c>status.plugins[]</c> (exact version, <c>sha512-</c> digest,
    /// optional download URL) with its reference's inline configuration; null when the version is not exact or the
    /// digest unreadable. The agent and the operator's hub-side plugins read pins through this one rule.
    /// </summary>
    public static PluginSpec? FromPin(string package, string? version, string? digest, string? downloadUrl, System.Text.Json.Nodes.JsonObject? configuration) =>
        NuGetVersion.TryParse(version, out var exact) && PackageDigest.TryParse(digest) is { } parsed
            ? new PluginSpec(
                package,
                exact,
                parsed,
                downloadUrl is { } url ? new Uri(url) : null,
                configuration is { } config ? new PluginConfiguration(System.Text.Json.JsonSerializer.SerializeToElement(config)) : PluginConfiguration.Empty)
            : null;

    /// <summary>"Id Version", for messages.</summary>
    public string DisplayName => $"{Id} {Version.ToNormalizedString()}";

    /// <summary>True when only the configuration differs from <paramref name="other"/>.</summary>
    public bool IsSamePackageAs(PluginSpec other) => Digest == other.Digest;

    /// <summary>True when both configurations are the same JSON.</summary>
    public bool HasSameConfigurationAs(PluginSpec other) =>
        System.Text.Json.JsonElement.DeepEquals(Configuration.Root, other.Configuration.Root);
}
