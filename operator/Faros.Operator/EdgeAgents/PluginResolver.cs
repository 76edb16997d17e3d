using Faros.Api.Edge;
using Faros.Operator.PluginCatalog;
using NuGet.Versioning;
using Reasons = Faros.Api.Edge.EdgeAgentConditions.Reasons;

namespace Faros.Operator.EdgeAgents;

/// <summary>
/// Resolves a plugin reference against the registry as NuGet would (a plain version is a minimum and takes the
/// lowest match; a floating range takes the highest), among listed versions whose manifest accepts this hub's
/// Faros.Sdk and which the trust policy allows.
/// </summary>
public sealed class PluginResolver
{
    private readonly RegistryCatalog _catalog;
    private readonly IPluginTrustPolicy _trust;
    private readonly NuGetVersion _sdkVersion;

    public PluginResolver(RegistryCatalog catalog, IPluginTrustPolicy trust, NuGetVersion sdkVersion)
    {
        _catalog = catalog;
        _trust = trust;
        _sdkVersion = sdkVersion;
    }

    /// <exception cref="RegistryUnavailableException">The registry did not answer.</exception>
    public async Task<PluginResolution> ResolveAsync(PluginReference reference, CancellationToken cancellationToken)
    {
        if (!VersionRange.TryParse(string.IsNullOrWhiteSpace(reference.Version) ? "*" : reference.Version, allowFloating: true, out var range))
        {
            return PluginResolution.Failure(reference, reference.Package, Reasons.NoMatchingVersion,
                $"version '{reference.Version}' is not a NuGet version range; use e.g. 1.2.3, [1.2.3], [1.0,2.0) or 1.*.");
        }

        var id = reference.Package;
        if (string.IsNullOrWhiteSpace(id))
        {
            var candidates = await _catalog.FindPluginIdsAsync(reference.Name, cancellationToken);
            if (candidates.Count != 1)
            {
                return PluginResolution.Failure(reference, null, Reasons.NotFound, candidates.Count == 0
                    ? $"no Faros plugin in the registry is named '{reference.Name}'; set package to its registry id."
                    : $"'{reference.Name}' matches several plugins ({string.Join(", ", candidates)}); set package to one of them.");
            }

            id = candidates[0];
        }

        var versions = await _catalog.GetVersionsAsync(id, cancellationToken);
        if (versions.Count == 0)
        {
            return PluginResolution.Failure(reference, id, Reasons.NotFound, $"package {id} does not exist in the registry.");
        }

        var plugins = versions.Where(v => v.SdkRange is not null).ToList();
        if (plugins.Count == 0)
        {
            return PluginResolution.Failure(reference, id, Reasons.NotFound, $"package {id} is not a Faros plugin (no package type FarosPlugin with a faros-plugin.json).");
        }

        var allowPrerelease = range.MinVersion?.IsPrerelease == true || range.Float?.IncludePrerelease == true;
        var matching = plugins.Where(v => v.Listed && (allowPrerelease || !v.Version.IsPrerelease) && range.Satisfies(v.Version)).ToList();
        if (matching.Count == 0)
        {
            var listed = plugins.Where(v => v.Listed).Select(v => v.Version).OrderDescending().Take(10).ToList();
            return PluginResolution.Failure(reference, id, Reasons.NoMatchingVersion,
                $"no listed version of {id} satisfies '{range.PrettyPrint()}'; listed: {(listed.Count == 0 ? "none" : string.Join(", ", listed))}.");
        }

        var compatible = matching.Where(v => VersionRange.TryParse(v.SdkRange!, out var sdk) && sdk.Satisfies(_sdkVersion)).ToList();
        if (compatible.Count == 0)
        {
            var best = Best(range, matching);
            return PluginResolution.Failure(reference, id, Reasons.IncompatibleSdk,
                $"{id} {best.Version} needs Faros.Sdk {best.SdkRange}, this hub offers {_sdkVersion}; no matching version is compatible.");
        }

        var chosen = Best(range, compatible);
        if (string.IsNullOrEmpty(chosen.Sha512) || chosen.PackageContent is null)
        {
            throw new RegistryUnavailableException($"the registry's catalog entry of {id} {chosen.Version} has no packageHash or packageContent.");
        }

        var verdict = await _trust.EvaluateAsync(chosen, cancellationToken);
        if (!verdict.IsAllowed)
        {
            var denied = PluginResolution.Failure(reference, id, Reasons.SignaturePolicyViolation, $"{id} {chosen.Version}: {verdict.Message}") with { Verdict = verdict };
            denied.Status.Signer = verdict.Signer?.DisplayName;
            return denied;
        }

        return new PluginResolution(new PluginStatus
        {
            Name = reference.Name,
            Package = chosen.Id.Length > 0 ? chosen.Id : id,
            Version = chosen.Version.ToNormalizedString(),
            Digest = "sha512-" + chosen.Sha512,
            DownloadUrl = chosen.PackageContent.AbsoluteUri,
            Signer = verdict.Signer?.DisplayName,
            Phase = PluginPhases.Resolved,
            Message = $"pinned {chosen.Version.ToNormalizedString()} for '{range.PrettyPrint()}'",
        }, null) { Verdict = verdict };
    }

    private static CatalogVersion Best(VersionRange range, IReadOnlyList<CatalogVersion> candidates)
    {
        var best = range.FindBestMatch(candidates.Select(c => c.Version)) ?? candidates.Max(c => c.Version)!;
        return candidates.First(c => c.Version == best);
    }
}
