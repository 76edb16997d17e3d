using NuGet.Versioning;

namespace Faros.PluginHost.Verification;

/// <summary>A package awaiting the trust decision.</summary>
/// <param name="Id">Package id.</param>
/// <param name="Version">Package version.</param>
/// <param name="PackagePath">The .nupkg on local disk, its digest already checked.</param>
/// <param name="SigstoreBundlePath">The <c>{id}.{version}.sigstore.json</c> served beside it, or null when the registry has none.</param>
public sealed record TrustCandidate(string Id, NuGetVersion Version, string PackagePath, string? SigstoreBundlePath);
