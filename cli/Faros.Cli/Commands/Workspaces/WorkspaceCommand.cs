using System.CommandLine;
using System.Text.Json.Nodes;
using Faros.Cli.Infrastructure;
using Faros.Cli.Kubeconfig;
using Faros.Cli.Output;

namespace Faros.Cli.Commands.Workspaces;

/// <summary>`kubectl faros workspace create|get|list|use|delete`.</summary>
public static class WorkspaceCommand
{
    public static Command Create()
    {
        var command = new Command("workspace", "Manage workspaces: namespaces labelled faros.sh/workspace, with members bound by RoleBindings.");
        command.Aliases.Add("workspaces");
        command.Subcommands.Add(CreateCommand());
        command.Subcommands.Add(GetCommand());
        command.Subcommands.Add(ListCommand());
        command.Subcommands.Add(UseCommand());
        command.Subcommands.Add(DeleteCommand());
        return command;
    }

    private static Argument<string> NameArgument() => NameArguments.Label("workspace");

    private static Command CreateCommand()
    {
        var name = NameArgument();
        var members = new Option<string[]>("--members")
        {
            Description = "Members, comma-separated: alice (a user), group:devs, serviceaccount:NAMESPACE:NAME.",
            AllowMultipleArgumentsPerToken = true,
        };
        var role = new Option<string>("--role")
        {
            Description = $"The ClusterRole members get in the workspace (created if it is {WorkspaceStore.MemberRole} and missing).",
            DefaultValueFactory = _ => WorkspaceStore.MemberRole,
        };
        var output = CommonOptions.Output();
        var command = new Command("create", "Create a workspace.") { name, members, role, output };
        command.SetFarosAction(async invocation =>
        {
            var parsedMembers = WorkspaceMember.ParseList(invocation.Get(members) ?? []);
            var workspace = await new WorkspaceStore(invocation.Kube.Client).CreateAsync(invocation.Get(name), parsedMembers, invocation.Get(role), invocation.CancellationToken);
            if (invocation.Get(output) == OutputFormat.Table)
            {
                var memberText = workspace.Members.Count == 0 ? "" : $" with members {string.Join(", ", workspace.Members)} ({workspace.Role})";
                await invocation.Out.WriteLineAsync($"Workspace \"{workspace.Name}\" created{memberText}. Switch to it with `kubectl faros workspace use {workspace.Name}`.");
            }
            else
            {
                ResultWriter.WriteDocument(invocation.Out, invocation.Get(output), workspace.ToJson());
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command GetCommand()
    {
        var name = NameArgument();
        var output = CommonOptions.Output();
        var command = new Command("get", "Show a workspace and its members.") { name, output };
        command.SetFarosAction(async invocation =>
        {
            var workspace = await new WorkspaceStore(invocation.Kube.Client).GetAsync(invocation.Get(name), invocation.CancellationToken);
            ResultWriter.Write(invocation.Out, invocation.Error, invocation.Get(output), () => ToTable([workspace]), workspace.ToJson);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command ListCommand()
    {
        var output = CommonOptions.Output();
        var command = new Command("list", "List workspaces.") { output };
        command.Aliases.Add("ls");
        command.SetFarosAction(async invocation =>
        {
            var workspaces = await new WorkspaceStore(invocation.Kube.Client).ListAsync(invocation.CancellationToken);
            ResultWriter.Write(invocation.Out, invocation.Error, invocation.Get(output), () => ToTable(workspaces),
                () => new JsonObject { ["items"] = new JsonArray(workspaces.Select(workspace => (JsonNode)workspace.ToJson()).ToArray()) },
                empty: "No workspaces found. Create one with `kubectl faros workspace create NAME`.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command UseCommand()
    {
        var name = NameArgument();
        var command = new Command("use", "Make a workspace the namespace of the current kubeconfig context.") { name };
        command.SetFarosAction(async invocation =>
        {
            var workspace = invocation.Get(name);
            await new WorkspaceStore(invocation.Kube.Client).GetNamespaceAsync(workspace, invocation.CancellationToken);
            var kubeconfig = KubeconfigSet.Load(invocation.Kubeconfig.Files);
            kubeconfig.SetEntryValue(KubeconfigSections.Contexts, invocation.Kube.ContextName, "namespace", workspace);
            kubeconfig.Save();
            await invocation.Out.WriteLineAsync($"Context \"{invocation.Kube.ContextName}\" now uses workspace \"{workspace}\".");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command DeleteCommand()
    {
        var name = NameArgument();
        var wait = new Option<bool>("--wait") { Description = "Wait until the namespace and everything in it are gone." };
        var timeout = CommonOptions.Timeout(TimeSpan.FromMinutes(2));
        var command = new Command("delete", "Delete a workspace and everything in it.") { name, wait, timeout };
        command.SetFarosAction(async invocation =>
        {
            var workspace = invocation.Get(name);
            var store = new WorkspaceStore(invocation.Kube.Client);
            await store.DeleteAsync(workspace, invocation.CancellationToken);
            if (invocation.Get(wait))
            {
                await new Waiter(invocation.Error, invocation.Get(timeout)).UntilGoneAsync(
                    $"workspace {workspace}",
                    cancellationToken => store.FindNamespaceAsync(workspace, cancellationToken),
                    ns => $"phase {ns.Status?.Phase ?? "Terminating"}",
                    "The hub's namespace controller removes what the workspace holds; check `kubectl get namespace " + workspace + " -o yaml` for what blocks it.",
                    invocation.CancellationToken);
                await invocation.Out.WriteLineAsync($"Workspace \"{workspace}\" deleted.");
            }
            else
            {
                await invocation.Out.WriteLineAsync($"Workspace \"{workspace}\" is being deleted.");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Table ToTable(IEnumerable<Workspace> workspaces)
    {
        var table = new Table("NAME", "MEMBERS", "ROLE", "STATUS", "AGE");
        foreach (var workspace in workspaces)
        {
            table.Add(workspace.Name, string.Join(",", workspace.Members), workspace.Role, workspace.Phase, Age.Since(workspace.Created));
        }

        return table;
    }
}
