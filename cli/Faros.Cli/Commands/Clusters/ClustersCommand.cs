using System.CommandLine;
using Faros.Api.Core;
using Faros.Api.Kubernetes;
using Faros.Cli.Infrastructure;
using Faros.Cli.Output;

namespace Faros.Cli.Commands.Clusters;

/// <summary>`kubectl faros clusters list|init|delete`: managed clusters (core.faros.sh Clusters).</summary>
public static class ClustersCommand
{
    public static Command Create()
    {
        var command = new Command("clusters", "Manage the clusters a Faros hub manages (core.faros.sh Clusters).");
        command.Aliases.Add("cluster");
        command.Subcommands.Add(ListCommand());
        command.Subcommands.Add(ClustersInitCommand.Create());
        command.Subcommands.Add(DeleteCommand());
        return command;
    }

    private static Command ListCommand()
    {
        var ns = CommonOptions.Namespace();
        var output = CommonOptions.Output();
        var command = new Command("list", "List managed clusters.") { ns, output };
        command.Aliases.Add("ls");
        command.SetFarosAction(async invocation =>
        {
            var namespaceName = invocation.Namespace(ns);
            var clusters = (await new ResourceClient<Cluster>(invocation.Kube.Client).ListAsync(namespaceName, cancellationToken: invocation.CancellationToken))
                .Items.OrderBy(cluster => cluster.Metadata.Name, StringComparer.Ordinal).ToList();
            ResultWriter.Write(invocation.Out, invocation.Error, invocation.Get(output), () => ToTable(clusters), () => ResultWriter.KubernetesList(clusters),
                empty: $"No clusters found in namespace {namespaceName}. Add one with `kubectl faros clusters init NAME`.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command DeleteCommand()
    {
        var name = NameArguments.Subdomain("cluster");
        var ns = CommonOptions.Namespace();
        var wait = new Option<bool>("--wait") { Description = "Wait until the operator has cleaned up and the Cluster is gone." };
        var timeout = CommonOptions.Timeout(TimeSpan.FromMinutes(2));
        var command = new Command("delete", "Delete a managed cluster; the operator revokes its agent and token.") { name, ns, wait, timeout };
        command.SetFarosAction(async invocation =>
        {
            var clusterName = invocation.Get(name);
            var namespaceName = invocation.Namespace(ns);
            var clusters = new ResourceClient<Cluster>(invocation.Kube.Client);
            if (await clusters.FindAsync(namespaceName, clusterName, invocation.CancellationToken) is null)
            {
                throw CliException.NotFound($"Cluster '{clusterName}' does not exist in namespace '{namespaceName}'. List clusters with `kubectl faros clusters list -n {namespaceName}`.");
            }

            await clusters.DeleteAsync(namespaceName, clusterName, invocation.CancellationToken);
            if (invocation.Get(wait))
            {
                await new Waiter(invocation.Error, invocation.Get(timeout)).UntilGoneAsync(
                    $"cluster {namespaceName}/{clusterName}",
                    cancellationToken => clusters.FindAsync(namespaceName, clusterName, cancellationToken),
                    cluster => $"phase {cluster.Status.Phase ?? ClusterPhases.Deleting}",
                    "The operator's finalizer removes the cluster's agent and token; is the operator running?",
                    invocation.CancellationToken);
                await invocation.Out.WriteLineAsync($"Cluster {namespaceName}/{clusterName} deleted.");
            }
            else
            {
                await invocation.Out.WriteLineAsync($"Cluster {namespaceName}/{clusterName} is being deleted. Remove the agent from the cluster with `kubectl delete namespace {ClusterAgentManifest.Namespace}` there.");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Table ToTable(IEnumerable<Cluster> clusters)
    {
        var table = new Table("NAME", "DISPLAY NAME", "PHASE", "AGENT", "HEARTBEAT", "AGE");
        foreach (var cluster in clusters)
        {
            table.Add(cluster.Metadata.Name, cluster.Spec.DisplayName, cluster.Status.Phase ?? ClusterPhases.Pending, cluster.Status.AgentName,
                cluster.Status.LastHeartbeat is { } heartbeat ? Age.Since(heartbeat) + " ago" : null, Age.Since(cluster.Metadata.CreationTimestamp));
        }

        return table;
    }
}
