using Faros.Agent.Tests.Fixtures;

namespace Faros.Agent.Tests;

/// <summary>Run-wide fixtures: the test plugins packed once, and one registry serving them.</summary>
[SetUpFixture]
public sealed class AgentTestRun
{
    private static TestPluginPackages? _packages;
    private static PluginFeed? _feed;

    internal static TestPluginPackages Packages => _packages ?? throw new InvalidOperationException("The run fixture did not start.");

    internal static PluginFeed Feed => _feed ?? throw new InvalidOperationException("The run fixture did not start.");

    [OneTimeSetUp]
    public async Task PackAndPublishTestPlugins()
    {
        _packages = await TestPluginPackages.PackAsync();
        _feed = await PluginFeed.StartAsync(_packages);
    }

    [OneTimeTearDown]
    public async Task Release()
    {
        if (_feed is not null)
        {
            await _feed.DisposeAsync();
        }

        _packages?.Dispose();
    }
}
