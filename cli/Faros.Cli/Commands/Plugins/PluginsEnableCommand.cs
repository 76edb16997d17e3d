using System.CommandLine;
using Faros.Api.Edge;
using Faros.Api.Kubernetes;
using Faros.Cli.Infrastructure;
using Faros.Cli.Resources;

namespace Faros.Cli.Commands.Plugins;

/// <summary>
/// `kubectl faros plugins enable AGENT PLUGIN[@RANGE]`: adds (or updates) the plugin reference on the edge Agent,
/// waits until the operator has resolved it against the registry, and shows the pinned version, digest and signer.
/// </summary>
public static class PluginsEnableCommand
{
    private static readonly string[] Settled = [PluginPhases.Resolved, PluginPhases.Installing, PluginPhases.Running];

    public static Command Create()
    {
        var agent = new Argument<string>("AGENT") { Description = "The edge agent's name." };
        var plugin = new Argument<string>("PLUGIN") { Description = "The plugin's package id, optionally with a NuGet version range: Contoso.Net, Contoso.Net@1.*, Contoso.Net@[1.2.0]." };
        var name = new Option<string?>("--name") { Description = "The plugin's local name on the agent (default: from the package id, e.g. contoso-net)." };
        var config = new Option<string[]>("--config")
        {
            Description = "Configuration entries key=value (repeatable; dotted keys nest; JSON values keep their type).",
            AllowMultipleArgumentsPerToken = false,
        };
        var configFrom = new Option<string?>("--config-from") { Description = "Take the configuration from a plugin resource KIND/NAME in the agent's namespace, e.g. Network/wireguard." };
        var ns = CommonOptions.Namespace();
        var noWait = new Option<bool>("--no-wait") { Description = "Return once the reference is added, without waiting for the operator." };
        var timeout = CommonOptions.Timeout(TimeSpan.FromMinutes(2));
        var command = new Command("enable", "Enable a plugin on an edge agent and wait until the hub pins its version.")
        {
            agent, plugin, name, config, configFrom, ns, noWait, timeout,
        };
        command.Validators.Add(result =>
        {
            if ((result.GetValue(config)?.Length ?? 0) > 0 && result.GetValue(configFrom) is not null)
            {
                result.AddError("--config and --config-from exclude each other; configure the plugin inline or through a resource.");
            }
        });
        command.SetFarosAction(async invocation =>
        {
            var specifier = PluginSpecifier.Parse(invocation.Get(plugin));
            var localName = invocation.Get(name) ?? specifier.DefaultName;
            var reference = new PluginReference
            {
                Name = localName,
                Package = specifier.Package,
                Version = specifier.Range,
                Config = PluginConfiguration.Parse(invocation.Get(config) ?? []),
                ConfigRef = ParseConfigRef(invocation.Get(configFrom)),
            };
            var agentName = invocation.Get(agent);
            var namespaceName = invocation.Namespace(ns);
            var agents = new ResourceClient<EdgeAgent>(invocation.Kube.Client);

            var updated = await agents.EditAsync(namespaceName, agentName, current =>
            {
                var index = current.Spec.Plugins.ToList().FindIndex(existing => existing.Name == localName);
                if (index >= 0)
                {
                    current.Spec.Plugins[index] = reference;
                }
                else
                {
                    current.Spec.Plugins.Add(reference);
                }
            }, invocation.CancellationToken);
            var generation = updated.Metadata.Generation ?? 0;
            await invocation.Error.WriteLineAsync($"Plugin {localName} ({specifier.Package}{(specifier.Range is null ? "" : "@" + specifier.Range)}) added to agent {namespaceName}/{agentName}.");
            if (invocation.Get(noWait))
            {
                return ExitCodes.Success;
            }

            var resolved = await new Waiter(invocation.Error, invocation.Get(timeout)).UntilAsync(
                $"the hub to resolve {localName} on agent {namespaceName}/{agentName}",
                cancellationToken => agents.FindAsync(namespaceName, agentName, cancellationToken),
                current => Judge(current, localName, generation),
                $"Is the Faros operator running on the hub? The reference stays on the agent; see `kubectl faros plugins status {agentName} -n {namespaceName}`.",
                invocation.CancellationToken);

            var status = resolved!.Status.Plugins.First(entry => entry.Name == localName);
            await invocation.Out.WriteLineAsync($"Enabled {localName} on agent {namespaceName}/{agentName}: {status.Package} {status.Version} ({status.Phase}).");
            await invocation.Out.WriteLineAsync($"  digest: {status.Digest ?? "<none>"}");
            await invocation.Out.WriteLineAsync($"  signer: {status.Signer ?? "<unsigned>"}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static WaitState Judge(EdgeAgent? agent, string localName, long generation)
    {
        if (agent is null)
        {
            return WaitState.Failed("deleted", "the agent was deleted while waiting.", ExitCodes.NotFound);
        }

        var condition = agent.Status.FindCondition(EdgeAgentConditions.PluginsResolved);
        if ((agent.Status.ObservedGeneration ?? 0) < generation)
        {
            return WaitState.Pending("waiting for the operator to see the change");
        }

        var entry = agent.Status.Plugins.FirstOrDefault(candidate => candidate.Name == localName);
        if (entry is null)
        {
            return WaitState.Pending(Conditions.Describe(condition));
        }

        if (Settled.Contains(entry.Phase))
        {
            return WaitState.Finished($"{entry.Phase} {entry.Package} {entry.Version}");
        }

        if (entry.Phase is PluginPhases.Unresolved or PluginPhases.Failed)
        {
            var notFound = condition?.Reason is EdgeAgentConditions.Reasons.NotFound or EdgeAgentConditions.Reasons.NoMatchingVersion;
            return WaitState.Failed(
                $"phase {entry.Phase}",
                $"{entry.Message ?? condition?.Message ?? "the operator could not resolve it"}{(condition is null ? "" : $" ({condition.Reason})")}. Fix the reference with `kubectl faros plugins enable` again, or remove it with `kubectl faros plugins disable {agent.Metadata.Name} {localName}`.",
                notFound ? ExitCodes.NotFound : ExitCodes.Error);
        }

        return WaitState.Pending($"phase {entry.Phase ?? PluginPhases.Pending}");
    }

    private static PluginConfigReference? ParseConfigRef(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var parts = text.Split('/');
        return parts is [{ Length: > 0 } kind, { Length: > 0 } resourceName]
            ? new PluginConfigReference { Kind = kind, Name = resourceName }
            : throw CliException.Usage($"--config-from '{text}' is not KIND/NAME; write e.g. Network/wireguard.");
    }
}
