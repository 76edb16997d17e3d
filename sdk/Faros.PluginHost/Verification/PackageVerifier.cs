using System.IO.Compression;
using Faros.Sdk.Manifest;
using Microsoft.Extensions.Logging;
using NuGet.Packaging;
using NuGet.Packaging.Core;

namespace Faros.PluginHost.Verification;

/// <summary>
/// The one verification path, for fresh downloads and cached packages alike, in a fixed order:
/// sha512 digest, then the trust check, then the package's identity and <c>faros-plugin.json</c>
/// (SDK validator plus side, SDK version and runtime). Nothing in the package runs before all pass.
/// </summary>
public sealed class PackageVerifier(IPluginTrustCheck trust, HostCompatibility host, ILogger<PackageVerifier> logger)
{
    /// <summary>Verifies <paramref name="packagePath"/> as the package <paramref name="spec"/> resolved.</summary>
    /// <exception cref="PluginRefusedException">Any check failed; the reason is named.</exception>
    public async Task<VerifiedPackage> VerifyAsync(PluginSpec spec, string packagePath, string? bundlePath, CancellationToken cancellationToken)
    {
        var actual = await PackageDigest.ComputeAsync(packagePath, cancellationToken).ConfigureAwait(false);
        if (actual != spec.Digest)
        {
            throw new PluginRefusedException(spec.DisplayName, RefusalReason.DigestMismatch,
                $"its sha512 is {actual.Base64} but {spec.Digest.Base64} was resolved. The package was altered or corrupted; it was not loaded.");
        }

        var decision = await trust.CheckAsync(new TrustCandidate(spec.Id, spec.Version, packagePath, bundlePath), cancellationToken).ConfigureAwait(false);
        if (!decision.IsAllowed)
        {
            throw new PluginRefusedException(spec.DisplayName, RefusalReason.Untrusted, decision.Reason!);
        }

        var manifest = ReadManifest(spec, packagePath);
        host.Require(spec.DisplayName, manifest);
        logger.LogInformation("Verified {Plugin}: digest matches, trusted by {Signer}, manifest valid", spec.DisplayName, decision.Signer);
        return new VerifiedPackage(spec, packagePath, bundlePath, decision.Signer!, manifest);
    }

    private static PluginManifest ReadManifest(PluginSpec spec, string packagePath)
    {
        try
        {
            using var reader = new PackageArchiveReader(packagePath);
            var identity = reader.GetIdentity();
            if (!string.Equals(identity.Id, spec.Id, StringComparison.OrdinalIgnoreCase) || identity.Version != spec.Version)
            {
                throw new PluginRefusedException(spec.DisplayName, RefusalReason.IdentityMismatch,
                    $"the package says it is {identity.Id} {identity.Version.ToNormalizedString()}.");
            }

            var files = reader.GetFiles().ToArray();
            if (!files.Contains(PluginPackageConventions.ManifestFileName, StringComparer.Ordinal))
            {
                throw new PluginRefusedException(spec.DisplayName, RefusalReason.ManifestMissing,
                    $"it has no {PluginPackageConventions.ManifestFileName} at its root. Fix: pack it with the Faros SDK (IsFarosPlugin=true).");
            }

            PluginManifest manifest;
            using (var stream = reader.GetStream(PluginPackageConventions.ManifestFileName))
            {
                manifest = PluginManifestReader.Read(stream);
            }

            var defects = PluginManifestValidator.Validate(manifest, new PluginPackageContents(spec.Id, files));
            if (defects.Count > 0)
            {
                throw new PluginRefusedException(spec.DisplayName, RefusalReason.ManifestInvalid, string.Join(" ", defects));
            }

            return manifest;
        }
        catch (PluginManifestFormatException ex)
        {
            throw new PluginRefusedException(spec.DisplayName, RefusalReason.ManifestMissing, ex.Message);
        }
        catch (Exception ex) when (ex is InvalidDataException or PackagingException or IOException)
        {
            throw new PluginRefusedException(spec.DisplayName, RefusalReason.MalformedPackage, ex.Message);
        }
    }
}
