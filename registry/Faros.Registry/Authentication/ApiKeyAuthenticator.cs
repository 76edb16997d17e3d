using System.Security.Cryptography;

namespace Faros.Registry.Authentication;

/// <summary>Turns the X-NuGet-ApiKey header into a stored key, or nothing when it is missing, unknown or expired.</summary>
public sealed class ApiKeyAuthenticator(IApiKeyStore store, TimeProvider time)
{
    public async Task<ApiKey?> AuthenticateAsync(string? presentedKey, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(presentedKey))
        {
            return null;
        }

        var hash = ApiKeyHash.Of(presentedKey.Trim());
        var found = await store.FindByHashAsync(hash, cancellationToken);
        if (found is not { } stored || !CryptographicOperations.FixedTimeEquals(stored.Hash, hash))
        {
            return null;
        }

        return stored.Key.IsExpired(time.GetUtcNow()) ? null : stored.Key;
    }
}
