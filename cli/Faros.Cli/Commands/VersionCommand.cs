using System.CommandLine;
using System.Reflection;
using Faros.Cli.Infrastructure;

namespace Faros.Cli.Commands;

/// <summary>`kubectl faros version`: the tool's own version, without touching the hub.</summary>
public static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "Print the version of kubectl-faros.");
        command.SetFarosAction(async invocation =>
        {
            await invocation.Out.WriteLineAsync($"kubectl-faros {ToolVersion}");
            return ExitCodes.Success;
        });
        return command;
    }

    public static string ToolVersion =>
        typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(VersionCommand).Assembly.GetName().Version?.ToString()
        ?? "unknown";
}
