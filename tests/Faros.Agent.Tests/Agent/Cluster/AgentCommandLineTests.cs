using Faros.Agent;
using Faros.Agent.Cluster;

namespace Faros.Agent.Tests.Agent.Cluster;

/// <summary>The agent's command line: what a container's args or a systemd unit may say, and what is refused.</summary>
public sealed class AgentCommandLineTests
{
    [Test]
    public void Cluster_switches_and_Agent_settings_in_both_forms_are_accepted()
    {
        string[] args =
        [
            "--mode", "cluster", "--hub-kubeconfig", "/etc/faros/hub/kubeconfig", "--name", "east", "--namespace", "fleet",
            "--heartbeat-interval", "00:00:20", "--target-kubeconfig", "/k", "--Agent:TrustedPlugins:0=Acme.*",
            "--Agent:HubBackoff:Initial=00:00:01", "--agent:cachedirectory", "/c", "--Logging:LogLevel:Default=Debug",
        ];
        Assert.That(AgentCommandLine.Problems(args), Is.Empty);
    }

    [Test]
    public void Unknown_switches_settings_and_values_without_a_switch_are_each_named()
    {
        var problems = AgentCommandLine.Problems(["--cluster", "east", "--Agent:Colour=red", "stray", "--mode"]);
        Assert.That(problems, Has.Count.EqualTo(4));
        Assert.That(problems[0], Does.StartWith("'--cluster' is not an agent setting; use one of --mode"));
        Assert.That(problems[1], Does.StartWith("'--Agent:Colour' is not an agent setting"));
        Assert.That(problems[2], Is.EqualTo("'stray' is not a '--setting value' pair."));
        Assert.That(problems[3], Is.EqualTo("'--mode' is not a '--setting value' pair."));
    }

    [Test]
    public void Cluster_mode_asks_for_no_trust_policy_but_names_a_missing_hub_kubeconfig_and_agent()
    {
        var options = new AgentOptions { Mode = AgentMode.Cluster, Kubeconfig = "/nowhere/kubeconfig" };
        var error = Assert.Throws<ArgumentException>(() => ClusterModeOptions.Validate(options))!;
        Assert.That(error.Message, Does.Contain("--hub-kubeconfig must name the hub kubeconfig").And.Contain("--name and --namespace").And.Not.Contain("TrustPolicy"));
    }
}
