namespace Faros.Testing;

/// <summary>
/// A real server the tests need (PostgreSQL, Azurite, Chromium, ...) is not installed. Suites turn it into an
/// ignored test on a developer machine and a failure under CI=true, where a skip would hide a gap.
/// </summary>
public sealed class MissingServiceException(string service, string fix)
    : Exception($"{service} is not installed. {fix}")
{
    public static bool RunningInCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
