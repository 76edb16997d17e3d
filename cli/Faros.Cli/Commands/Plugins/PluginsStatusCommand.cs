using System.CommandLine;
using System.Text.Json.Nodes;
using Faros.Api.Edge;
using Faros.Api.Kubernetes;
using Faros.Cli.Infrastructure;
using Faros.Cli.Output;
using Faros.Cli.Resources;

namespace Faros.Cli.Commands.Plugins;

/// <summary>`kubectl faros plugins status AGENT`: each plugin reference next to what the hub pinned and the device runs.</summary>
public static class PluginsStatusCommand
{
    public static Command Create()
    {
        var agent = new Argument<string>("AGENT") { Description = "The edge agent's name." };
        var ns = CommonOptions.Namespace();
        var output = CommonOptions.Output();
        var command = new Command("status", "Show the plugins of an edge agent: requested range, pinned version, phase and signer.") { agent, ns, output };
        command.SetFarosAction(async invocation =>
        {
            var agentName = invocation.Get(agent);
            var namespaceName = invocation.Namespace(ns);
            var found = await new ResourceClient<EdgeAgent>(invocation.Kube.Client).FindAsync(namespaceName, agentName, invocation.CancellationToken)
                ?? throw CliException.NotFound($"Agent '{agentName}' does not exist in namespace '{namespaceName}'. List agents with `kubectl faros agent list -n {namespaceName}`.");
            var rows = Rows(found);
            var resolved = found.Status.FindCondition(EdgeAgentConditions.PluginsResolved);
            ResultWriter.Write(invocation.Out, invocation.Error, invocation.Get(output),
                () => ToTable(rows),
                () => new JsonObject
                {
                    ["agent"] = agentName,
                    ["namespace"] = namespaceName,
                    ["pluginsResolved"] = resolved is null ? null : ResultWriter.FromKubernetes(resolved),
                    ["plugins"] = new JsonArray(rows.Select(row => (JsonNode)row.ToJson()).ToArray()),
                },
                empty: $"Agent {namespaceName}/{agentName} has no plugins. Enable one with `kubectl faros plugins enable {agentName} PACKAGE`.");
            if (invocation.Get(output) == OutputFormat.Table && resolved is not null && rows.Count > 0)
            {
                await invocation.Error.WriteLineAsync(Conditions.Describe(resolved));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static List<PluginRow> Rows(EdgeAgent agent) => agent.Spec.Plugins
        .Select(reference => new PluginRow(reference, agent.Status.Plugins.FirstOrDefault(status => status.Name == reference.Name)))
        .ToList();

    private static Table ToTable(IEnumerable<PluginRow> rows)
    {
        var table = new Table("NAME", "PACKAGE", "RANGE", "VERSION", "PHASE", "SIGNER", "MESSAGE");
        foreach (var row in rows)
        {
            table.Add(row.Reference.Name, row.Reference.Package ?? row.Status?.Package, row.Reference.Version ?? "latest", row.Status?.Version,
                row.Status?.Phase ?? PluginPhases.Pending, row.Status?.Signer ?? (row.Status?.Version is null ? null : "<unsigned>"), row.Status?.Message);
        }

        return table;
    }

    /// <summary>A plugin as requested (spec) and as observed (status).</summary>
    private sealed record PluginRow(PluginReference Reference, PluginStatus? Status)
    {
        public JsonObject ToJson() => new()
        {
            ["name"] = Reference.Name,
            ["package"] = Reference.Package ?? Status?.Package,
            ["range"] = Reference.Version,
            ["version"] = Status?.Version,
            ["digest"] = Status?.Digest,
            ["downloadUrl"] = Status?.DownloadUrl,
            ["signer"] = Status?.Signer,
            ["phase"] = Status?.Phase ?? PluginPhases.Pending,
            ["message"] = Status?.Message,
        };
    }
}
