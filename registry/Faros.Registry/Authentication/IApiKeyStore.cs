namespace Faros.Registry.Authentication;

/// <summary>API keys and id-prefix reservations.</summary>
public interface IApiKeyStore
{
    Task<long> CreateAsync(byte[] keyHash, string owner, string scopes, ApiKeyAction actions, bool isAdmin, string? description, DateTimeOffset? expires, CancellationToken cancellationToken);

    /// <summary>Creates the key unless one with the same hash exists (the bootstrap key, on every start).</summary>
    Task EnsureAsync(byte[] keyHash, string owner, string scopes, ApiKeyAction actions, bool isAdmin, string? description, DateTimeOffset? expires, CancellationToken cancellationToken);

    /// <summary>Every key with its hash, for moving a registry to another database.</summary>
    Task<IReadOnlyList<(ApiKey Key, byte[] Hash)>> ExportAsync(CancellationToken cancellationToken);

    /// <summary>Every reservation as (prefix, owner).</summary>
    Task<IReadOnlyList<(string Prefix, string Owner)>> ListPrefixesAsync(CancellationToken cancellationToken);

    /// <summary>The stored key and its hash, looked up by hash; the caller compares hashes in constant time.</summary>
    Task<(ApiKey Key, byte[] Hash)?> FindByHashAsync(byte[] keyHash, CancellationToken cancellationToken);

    Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken);
    Task<bool> RevokeAsync(long keyId, CancellationToken cancellationToken);

    Task ReservePrefixAsync(string prefix, string owner, CancellationToken cancellationToken);

    /// <summary>The owner of the longest reserved prefix that covers <paramref name="packageId"/>, if any.</summary>
    Task<string?> FindPrefixOwnerAsync(string packageId, CancellationToken cancellationToken);
}
