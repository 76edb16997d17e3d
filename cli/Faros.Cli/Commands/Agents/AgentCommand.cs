using System.CommandLine;
using Faros.Api.Edge;
using Faros.Api.Kubernetes;
using Faros.Cli.Infrastructure;
using Faros.Cli.Output;
using Faros.Cli.Resources;

namespace Faros.Cli.Commands.Agents;

/// <summary>`kubectl faros agent generate|list|get|delete`: edge devices' agents.</summary>
public static class AgentCommand
{
    public static Command Create()
    {
        var command = new Command("agent", "Manage edge agents (edge.faros.sh Agents) and register devices.");
        command.Aliases.Add("agents");
        command.Subcommands.Add(AgentGenerateCommand.Create());
        command.Subcommands.Add(ListCommand());
        command.Subcommands.Add(GetCommand());
        command.Subcommands.Add(DeleteCommand());
        return command;
    }

    private static Command ListCommand()
    {
        var ns = CommonOptions.Namespace();
        var allNamespaces = new Option<bool>("--all-namespaces", "-A") { Description = "List agents in every namespace." };
        var output = CommonOptions.Output();
        var command = new Command("list", "List edge agents.") { ns, allNamespaces, output };
        command.Aliases.Add("ls");
        command.SetFarosAction(async invocation =>
        {
            var all = invocation.Get(allNamespaces);
            var namespaceName = all ? null : invocation.Namespace(ns);
            var agents = await new ResourceClient<EdgeAgent>(invocation.Kube.Client).ListAsync(namespaceName, cancellationToken: invocation.CancellationToken);
            var items = agents.Items.OrderBy(agent => agent.Metadata.NamespaceProperty, StringComparer.Ordinal).ThenBy(agent => agent.Metadata.Name, StringComparer.Ordinal).ToList();
            ResultWriter.Write(invocation.Out, invocation.Error, invocation.Get(output), () => ToTable(items, all),
                () => ResultWriter.KubernetesList(items), empty: $"No agents found{(all ? "" : $" in namespace {namespaceName}")}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command GetCommand()
    {
        var name = NameArguments.Subdomain("agent");
        var ns = CommonOptions.Namespace();
        var output = CommonOptions.Output();
        var command = new Command("get", "Show an edge agent.") { name, ns, output };
        command.SetFarosAction(async invocation =>
        {
            var namespaceName = invocation.Namespace(ns);
            var agent = await new ResourceClient<EdgeAgent>(invocation.Kube.Client).FindAsync(namespaceName, invocation.Get(name), invocation.CancellationToken)
                ?? throw NotFound(invocation.Get(name), namespaceName);
            ResultWriter.Write(invocation.Out, invocation.Error, invocation.Get(output), () => ToTable([agent], allNamespaces: false), () => ResultWriter.FromKubernetes(agent));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command DeleteCommand()
    {
        var name = NameArguments.Subdomain("agent");
        var ns = CommonOptions.Namespace();
        var command = new Command("delete", "Delete an edge agent and its Registration (the operator then revokes the device's identity).") { name, ns };
        command.SetFarosAction(async invocation =>
        {
            var namespaceName = invocation.Namespace(ns);
            var agentName = invocation.Get(name);
            var agents = new ResourceClient<EdgeAgent>(invocation.Kube.Client);
            var registrations = new ResourceClient<Registration>(invocation.Kube.Client);
            var agent = await agents.FindAsync(namespaceName, agentName, invocation.CancellationToken);
            var registration = await registrations.FindAsync(namespaceName, agentName, invocation.CancellationToken);
            if (agent is null && registration is null)
            {
                throw NotFound(agentName, namespaceName);
            }

            await registrations.DeleteAsync(namespaceName, agentName, invocation.CancellationToken);
            await agents.DeleteAsync(namespaceName, agentName, invocation.CancellationToken);
            await invocation.Out.WriteLineAsync($"Agent {namespaceName}/{agentName} deleted{(registration is null ? "" : " with its registration")}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static CliException NotFound(string name, string ns) =>
        CliException.NotFound($"Agent '{name}' does not exist in namespace '{ns}'. List agents with `kubectl faros agent list -n {ns}`, or create one with `kubectl faros agent generate {name} -f FILE`.");

    private static Table ToTable(IEnumerable<EdgeAgent> agents, bool allNamespaces)
    {
        var columns = new List<string> { "NAME", "PLUGINS", "RESOLVED", "CONNECTED", "HEARTBEAT", "AGE" };
        if (allNamespaces)
        {
            columns.Insert(0, "NAMESPACE");
        }

        var table = new Table([.. columns]);
        foreach (var agent in agents)
        {
            var cells = new List<string?>
            {
                agent.Metadata.Name,
                agent.Spec.Plugins.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Conditions.Cell(agent.Status.FindCondition(EdgeAgentConditions.PluginsResolved)),
                Conditions.Cell(agent.Status.FindCondition(EdgeAgentConditions.Connected)),
                agent.Status.LastHeartbeat is { } heartbeat ? Age.Since(heartbeat) + " ago" : null,
                Age.Since(agent.Metadata.CreationTimestamp),
            };
            if (allNamespaces)
            {
                cells.Insert(0, agent.Metadata.NamespaceProperty);
            }

            table.Add([.. cells]);
        }

        return table;
    }
}
