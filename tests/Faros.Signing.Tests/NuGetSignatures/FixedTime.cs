namespace Faros.Signing.Tests.NuGetSignatures;

/// <summary>A clock stopped at one instant, to verify as if it were that time.</summary>
public sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
