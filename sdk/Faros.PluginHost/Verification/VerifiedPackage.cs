using Faros.Sdk.Manifest;

namespace Faros.PluginHost.Verification;

/// <summary>A package that passed digest, trust and manifest checks, and who vouched for it.</summary>
public sealed record VerifiedPackage(PluginSpec Spec, string PackagePath, string? SigstoreBundlePath, string Signer, PluginManifest Manifest);
