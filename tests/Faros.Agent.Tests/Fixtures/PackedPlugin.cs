using Faros.PluginHost;
using Faros.Sdk;
using NuGet.Versioning;

namespace Faros.Agent.Tests.Fixtures;

/// <summary>A packed test plugin and its digest (what the operator would resolve).</summary>
internal sealed record PackedPlugin(string Id, string Version, string Path, PackageDigest Digest)
{
    /// <summary>The spec an operator would resolve for it: exact version and digest, optionally a download URL.</summary>
    public PluginSpec Spec(Uri? downloadUrl = null, string configuration = "{}") =>
        new(Id, NuGetVersion.Parse(Version), Digest, downloadUrl, PluginConfiguration.Parse(configuration));
}
