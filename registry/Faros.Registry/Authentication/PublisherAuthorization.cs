using Faros.Registry.Metadata;

namespace Faros.Registry.Authentication;

/// <summary>
/// Decides whether a key may act on a package id: the key must allow the action, its scopes must cover the id,
/// and the id must not fall under another publisher's reserved prefix or belong to another publisher.
/// Admin keys may do anything.
/// </summary>
public sealed class PublisherAuthorization(IApiKeyStore keys, IPackageMetadataStore metadata)
{
    public const string MissingKey =
        "The API key is missing, invalid or expired. Pass a valid key (dotnet nuget push --api-key); an administrator creates one with 'Faros.Registry apikeys create'.";

    /// <summary>Null when allowed; otherwise why not, worded for the publisher.</summary>
    public async Task<string?> DenyAsync(ApiKey? key, string packageId, ApiKeyAction action, bool checkExistingOwner, CancellationToken cancellationToken)
    {
        if (key is null)
        {
            return MissingKey;
        }

        if (key.IsAdmin)
        {
            return null;
        }

        var verb = action.ToString().ToLowerInvariant();
        if (!key.Allows(action))
        {
            return $"This API key of publisher '{key.Owner}' does not allow '{verb}'. Ask an administrator for a key created with --actions {verb}.";
        }

        if (!key.CoversId(packageId))
        {
            return $"This API key of publisher '{key.Owner}' is scoped to {string.Join(", ", key.Scopes)}, which does not cover '{packageId}'.";
        }

        var prefixOwner = await keys.FindPrefixOwnerAsync(packageId, cancellationToken);
        if (prefixOwner is not null && !prefixOwner.Equals(key.Owner, StringComparison.OrdinalIgnoreCase))
        {
            return $"The id '{packageId}' falls under a prefix reserved for publisher '{prefixOwner}'. Choose another id, or ask that publisher for a key.";
        }

        if (checkExistingOwner)
        {
            var existing = await metadata.FindIdAsync(packageId.ToLowerInvariant(), cancellationToken);
            if (existing is not null && !existing.Owner.Equals(key.Owner, StringComparison.OrdinalIgnoreCase))
            {
                return OwnedByAnother(packageId, existing.Owner);
            }
        }

        return null;
    }

    public static string OwnedByAnother(string packageId, string owner) =>
        $"The package id '{packageId}' belongs to publisher '{owner}'. Only that publisher's keys may change it.";
}
