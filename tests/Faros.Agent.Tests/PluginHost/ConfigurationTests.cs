using Faros.Agent.Tests.Fixtures;
using Faros.PluginHost.Supervision;
using Faros.PluginHost.Verification;
using static Faros.Agent.Tests.Fixtures.TestPluginPackages;

namespace Faros.Agent.Tests.PluginHost;

/// <summary>Configuration: checked against the manifest's config schema, changed in place without a reload.</summary>
public sealed class ConfigurationTests
{
    private static TestPluginPackages Packages => AgentTestRun.Packages;

    [Test]
    public async Task A_configuration_change_is_applied_in_place_without_a_reload()
    {
        await using var harness = new HostHarness();
        var echo = Packages.Get(Echo);
        harness.Host.Apply([echo.Spec(configuration: """{"interval":5}""")]);
        await harness.WaitForRunningAsync(Echo, "1.0.0");
        var configFile = Path.Combine(harness.StateOf(Echo), "config.json");
        var startedFile = Path.Combine(harness.StateOf(Echo), "v1.started");
        var started = File.ReadAllText(startedFile);
        Assert.That(File.ReadAllText(configFile), Is.EqualTo("""{"interval":5}"""));

        harness.Host.Apply([echo.Spec(configuration: """{"interval":7}""")]);
        await harness.WaitForAsync(Echo, s => s.Message == "Reconfigured in place.");

        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllText(configFile), Is.EqualTo("""{"interval":7}"""));
            Assert.That(File.ReadAllText(startedFile), Is.EqualTo(started), "the plugin was not started again");
            Assert.That(File.Exists(Path.Combine(harness.StateOf(Echo), "stopped")), Is.False, "the plugin was not stopped");
            Assert.That(harness.Host.Contexts.CountAlive(), Is.EqualTo(1), "no second context was loaded");
            Assert.That(harness.Host.LastKnownGood.Single().Configuration.Root.GetRawText(), Is.EqualTo("""{"interval":7}"""));
        });
    }

    [Test]
    public async Task A_configuration_that_breaks_the_config_schema_is_refused_before_the_plugin_loads()
    {
        await using var harness = new HostHarness();

        harness.Host.Apply([Packages.Get(Echo).Spec(configuration: """{"interval":"soon","colour":"red"}""")]);
        var refused = await harness.WaitForAsync(Echo, s => s.Phase == PluginPhase.Failed);

        Assert.Multiple(() =>
        {
            Assert.That(refused.Refusal, Is.EqualTo(RefusalReason.ConfigurationInvalid));
            Assert.That(refused.Message, Does.Contain("/interval: ").And.Contain("Fix: correct the plugin's configuration in the Agent spec."));
            Assert.That(Directory.Exists(harness.StateOf(Echo)), Is.False, "the plugin never started");
            Assert.That(harness.Host.Contexts.CountAlive(), Is.Zero);
        });
    }

    [Test]
    public async Task An_invalid_configuration_change_leaves_the_plugin_running_with_its_last_good_configuration()
    {
        await using var harness = new HostHarness();
        var echo = Packages.Get(Echo);
        harness.Host.Apply([echo.Spec(configuration: """{"interval":5}""")]);
        await harness.WaitForRunningAsync(Echo, "1.0.0");

        harness.Host.Apply([echo.Spec(configuration: """{"interval":0}""")]);
        var kept = await harness.WaitForAsync(Echo, s => s.Refusal == RefusalReason.ConfigurationInvalid);

        Assert.Multiple(() =>
        {
            Assert.That(kept.Phase, Is.EqualTo(PluginPhase.Running));
            Assert.That(kept.Message, Does.StartWith("Could not apply the new configuration:").And.Contain("/interval: "));
            Assert.That(File.ReadAllText(Path.Combine(harness.StateOf(Echo), "config.json")), Is.EqualTo("""{"interval":5}"""));
            Assert.That(harness.Host.LastKnownGood.Single().Configuration.Root.GetRawText(), Is.EqualTo("""{"interval":5}"""));
        });
    }
}
