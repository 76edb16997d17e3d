using Faros.Agent;
using Faros.Api.Edge;
using Faros.PluginHost.Supervision;

namespace Faros.Agent.Tests.Agent;

/// <summary>What the device writes into the operator's status.plugins[] entries while a swap is under way.</summary>
[TestFixture]
public sealed class PluginStatusProjectionTests
{
    private static readonly IReadOnlyDictionary<string, string> NoDefects = new Dictionary<string, string>();

    [Test]
    public void The_old_versions_Running_phase_is_not_reported_on_the_newly_pinned_version()
    {
        var status = new EdgeAgentStatus { Plugins = [new PluginStatus { Name = "echo", Package = "Faros.Echo", Version = "2.0.0", Phase = PluginPhases.Running, Message = "1.0.0: Running" }] };

        var changed = PluginStatusProjection.Apply(status, [Snapshot("1.0.0", PluginPhase.Running, "Running")], NoDefects);

        Assert.That(changed, Is.True);
        Assert.That(status.Plugins[0].Phase, Is.EqualTo(PluginPhases.Installing));
        Assert.That(status.Plugins[0].Message, Does.Contain("switching from 1.0.0").And.Contain("2.0.0"));
    }

    [Test]
    public void The_pinned_version_reports_its_own_phase_and_signer_once_it_runs()
    {
        var status = new EdgeAgentStatus { Plugins = [new PluginStatus { Name = "echo", Package = "Faros.Echo", Version = "2.0.0", Phase = PluginPhases.Installing }] };

        PluginStatusProjection.Apply(status, [Snapshot("2.0.0", PluginPhase.Running, "Running") with { Signer = "key:abc" }], NoDefects);

        Assert.That(status.Plugins[0].Phase, Is.EqualTo(PluginPhases.Running));
        Assert.That(status.Plugins[0].Message, Is.EqualTo("2.0.0: Running"));
        Assert.That(status.Plugins[0].Signer, Is.EqualTo("key:abc"));
        Assert.That(PluginStatusProjection.Apply(status, [Snapshot("2.0.0", PluginPhase.Running, "Running")], NoDefects), Is.False, "a second projection of the same state changes nothing");
    }

    private static PluginSnapshot Snapshot(string version, PluginPhase phase, string message) =>
        new("Faros.Echo", version, phase, message, null, null, null, null, 0, DateTimeOffset.UnixEpoch);
}
