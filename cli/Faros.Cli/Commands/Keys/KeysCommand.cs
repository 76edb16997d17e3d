using System.CommandLine;

namespace Faros.Cli.Commands.Keys;

/// <summary>`kubectl faros keys ...`: the publisher's signing keys.</summary>
public static class KeysCommand
{
    public static Command Create()
    {
        var command = new Command("keys", "Manage the key pair that signs the plugins you publish.");
        command.Aliases.Add("key");
        command.Subcommands.Add(KeysGenerateCommand.Create());
        return command;
    }
}
