using Faros.Registry.Authentication;
using Faros.Registry.Feed;
using Faros.Registry.Hosting;
using Faros.Registry.Metadata;
using Faros.Registry.Signing;
using Faros.Registry.Storage;
using Faros.Signing.Policy;
using Microsoft.Extensions.Options;

namespace Faros.Registry.Packages;

/// <summary>
/// Accepts pushes. The order makes failures harmless: validate and authorize before touching state,
/// reserve the id and version in the database (the one place concurrent pushes are decided), write the
/// files, and only then make the package visible. Any failure after the reservation removes what was written.
/// </summary>
public sealed class PackageIngestion(
    PackageValidator validator,
    RepositorySigner signer,
    PublisherTrust trust,
    PublisherAuthorization authorization,
    IPackageMetadataStore metadata,
    IPackageFileStore files,
    FeedChanges changes,
    RegistryMetrics metrics,
    IOptions<RegistryOptions> options,
    TimeProvider time,
    ILogger<PackageIngestion> logger)
{
    public async Task<PushOutcome> PushAsync(UploadedFile upload, ApiKey key, CancellationToken cancellationToken)
    {
        var validation = validator.Validate(upload, expectSymbolPackage: false);
        if (validation.Package is not { } package)
        {
            return PushOutcome.Invalid(validation.Defect!.Message);
        }

        var record = package.Metadata;
        if (await authorization.DenyAsync(key, record.Id, ApiKeyAction.Push, checkExistingOwner: false, cancellationToken) is { } denial)
        {
            return PushOutcome.Forbidden(denial);
        }

        // The policy judges what the publisher sent, before the registry countersigns: its own signature is no author's.
        var verdict = await trust.EvaluateAsync(upload.Path, record.Id, [.. record.PackageTypes.Select(type => type.Name)], upload.SigstoreBundle, cancellationToken);
        if (!verdict.IsAllowed)
        {
            logger.LogWarning("Refused {PackageId} {PackageVersion} from {Owner}: {TrustReason} {TrustMessage}",
                record.Id, record.Version, key.Owner, verdict.Reason, verdict.Message);
            var refusal = PublisherTrust.Refusal(verdict);
            return verdict.IsSignerRejected ? PushOutcome.Forbidden(refusal) : PushOutcome.Invalid(refusal);
        }

        string? warning = null;
        if (verdict.Decision == TrustDecision.Warned)
        {
            warning = $"{verdict.Message} ({verdict.Reason}) The trust policy only warns for this id; a require rule would refuse it.";
            logger.LogWarning("Accepted {PackageId} {PackageVersion} from {Owner} under a warn rule: {TrustReason} {TrustMessage}",
                record.Id, record.Version, key.Owner, verdict.Reason, verdict.Message);
        }

        record = record with
        {
            Signer = verdict.Signer is { } proven ? new SignerRecord(proven.DisplayName, proven.Kind, verdict.Decision == TrustDecision.Allowed) : null,
            HasSigstoreBundle = upload.SigstoreBundle is not null,
        };
        package = package with { Metadata = record };

        // A Sigstore bundle covers the exact bytes sent, so a package pushed with one is stored as sent: a repository
        // signature would change the bytes and break the publisher's signature.
        if (!signer.Enabled || upload.SigstoreBundle is not null)
        {
            return (await StoreAsync(package, upload, upload.SigstoreBundle, key.Owner, ownerCheck: !key.IsAdmin, cancellationToken)).WithWarning(warning);
        }

        // Signed once, here, before anything is stored: what is stored, hashed in registrations and served is the signed file.
        var signing = await signer.SignAsync(upload, key.Owner, cancellationToken);
        if (signing.Signed is not { } signed)
        {
            return PushOutcome.Invalid(signing.Refusal!);
        }

        using (signed)
        {
            var signedPackage = package with { Metadata = record with { Size = signed.Length, Sha512 = signing.Sha512! } };
            return (await StoreAsync(signedPackage, signed, null, key.Owner, ownerCheck: !key.IsAdmin, cancellationToken)).WithWarning(warning);
        }
    }

    /// <summary>
    /// Stores a copy of a package fetched from an upstream feed. It passes the same validation as a push, since an
    /// upstream is no more trusted than a publisher; ownership is not checked, because an administrator chose which
    /// ids the upstream serves, and those may sit beside local versions of the same id.
    /// </summary>
    public async Task<PushOutcome> MirrorAsync(UploadedFile upload, string upstreamOwner, CancellationToken cancellationToken)
    {
        var validation = validator.Validate(upload, expectSymbolPackage: false);
        return validation.Package is { } package
            ? await StoreAsync(package, upload, null, upstreamOwner, ownerCheck: false, cancellationToken)
            : PushOutcome.Invalid(validation.Defect!.Message);
    }

    private async Task<PushOutcome> StoreAsync(ValidatedPackage package, UploadedFile upload, byte[]? sigstoreBundle, string owner, bool ownerCheck, CancellationToken cancellationToken)
    {
        var record = package.Metadata;
        var reclaimBefore = time.GetUtcNow() - options.Value.PendingPushTimeout;
        var reservation = await metadata.ReserveAsync(record, owner, ownerCheck, reclaimBefore, cancellationToken);
        switch (reservation)
        {
            case ReservationOutcome.Duplicate:
                return PushOutcome.Duplicate(record.Id, record.Version);
            case ReservationOutcome.OwnedByAnother:
                var existingOwner = (await metadata.FindIdAsync(record.LowerId, cancellationToken))?.Owner ?? "another publisher";
                return PushOutcome.Forbidden(PublisherAuthorization.OwnedByAnother(record.Id, existingOwner));
        }

        try
        {
            if (reservation == ReservationOutcome.ReservedOverAbandoned)
            {
                // The reservation is ours now, so anything stored under this id and version is debris of the push that died.
                await files.DeleteAllAsync(record.LowerId, record.LowerVersion, cancellationToken);
            }
            await SaveFilesAsync(package, upload, sigstoreBundle, cancellationToken);
            await metadata.CompleteAsync(record.LowerId, record.LowerVersion, CancellationToken.None);
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Storing {PackageId} {PackageVersion} failed; removing what was written", record.Id, record.Version);
            await files.DeleteAllAsync(record.LowerId, record.LowerVersion, CancellationToken.None);
            await metadata.AbandonAsync(record.LowerId, record.LowerVersion, CancellationToken.None);
            throw;
        }

        await changes.PublishAsync(record.LowerId);
        metrics.PackagePushed();
        logger.LogInformation("Stored {PackageId} {PackageVersion} ({PackageSize} bytes) for {Owner}", record.Id, record.Version, record.Size, owner);
        return PushOutcome.Created(record.Id, record.Version);
    }

    public async Task<PushOutcome> PushSymbolsAsync(UploadedFile upload, ApiKey key, CancellationToken cancellationToken)
    {
        var validation = validator.Validate(upload, expectSymbolPackage: true);
        if (validation.Package is not { } symbols)
        {
            return PushOutcome.Invalid(validation.Defect!.Message);
        }

        var record = symbols.Metadata;
        if (await authorization.DenyAsync(key, record.Id, ApiKeyAction.Push, checkExistingOwner: true, cancellationToken) is { } denial)
        {
            return PushOutcome.Forbidden(denial);
        }

        var package = await metadata.FindAsync(record.LowerId, record.LowerVersion, cancellationToken);
        if (package is null)
        {
            return new PushOutcome(PushStatus.PackageMissing, $"{record.Id} {record.Version} is not in the registry. Push the .nupkg before its symbols.");
        }

        try
        {
            await files.SaveFileAsync(record.LowerId, record.LowerVersion, PackageFileKind.SymbolPackage, upload.Path, cancellationToken);
        }
        catch (PackageFileExistsException)
        {
            return PushOutcome.Duplicate(record.Id, record.Version);
        }

        await metadata.SetHasSymbolsAsync(record.LowerId, record.LowerVersion, cancellationToken);
        await changes.PublishAsync(record.LowerId);
        logger.LogInformation("Stored symbols for {PackageId} {PackageVersion}", record.Id, record.Version);
        return PushOutcome.Created(record.Id, record.Version);
    }

    /// <summary>
    /// Writes every file of the package at once: on blob storage each is a round trip of its own. All writes are
    /// awaited, failed or not, before this returns, so a cleanup after a failure never races a write still in flight.
    /// </summary>
    private async Task SaveFilesAsync(ValidatedPackage package, UploadedFile upload, byte[]? sigstoreBundle, CancellationToken cancellationToken)
    {
        var (lowerId, lowerVersion) = (package.Metadata.LowerId, package.Metadata.LowerVersion);
        var writes = new List<Task>();
        foreach (var (kind, content) in SideFiles(package, sigstoreBundle))
        {
            writes.Add(Started(() => files.SaveAsync(lowerId, lowerVersion, kind, new MemoryStream(content), cancellationToken)));
        }

        // The package last, as before: a file system store writes it synchronously (fsync and rename), after the side files' writes began.
        writes.Add(Started(() => files.SaveFileAsync(lowerId, lowerVersion, PackageFileKind.Package, upload.Path, cancellationToken)));
        await Task.WhenAll(writes);

        // A store may fail before its first await; that failure belongs in the task, or the writes started earlier would go unawaited.
        static async Task Started(Func<Task> write) => await write();
    }

    private static IEnumerable<(PackageFileKind Kind, byte[] Content)> SideFiles(ValidatedPackage package, byte[]? sigstoreBundle)
    {
        yield return (PackageFileKind.Nuspec, package.Nuspec);
        if (package.Readme is { } readme)
        {
            yield return (PackageFileKind.Readme, readme);
        }

        if (package.Icon is { } icon)
        {
            yield return (PackageFileKind.Icon, icon);
        }

        if (sigstoreBundle is not null)
        {
            yield return (PackageFileKind.SigstoreBundle, sigstoreBundle);
        }
    }
}
