using Faros.Registry.Authentication;
using Faros.Registry.Feed;
using Faros.Registry.Hosting;
using Faros.Registry.Metadata;
using Faros.Registry.Storage;
using Microsoft.Extensions.Options;
using NuGet.Versioning;

namespace Faros.Registry.Packages;

/// <summary>
/// Changes to stored versions after the push: unlist and relist (the version stays restorable by exact
/// version), deprecation, and hard delete where an administrator has allowed it.
/// </summary>
public sealed class PackageListing(
    PublisherAuthorization authorization,
    IPackageMetadataStore metadata,
    IPackageFileStore files,
    FeedChanges changes,
    IOptions<RegistryOptions> options,
    ILogger<PackageListing> logger)
{
    public Task<ListingOutcome> SetListedAsync(ApiKey? key, string id, string version, bool listed, CancellationToken cancellationToken) =>
        ChangeAsync(key, id, version, ApiKeyAction.Unlist, listed ? "relisted" : "unlisted",
            (lowerId, lowerVersion) => metadata.SetListedAsync(lowerId, lowerVersion, listed, cancellationToken), cancellationToken);

    public Task<ListingOutcome> SetDeprecationAsync(ApiKey? key, string id, string version, DeprecationRecord? deprecation, CancellationToken cancellationToken) =>
        ChangeAsync(key, id, version, ApiKeyAction.Unlist, deprecation is null ? "undeprecated" : "deprecated",
            (lowerId, lowerVersion) => metadata.SetDeprecationAsync(lowerId, lowerVersion, deprecation, cancellationToken), cancellationToken);

    public Task<ListingOutcome> DeleteAsync(ApiKey? key, string id, string version, CancellationToken cancellationToken)
    {
        if (!options.Value.AllowHardDelete)
        {
            return Task.FromResult(ListingOutcome.Forbidden(
                "Hard delete is turned off on this registry, so that restores never break. Unlist instead, or have an administrator set Registry:AllowHardDelete=true."));
        }

        return ChangeAsync(key, id, version, ApiKeyAction.Delete, "deleted", async (lowerId, lowerVersion) =>
        {
            if (!await metadata.DeleteAsync(lowerId, lowerVersion, cancellationToken))
            {
                return false;
            }

            await files.DeleteAllAsync(lowerId, lowerVersion, CancellationToken.None);
            return true;
        }, cancellationToken);
    }

    private async Task<ListingOutcome> ChangeAsync(
        ApiKey? key, string id, string version, ApiKeyAction action, string pastTense,
        Func<string, string, Task<bool>> change, CancellationToken cancellationToken)
    {
        if (key is null)
        {
            return ListingOutcome.Forbidden(PublisherAuthorization.MissingKey);
        }

        if (!NuGetVersion.TryParse(version, out var parsed))
        {
            return ListingOutcome.NotFound(id, version);
        }

        if (await authorization.DenyAsync(key, id, action, checkExistingOwner: true, cancellationToken) is { } denial)
        {
            return ListingOutcome.Forbidden(denial);
        }

        var lowerId = id.ToLowerInvariant();
        var lowerVersion = parsed.ToNormalizedString().ToLowerInvariant();
        if (!await change(lowerId, lowerVersion))
        {
            return ListingOutcome.NotFound(id, version);
        }

        await changes.PublishAsync(lowerId);
        logger.LogInformation("{PackageId} {PackageVersion} {Change} by {Owner}", id, parsed.ToNormalizedString(), pastTense, key.Owner);
        return ListingOutcome.Done($"{id} {parsed.ToNormalizedString()} {pastTense}.");
    }
}
