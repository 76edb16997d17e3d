using System.Text.Json;
using Faros.Api.Edge;
using Faros.Api.Kubernetes;
using Faros.Cli.Tests.Environment;
using Faros.Sdk.Reconciliation;
using k8s.Models;

namespace Faros.Cli.Tests;

/// <summary>`kubectl faros agent generate|list|get|delete` on the real API server; waiting for the real operator is in <see cref="WithRealOperatorTests"/>.</summary>
[TestFixture]
public sealed class AgentTests : FarosApiTestBase
{
    [Test]
    public async Task Generate_without_an_operator_times_out_with_exit_4_and_writes_no_file()
    {
        var file = Path.Combine(sandbox.Directory, "never");
        var result = await sandbox.FarosAsync("agent", "generate", "lonely", "-f", file, "-n", ns, "--timeout", "2s");
        Assert.That(result.ExitCode, Is.EqualTo(4), result.ToString());
        Assert.That(result.StandardError, Does.Contain("Timed out after 2s").And.Contain("Is the Faros operator running"));
        Assert.That(File.Exists(file), Is.False);
    }

    [Test]
    public async Task List_get_and_delete_show_the_agents_status()
    {
        var agents = new ResourceClient<EdgeAgent>(admin.Client);
        var created = await agents.CreateAsync(new EdgeAgent
        {
            Metadata = new V1ObjectMeta { Name = "pump-7", NamespaceProperty = ns },
            Spec = new EdgeAgentSpec { Plugins = [new PluginReference { Name = "net", Package = "Contoso.Net" }] },
        });
        created.Status.LastHeartbeat = DateTime.UtcNow;
        created.Status.SetCondition(EdgeAgentConditions.Connected, true, EdgeAgentConditions.Reasons.LeaseRenewed, "Lease renewed 3s ago.", created.Metadata.Generation, DateTimeOffset.UtcNow);
        created.Status.SetCondition(EdgeAgentConditions.PluginsResolved, false, EdgeAgentConditions.Reasons.NotFound, "no Contoso.Net", created.Metadata.Generation, DateTimeOffset.UtcNow);
        await agents.ReplaceStatusAsync(created);

        var table = await sandbox.KubectlFarosAsync("agent", "list", "-n", ns);
        Assert.That(table.Succeeded, table.ToString());
        var lines = table.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Does.Match(@"^NAME\s+PLUGINS\s+RESOLVED\s+CONNECTED\s+HEARTBEAT\s+AGE$"));
        Assert.That(lines[1], Does.Match(@"^pump-7\s+1\s+False\s+True\s+\d+s ago\s+\d+s$"));

        var everywhere = await sandbox.FarosAsync("agent", "list", "-A");
        Assert.That(everywhere.StandardOutput, Does.Match(@"(?m)^NAMESPACE\s+NAME\s+PLUGINS").And.Match($@"(?m)^{ns}\s+pump-7\s+1\s"), everywhere.ToString());

        var json = await sandbox.FarosAsync("agent", "get", "pump-7", "-n", ns, "-o", "json");
        var document = JsonDocument.Parse(json.StandardOutput).RootElement;
        Assert.That(document.GetProperty("kind").GetString(), Is.EqualTo("Agent"));
        Assert.That(document.GetProperty("spec").GetProperty("plugins")[0].GetProperty("package").GetString(), Is.EqualTo("Contoso.Net"));

        var yaml = await sandbox.FarosAsync("agent", "list", "-n", ns, "-o", "yaml");
        Assert.That(yaml.StandardOutput, Does.Contain("kind: List").And.Contain("name: pump-7").And.Contain("reason: NotFound"));

        var delete = await sandbox.FarosAsync("agent", "delete", "pump-7", "-n", ns);
        Assert.That(delete.Succeeded, delete.ToString());
        Assert.That(await agents.FindAsync(ns, "pump-7"), Is.Null);
        var missing = await sandbox.FarosAsync("agent", "get", "pump-7", "-n", ns);
        Assert.That(missing.ExitCode, Is.EqualTo(3), missing.ToString());
        var empty = await sandbox.FarosAsync("agent", "list", "-n", ns);
        Assert.That(empty.StandardError, Does.Contain("No agents found"));
    }
}
