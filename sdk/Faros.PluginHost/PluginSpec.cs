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
    /// <summary>"Id Version", for messages.</summary>
    public string DisplayName => $"{Id} {Version.ToNormalizedString()}";

    /// <summary>True when only the configuration differs from <paramref name="other"/>.</summary>
    public bool IsSamePackageAs(PluginSpec other) => Digest == other.Digest;

    /// <summary>True when both configurations are the same JSON.</summary>
    public bool HasSameConfigurationAs(PluginSpec other) =>
        System.Text.Json.JsonElement.DeepEquals(Configuration.Root, other.Configuration.Root);
}
