using Faros.Cli.Tests.Environment;

namespace Faros.Cli.Tests;

/// <summary>The command tree, help and usage errors, without any server.</summary>
[TestFixture]
public sealed class CommandLineTests
{
    private CliSandbox sandbox = null!;

    [SetUp]
    public void CreateSandbox() => sandbox = new CliSandbox(kubeconfigSource: null);

    [TearDown]
    public void DisposeSandbox() => sandbox.Dispose();

    [Test]
    public async Task Help_lists_the_commands_both_directly_and_through_kubectl()
    {
        foreach (var result in new[] { await sandbox.FarosAsync("--help"), await sandbox.KubectlFarosAsync("--help") })
        {
            Assert.That(result.Succeeded, result.ToString());
            Assert.That(result.StandardOutput, Does.Contain("login").And.Contain("workspace").And.Contain("plugins").And.Contain("--kubeconfig").And.Contain("--context"), result.ToString());
        }
    }

    [Test]
    public async Task Version_prints_the_tool_version()
    {
        var result = await sandbox.KubectlFarosAsync("version");
        Assert.That(result.Succeeded, result.ToString());
        Assert.That(result.StandardOutput, Does.Match(@"^kubectl-faros \d+\.\d+\.\d+"), result.ToString());
    }

    [TestCase("frobnicate")]
    [TestCase("workspace", "list", "--bogus")]
    [TestCase("workspace", "list", "-o", "xml")]
    [TestCase("workspace", "create", "Not_A_Name")]
    [TestCase("workspace", "delete", "x", "--timeout", "soon")]
    [TestCase("login", "--hub-url", "ftp://hub", "--token", "t")]
    [TestCase("plugins", "search", "--side", "moon")]
    public async Task Usage_errors_exit_2_and_point_at_help(params string[] arguments)
    {
        var result = await sandbox.FarosAsync(arguments);
        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.StandardError, Does.Contain("error:").And.Contain("--help"), result.ToString());
        Assert.That(result.StandardOutput, Is.Empty, result.ToString());
    }

    [Test]
    public async Task Without_a_kubeconfig_a_hub_command_says_how_to_log_in()
    {
        var result = await sandbox.FarosAsync("workspace", "list");
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.StandardError, Does.Contain("No kubeconfig found").And.Contain("kubectl faros login"), result.ToString());
    }

    [Test]
    public async Task Without_a_registry_plugins_search_says_how_to_configure_one()
    {
        var result = await sandbox.FarosAsync("plugins", "search", "net");
        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.StandardError, Does.Contain("--registry").And.Contain("FAROS_REGISTRY"), result.ToString());
    }
}
