namespace Faros.Registry.Authentication;

/// <summary>A stored API key: never the key itself, only its hash and what it allows.</summary>
public sealed record ApiKey(
    long KeyId,
    string Owner,
    IReadOnlyList<IdPattern> Scopes,
    ApiKeyAction Actions,
    bool IsAdmin,
    DateTimeOffset? Expires)
{
    public bool IsExpired(DateTimeOffset now) => Expires is { } expires && expires <= now;

    public bool Allows(ApiKeyAction action) => IsAdmin || (Actions & action) == action;

    public bool CoversId(string packageId) => IsAdmin || Scopes.Any(scope => scope.Matches(packageId));
}
