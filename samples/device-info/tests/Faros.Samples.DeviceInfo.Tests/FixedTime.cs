namespace Faros.Samples.DeviceInfo.Tests;

/// <summary>A clock stopped at one instant, so condition timestamps are exact.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
