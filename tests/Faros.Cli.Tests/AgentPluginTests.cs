using System.Text.Json;
using Faros.Api.Edge;
using Faros.Api.Kubernetes;
using Faros.Cli.Tests.Environment;
using k8s.Models;

namespace Faros.Cli.Tests;

/// <summary>`kubectl faros plugins enable|disable|status` on an edge Agent; the operator's resolution is played by <see cref="OperatorStandIn"/>.</summary>
[TestFixture]
public sealed class AgentPluginTests : FarosApiTestBase
{
    private static readonly string Digest = "sha512-" + Convert.ToBase64String(System.Security.Cryptography.SHA512.HashData("Contoso.Net 1.1.0"u8));

    private ResourceClient<EdgeAgent> agents = null!;

    protected override async Task PrepareSandboxAsync()
    {
        await base.PrepareSandboxAsync();
        agents = new ResourceClient<EdgeAgent>(admin.Client);
        await agents.CreateAsync(new EdgeAgent { Metadata = new V1ObjectMeta { Name = "dev1", NamespaceProperty = ns } });
    }

    [Test]
    public async Task Enable_adds_the_reference_waits_for_resolution_and_shows_the_pinned_version_and_signer()
    {
        var enable = sandbox.KubectlFarosAsync("plugins", "enable", "dev1", "Contoso.Net@1.*", "--config", "listenPort=51820", "--config", "peer.endpoint=hub:51820", "-n", ns, "--timeout", "60s");
        await Operator.ResolvePluginAsync(ns, "dev1", "contoso-net", new PluginStatus
        {
            Package = "Contoso.Net", Version = "1.1.0", Digest = Digest, Signer = "contoso (verified)", Phase = PluginPhases.Resolved,
            DownloadUrl = "http://registry/v3/package/contoso.net/1.1.0/contoso.net.1.1.0.nupkg",
        }, EdgeAgentConditions.Reasons.Resolved);
        var result = await enable;
        Assert.That(result.Succeeded, result.ToString());
        Assert.That(result.StandardOutput, Does.Contain("Enabled contoso-net on agent " + ns + "/dev1: Contoso.Net 1.1.0 (Resolved)"));
        Assert.That(result.StandardOutput, Does.Contain("digest: " + Digest).And.Contain("signer: contoso (verified)"));
        Assert.That(result.StandardError, Does.Contain("Waiting for the hub to resolve contoso-net"));

        var reference = (await agents.GetAsync(ns, "dev1")).Spec.Plugins.Single();
        Assert.That(reference.Package, Is.EqualTo("Contoso.Net"));
        Assert.That(reference.Version, Is.EqualTo("1.*"));
        Assert.That(reference.Config!.ToJsonString(), Is.EqualTo("""{"listenPort":51820,"peer":{"endpoint":"hub:51820"}}"""));

        var status = await sandbox.FarosAsync("plugins", "status", "dev1", "-n", ns);
        Assert.That(status.Succeeded, status.ToString());
        var lines = status.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Does.Match(@"^NAME\s+PACKAGE\s+RANGE\s+VERSION\s+PHASE\s+SIGNER\s+MESSAGE$"));
        Assert.That(lines[1], Does.Match(@"^contoso-net\s+Contoso\.Net\s+1\.\*\s+1\.1\.0\s+Resolved\s+contoso \(verified\)\s+<none>$"));
        Assert.That(status.StandardError, Does.Contain("PluginsResolved=True (Resolved"));
    }

    [Test]
    public async Task Enable_without_an_operator_times_out_with_exit_4_and_keeps_the_reference()
    {
        var result = await sandbox.FarosAsync("plugins", "enable", "dev1", "Contoso.Net@[1.0.0]", "--name", "net", "-n", ns, "--timeout", "2s");
        Assert.That(result.ExitCode, Is.EqualTo(4), result.ToString());
        Assert.That(result.StandardError, Does.Contain("Timed out after 2s").And.Contain("plugins status dev1"));
        Assert.That((await agents.GetAsync(ns, "dev1")).Spec.Plugins.Single().Name, Is.EqualTo("net"));

        var status = await sandbox.FarosAsync("plugins", "status", "dev1", "-n", ns, "-o", "json");
        var plugin = JsonDocument.Parse(status.StandardOutput).RootElement.GetProperty("plugins")[0];
        Assert.That(plugin.GetProperty("range").GetString(), Is.EqualTo("[1.0.0]"));
        Assert.That(plugin.GetProperty("phase").GetString(), Is.EqualTo("Pending"));
    }

    [Test]
    public async Task Disable_removes_the_reference_by_name_or_package()
    {
        Assert.That((await sandbox.FarosAsync("plugins", "enable", "dev1", "Contoso.Net", "-n", ns, "--no-wait")).Succeeded);
        Assert.That((await sandbox.FarosAsync("plugins", "enable", "dev1", "Contoso.Monitor", "-n", ns, "--no-wait")).Succeeded);

        var byName = await sandbox.KubectlFarosAsync("plugins", "disable", "dev1", "contoso-net", "-n", ns);
        Assert.That(byName.Succeeded, byName.ToString());
        var byPackage = await sandbox.FarosAsync("plugins", "disable", "dev1", "contoso.monitor", "-n", ns);
        Assert.That(byPackage.Succeeded, byPackage.ToString());
        Assert.That((await agents.GetAsync(ns, "dev1")).Spec.Plugins, Is.Empty);

        var missing = await sandbox.FarosAsync("plugins", "disable", "dev1", "contoso-net", "-n", ns);
        Assert.That(missing.ExitCode, Is.EqualTo(3), missing.ToString());
        Assert.That(missing.StandardError, Does.Contain("has no plugin 'contoso-net'"));
    }

    [TestCase("Contoso.Net@not-a-range", "is not a NuGet version range")]
    [TestCase("Contoso Net", "is not a package id")]
    public async Task Bad_plugin_specifiers_exit_2_and_change_nothing(string specifier, string message)
    {
        var result = await sandbox.FarosAsync("plugins", "enable", "dev1", specifier, "-n", ns);
        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.StandardError, Does.Contain(message));
        Assert.That((await agents.GetAsync(ns, "dev1")).Spec.Plugins, Is.Empty);
    }

    [Test]
    public async Task Enable_on_a_missing_agent_exits_3()
    {
        var result = await sandbox.FarosAsync("plugins", "enable", "ghost", "Contoso.Net", "-n", ns);
        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.StandardError, Does.Contain("'ghost' does not exist"));
    }
}
