using Faros.Cli.Tests.Environment;

namespace Faros.Cli.Tests;

/// <summary>`dotnet pack` makes a dotnet tool package; installed with `dotnet tool install`, kubectl finds it as a plugin.</summary>
[TestFixture]
public sealed class PackagingTests
{
    [Test]
    public async Task The_packed_tool_installs_and_runs_as_kubectl_faros()
    {
        using var dotnet = new DotnetCli("cli-pack");
        var feed = dotnet.CreateWorkDirectory("feed");
        var tools = dotnet.CreateWorkDirectory("tools");
        var project = Path.Combine(RepositoryRoot.Find(), "cli", "Faros.Cli", "Faros.Cli.csproj");
        var configuration = Path.GetFileName(Path.GetDirectoryName(FarosTool.Directory)!);

        using var sandbox = new CliSandbox(kubeconfigSource: null);
        var built = (await sandbox.FarosAsync("version")).StandardOutput.Trim();
        var version = built.Split(' ')[^1];

        var pack = await dotnet.RunAsync("pack", project, "-c", configuration, "--no-build", "-o", feed);
        Assert.That(pack.Succeeded, pack.ToString());
        Assert.That(File.Exists(Path.Combine(feed, $"Faros.Cli.{version}.nupkg")), pack.ToString());

        // The local folder is the only source, so the install proves the package is complete on its own.
        var config = Path.Combine(dotnet.WorkingDirectory, "tool-nuget.config");
        await File.WriteAllTextAsync(config, $"""
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        var install = await dotnet.RunAsync("tool", "install", "--tool-path", tools, "--configfile", config, "Faros.Cli", "--version", version);
        Assert.That(install.Succeeded, install.ToString());
        Assert.That(File.Exists(Path.Combine(tools, "kubectl-faros")), install.ToString());

        sandbox.PathPrefix.Add(tools);
        var installed = await sandbox.KubectlAsync("faros", "version");
        Assert.That(installed.Succeeded, installed.ToString());
        Assert.That(installed.StandardOutput.Trim(), Is.EqualTo(built));

        var plugins = await sandbox.KubectlAsync("plugin", "list");
        Assert.That(plugins.StandardOutput, Does.Contain(Path.Combine(tools, "kubectl-faros")), plugins.ToString());
    }
}
