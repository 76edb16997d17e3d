namespace Faros.Signing.Tests;

/// <summary>A clock that reads a chosen instant, to verify "now" outside a certificate's validity.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
