using System.CommandLine;

namespace Faros.Cli.Commands.Plugins;

/// <summary>`kubectl faros plugins ...`: find plugins in the registry and manage the plugins of edge agents.</summary>
public static class PluginsCommand
{
    public static Command Create()
    {
        var command = new Command("plugins", "Find and publish plugins in the Faros registry, and manage the plugins of edge agents.");
        command.Aliases.Add("plugin");
        command.Subcommands.Add(PluginsSearchCommand.Create());
        command.Subcommands.Add(PluginsInfoCommand.Create());
        command.Subcommands.Add(PluginsPublishCommand.Create());
        command.Subcommands.Add(PluginsEnableCommand.Create());
        command.Subcommands.Add(PluginsDisableCommand.Create());
        command.Subcommands.Add(PluginsStatusCommand.Create());
        return command;
    }
}
