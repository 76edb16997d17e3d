using Faros.Cli.Tests.Environment;

namespace Faros.Cli.Tests;

/// <summary>A Kubernetes API server without Faros installed: commands on Faros resources say so instead of "not found".</summary>
[TestFixture]
public sealed class BareHubTests
{
    private KubernetesApiServer bare = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        // Its own server: the shared hub gets the Faros CRDs from other fixtures.
        bare = await RequiredService.RequireAsync(KubernetesApiServer.StartAsync());
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (bare is not null)
        {
            await bare.DisposeAsync();
        }
    }

    [TestCase("agent", "list", "agents.edge.faros.sh")]
    [TestCase("clusters", "list", "clusters.core.faros.sh")]
    [TestCase("ai-agents", "list", "agents.intelligence.faros.sh")]
    public async Task Commands_on_faros_resources_say_faros_is_not_installed(string group, string verb, string resource)
    {
        using var sandbox = new CliSandbox(bare.KubeconfigPath);
        var result = await sandbox.FarosAsync(group, verb);
        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.StandardError, Does.Contain($"does not serve {resource}: Faros is not installed there"));
    }
}
