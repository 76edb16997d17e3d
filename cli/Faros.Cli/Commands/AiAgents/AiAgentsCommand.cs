using System.CommandLine;
using Faros.Api.Intelligence;
using Faros.Api.Kubernetes;
using Faros.Cli.Infrastructure;
using Faros.Cli.Output;

namespace Faros.Cli.Commands.AiAgents;

/// <summary>`kubectl faros ai-agents init|list`: AI agents (intelligence.faros.sh Agents).</summary>
public static class AiAgentsCommand
{
    public static Command Create()
    {
        var command = new Command("ai-agents", "Manage AI agents that operate clusters (intelligence.faros.sh Agents).");
        command.Aliases.Add("ai-agent");
        command.Subcommands.Add(AiAgentsInitCommand.Create());
        command.Subcommands.Add(ListCommand());
        return command;
    }

    private static Command ListCommand()
    {
        var ns = CommonOptions.Namespace();
        var output = CommonOptions.Output();
        var command = new Command("list", "List AI agents.") { ns, output };
        command.Aliases.Add("ls");
        command.SetFarosAction(async invocation =>
        {
            var namespaceName = invocation.Namespace(ns);
            var agents = (await new ResourceClient<AiAgent>(invocation.Kube.Client).ListAsync(namespaceName, cancellationToken: invocation.CancellationToken))
                .Items.OrderBy(agent => agent.Metadata.Name, StringComparer.Ordinal).ToList();
            ResultWriter.Write(invocation.Out, invocation.Error, invocation.Get(output),
                () =>
                {
                    var table = new Table("NAME", "BACKEND", "MODEL", "PHASE", "AGE");
                    foreach (var agent in agents)
                    {
                        table.Add(agent.Metadata.Name, agent.Spec.Backend, agent.Spec.Model, agent.Status.Phase ?? Api.Core.ClusterPhases.Pending, Age.Since(agent.Metadata.CreationTimestamp));
                    }

                    return table;
                },
                () => ResultWriter.KubernetesList(agents),
                empty: $"No AI agents found in namespace {namespaceName}. Create one with `kubectl faros ai-agents init --name NAME --backend openai --model MODEL --api-key KEY`.");
            return ExitCodes.Success;
        });
        return command;
    }
}
