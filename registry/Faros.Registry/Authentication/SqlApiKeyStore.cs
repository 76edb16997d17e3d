using System.Globalization;
using Dapper;
using Faros.Registry.Metadata.Sql;

namespace Faros.Registry.Authentication;

/// <summary>API keys and prefix reservations in the registry's SQL database.</summary>
public sealed class SqlApiKeyStore(ISqlDialect dialect) : IApiKeyStore
{
    public async Task<long> CreateAsync(byte[] keyHash, string owner, string scopes, ApiKeyAction actions, bool isAdmin, string? description, DateTimeOffset? expires, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO api_keys (key_hash, owner, scopes, actions, is_admin, description, created, expires)
            VALUES (@keyHash, @owner, @scopes, @actions, @isAdmin, @description, @created, @expires)
            RETURNING key_id
            """,
            new
            {
                keyHash,
                owner,
                scopes,
                actions = actions.ToString(),
                isAdmin = isAdmin ? 1 : 0,
                description,
                created = Now(),
                expires = expires?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            });
    }

    public async Task EnsureAsync(byte[] keyHash, string owner, string scopes, ApiKeyAction actions, bool isAdmin, string? description, DateTimeOffset? expires, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            """
            INSERT INTO api_keys (key_hash, owner, scopes, actions, is_admin, description, created, expires)
            VALUES (@keyHash, @owner, @scopes, @actions, @isAdmin, @description, @created, @expires)
            ON CONFLICT (key_hash) DO NOTHING
            """,
            new
            {
                keyHash, owner, scopes, actions = actions.ToString(), isAdmin = isAdmin ? 1 : 0, description, created = Now(),
                expires = expires?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            });
    }

    public async Task<IReadOnlyList<(ApiKey Key, byte[] Hash)>> ExportAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ApiKeyRow>(
            "SELECT key_id, key_hash, owner, scopes, actions, is_admin, expires FROM api_keys ORDER BY key_id");
        return rows.Select(row => (row.ToApiKey(), row.KeyHash)).ToList();
    }

    public async Task<IReadOnlyList<(string Prefix, string Owner)>> ListPrefixesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string, string)>("SELECT prefix, owner FROM id_prefix_reservations ORDER BY lower_prefix");
        return rows.ToList();
    }

    public async Task<(ApiKey Key, byte[] Hash)?> FindByHashAsync(byte[] keyHash, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ApiKeyRow>(
            "SELECT key_id, key_hash, owner, scopes, actions, is_admin, expires FROM api_keys WHERE key_hash = @keyHash", new { keyHash });
        return row is null ? null : (row.ToApiKey(), row.KeyHash);
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ApiKeyRow>(
            "SELECT key_id, key_hash, owner, scopes, actions, is_admin, expires FROM api_keys ORDER BY key_id");
        return rows.Select(row => row.ToApiKey()).ToList();
    }

    public async Task<bool> RevokeAsync(long keyId, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync("DELETE FROM api_keys WHERE key_id = @keyId", new { keyId }) > 0;
    }

    public async Task ReservePrefixAsync(string prefix, string owner, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            """
            INSERT INTO id_prefix_reservations (lower_prefix, prefix, owner, created) VALUES (@lowerPrefix, @prefix, @owner, @created)
            ON CONFLICT (lower_prefix) DO UPDATE SET owner = excluded.owner
            """,
            new { lowerPrefix = prefix.ToLowerInvariant(), prefix, owner, created = Now() });
    }

    public async Task<string?> FindPrefixOwnerAsync(string packageId, CancellationToken cancellationToken)
    {
        var lowerId = packageId.ToLowerInvariant();
        await using var connection = await dialect.OpenAsync(cancellationToken);
        return await connection.QueryFirstOrDefaultAsync<string>(
            """
            SELECT owner FROM id_prefix_reservations
            WHERE @lowerId = lower_prefix OR substr(@lowerId, 1, length(lower_prefix) + 1) = lower_prefix || '.'
            ORDER BY length(lower_prefix) DESC
            LIMIT 1
            """,
            new { lowerId });
    }

    private static string Now() => DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);

    private sealed class ApiKeyRow
    {
        public long KeyId { get; set; }
        public byte[] KeyHash { get; set; } = [];
        public string Owner { get; set; } = "";
        public string Scopes { get; set; } = "";
        public string Actions { get; set; } = "";
        public long IsAdmin { get; set; }
        public string? Expires { get; set; }

        public ApiKey ToApiKey() => new(
            KeyId,
            Owner,
            IdPattern.ParseList(Scopes),
            Enum.Parse<ApiKeyAction>(Actions),
            IsAdmin != 0,
            Expires is null ? null : DateTimeOffset.Parse(Expires, CultureInfo.InvariantCulture));
    }
}
