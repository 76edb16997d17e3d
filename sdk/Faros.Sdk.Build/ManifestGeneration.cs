using Faros.Sdk.Manifest;

namespace Faros.Sdk.Build;

/// <summary>The outcome of generating a manifest: the manifest written (if any) and every error found.</summary>
internal sealed record ManifestGeneration(PluginManifest? Manifest, IReadOnlyList<BuildError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}
