using Faros.Registry.Tests.Infrastructure;

namespace Faros.Registry.Tests.Health;

/// <summary>Kubernetes probes: liveness and readiness must answer 200 on a healthy registry.</summary>
[TestFixtureSource(typeof(RegistrySetup), nameof(RegistrySetup.All))]
public sealed class HealthEndpointTests(RegistrySetup setup) : RegistryFixture(setup)
{
    [TestCase("healthz")]
    [TestCase("readyz")]
    public async Task Probe_Answers200(string path)
    {
        Assert.That(await FeedJson.StatusAsync(Http, path), Is.EqualTo(200));
    }
}
