using Faros.Registry.Authentication;
using Faros.Registry.Feed;
using Faros.Registry.Metadata;
using Faros.Registry.Signing;
using Faros.Registry.Storage;
using Faros.Signing.Policy;

namespace Faros.Registry.Packages;

/// <summary>
/// Attaches a publisher's Sigstore bundle to a package already stored (PUT /api/v2/package/{id}/{version}/sigstore):
/// the trust policy judges the stored bytes with the bundle, and only then is the bundle stored, the signer recorded
/// and the id's documents rebuilt. A bundle is immutable once stored, like the package.
/// </summary>
public sealed class SigstoreBundleAttachment(
    PublisherTrust trust,
    PublisherAuthorization authorization,
    IPackageMetadataStore metadata,
    IPackageFileStore files,
    FeedChanges changes,
    ILogger<SigstoreBundleAttachment> logger)
{
    /// <summary>
    /// Stores a publisher's Sigstore bundle next to a stored package, once the trust policy accepts the package with it.
    /// The bundle must cover the bytes the registry serves (for a repository-signed package, those are the signed bytes).
    /// </summary>
    public async Task<PushOutcome> AttachAsync(ApiKey key, string id, string version, byte[] bundle, CancellationToken cancellationToken)
    {
        if (await authorization.DenyAsync(key, id, ApiKeyAction.Push, checkExistingOwner: true, cancellationToken) is { } denial)
        {
            return PushOutcome.Forbidden(denial);
        }

        var lowerId = id.ToLowerInvariant();
        var lowerVersion = NuGet.Versioning.NuGetVersion.TryParse(version, out var parsed) ? parsed.ToNormalizedString().ToLowerInvariant() : version.ToLowerInvariant();
        var stored = await metadata.FindAsync(lowerId, lowerVersion, cancellationToken);
        if (stored is null)
        {
            return new PushOutcome(PushStatus.PackageMissing, $"{id} {version} is not in the registry. Push the .nupkg (with its bundle as a .sigstore.json part) instead.");
        }

        if (stored.HasSigstoreBundle)
        {
            return PushOutcome.Duplicate(stored.Id, stored.Version) with
            {
                Message = $"{stored.Id} {stored.Version} has a Sigstore bundle already. Bundles are immutable like packages: push a new version to sign again.",
            };
        }

        byte[] nupkg;
        await using (var content = await files.OpenAsync(lowerId, lowerVersion, PackageFileKind.Package, cancellationToken)
                                   ?? throw new InvalidOperationException($"{stored.Id} {stored.Version} is missing from storage."))
        {
            using var buffer = new MemoryStream();
            await content.CopyToAsync(buffer, cancellationToken);
            nupkg = buffer.ToArray();
        }

        // Under a require or warn rule the bundle itself must prove an allowed signer: a package that passes on its NuGet
        // signature, or is only warned about, gains nothing from a bundle that proves nobody. Under off it is kept as sent.
        var verdict = trust.Evaluate(nupkg, bundle);
        var proven = verdict is { Decision: TrustDecision.Allowed, Signer.Kind: SignatureKinds.Sigstore } ? verdict.Signer : null;
        if (proven is null && IsChecked(verdict))
        {
            logger.LogWarning("Refused a Sigstore bundle for {PackageId} {PackageVersion} from {Owner}: {TrustReason} {TrustMessage}",
                stored.Id, stored.Version, key.Owner, verdict.Reason, verdict.Message);
            var refusal = verdict.Reason is null
                ? $"The Sigstore bundle does not prove an allowed signer of {stored.Id} {stored.Version} ({verdict.Message}). Sign the bytes the registry serves (download them from the flat container) with a key the trust policy allows."
                : PublisherTrust.Refusal(verdict);
            return verdict.IsSignerRejected ? PushOutcome.Forbidden(refusal) : PushOutcome.Invalid(refusal);
        }

        try
        {
            await files.SaveAsync(lowerId, lowerVersion, PackageFileKind.SigstoreBundle, new MemoryStream(bundle), cancellationToken);
        }
        catch (PackageFileExistsException)
        {
            return PushOutcome.Duplicate(stored.Id, stored.Version);
        }

        var record = proven is null ? null : new SignerRecord(proven.DisplayName, proven.Kind, Verified: true);
        bool recorded;
        try
        {
            recorded = await metadata.AttachSigstoreBundleAsync(lowerId, lowerVersion, record, CancellationToken.None);
        }
        catch (Exception exception)
        {
            // Unrecorded, the file would block every retry with 409: remove it so the publisher can try again.
            logger.LogError(exception, "Recording the Sigstore bundle of {PackageId} {PackageVersion} failed; removing the stored bundle", stored.Id, stored.Version);
            await files.DeleteAsync(lowerId, lowerVersion, PackageFileKind.SigstoreBundle, CancellationToken.None);
            throw;
        }

        if (!recorded)
        {
            // Deleted meanwhile: the bundle file must not outlive its package.
            await files.DeleteAsync(lowerId, lowerVersion, PackageFileKind.SigstoreBundle, CancellationToken.None);
            return new PushOutcome(PushStatus.PackageMissing, $"{stored.Id} {stored.Version} was deleted while its bundle was attached.");
        }

        await changes.PublishAsync(lowerId);
        logger.LogInformation("Stored a Sigstore bundle for {PackageId} {PackageVersion} from {Owner}, signer {Signer}", stored.Id, stored.Version, key.Owner, record?.Identity);
        return PushOutcome.Created(stored.Id, stored.Version);
    }

    /// <summary>Whether the package's rule checks signatures at all (not mode off).</summary>
    private static bool IsChecked(TrustVerdict verdict) => verdict.Reason is not null || verdict.Signer is not null;
}
