using System.CommandLine;
using Faros.Api.Edge;
using Faros.Api.Kubernetes;
using Faros.Cli.Infrastructure;
using Faros.Cli.Resources;

namespace Faros.Cli.Commands.Plugins;

/// <summary>`kubectl faros plugins disable AGENT PLUGIN`: removes the reference (by local name or package id) from the agent.</summary>
public static class PluginsDisableCommand
{
    public static Command Create()
    {
        var agent = new Argument<string>("AGENT") { Description = "The edge agent's name." };
        var plugin = new Argument<string>("PLUGIN") { Description = "The plugin's local name or package id." };
        var ns = CommonOptions.Namespace();
        var command = new Command("disable", "Remove a plugin from an edge agent.") { agent, plugin, ns };
        command.SetFarosAction(async invocation =>
        {
            var agentName = invocation.Get(agent);
            var target = invocation.Get(plugin);
            var namespaceName = invocation.Namespace(ns);
            string? removed = null;
            await new ResourceClient<EdgeAgent>(invocation.Kube.Client).EditAsync(namespaceName, agentName, current =>
            {
                var match = current.Spec.Plugins.FirstOrDefault(entry => entry.Name == target)
                    ?? current.Spec.Plugins.FirstOrDefault(entry => string.Equals(entry.Package, target, StringComparison.OrdinalIgnoreCase))
                    ?? throw CliException.NotFound(
                        $"Agent {namespaceName}/{agentName} has no plugin '{target}' (it has: {(current.Spec.Plugins.Count == 0 ? "none" : string.Join(", ", current.Spec.Plugins.Select(entry => entry.Name)))}).");
                current.Spec.Plugins.Remove(match);
                removed = match.Name;
            }, invocation.CancellationToken);
            await invocation.Out.WriteLineAsync($"Disabled {removed} on agent {namespaceName}/{agentName}; the device stops it at its next sync.");
            return ExitCodes.Success;
        });
        return command;
    }
}
