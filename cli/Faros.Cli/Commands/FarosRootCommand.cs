using System.CommandLine;
using Faros.Cli.Commands.Agents;
using Faros.Cli.Commands.AiAgents;
using Faros.Cli.Commands.Clusters;
using Faros.Cli.Commands.Keys;
using Faros.Cli.Commands.Login;
using Faros.Cli.Commands.Plugins;
using Faros.Cli.Commands.Workspaces;
using Faros.Cli.Infrastructure;

namespace Faros.Cli.Commands;

/// <summary>The command tree of `kubectl faros`.</summary>
public static class FarosRootCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand("kubectl faros: manage Faros workspaces, edge agents, plugins, clusters and AI agents on a Faros hub.");
        GlobalOptions.AddTo(root);
        root.Subcommands.Add(LoginCommand.Create());
        root.Subcommands.Add(WorkspaceCommand.Create());
        root.Subcommands.Add(AgentCommand.Create());
        root.Subcommands.Add(PluginsCommand.Create());
        root.Subcommands.Add(ClustersCommand.Create());
        root.Subcommands.Add(AiAgentsCommand.Create());
        root.Subcommands.Add(KeysCommand.Create());
        root.Subcommands.Add(VersionCommand.Create());
        return root;
    }
}
