using Faros.Sdk.Tests.Fixtures;

namespace Faros.Sdk.Tests;

/// <summary>Run-wide cleanup of fixtures shared across test classes.</summary>
[SetUpFixture]
public sealed class TestRun
{
    [OneTimeTearDown]
    public void ReleaseSharedFixtures() => PackedSdk.Release();
}
