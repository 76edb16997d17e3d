using System.Net;
using Faros.Cli.Infrastructure;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Faros.Cli.Commands.Workspaces;

/// <summary>
/// Workspaces on the hub: namespaces labelled faros.sh/workspace, with one RoleBinding binding the members to a
/// ClusterRole (by default faros-workspace-member, created on first use).
/// </summary>
public sealed class WorkspaceStore(IKubernetes client)
{
    public const string Label = "faros.sh/workspace";
    public const string MembersBinding = "faros-workspace-members";
    public const string MemberRole = "faros-workspace-member";

    public async Task<Workspace> CreateAsync(string name, IReadOnlyList<WorkspaceMember> members, string role, CancellationToken cancellationToken)
    {
        if (members.Count > 0)
        {
            await EnsureRoleAsync(role, cancellationToken);
        }

        V1Namespace created;
        try
        {
            created = await client.CoreV1.CreateNamespaceAsync(new V1Namespace
            {
                Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { [Label] = "true" } },
            }, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException exception) when (exception.Response.StatusCode == HttpStatusCode.Conflict)
        {
            throw new CliException(ExitCodes.Conflict, $"A namespace named '{name}' exists already. Pick another name, or see it with `kubectl faros workspace get {name}`.", exception);
        }

        V1RoleBinding? binding = null;
        if (members.Count > 0)
        {
            try
            {
                binding = await client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(MembersBindingFor(members, role), name, cancellationToken: cancellationToken);
            }
            catch
            {
                // No half-made workspace: without its members the namespace goes again.
                await client.CoreV1.DeleteNamespaceAsync(name, cancellationToken: CancellationToken.None);
                throw;
            }
        }

        return Workspace.From(created, binding);
    }

    public async Task<Workspace> GetAsync(string name, CancellationToken cancellationToken) =>
        Workspace.From(await GetNamespaceAsync(name, cancellationToken), await GetMembersAsync(name, cancellationToken));

    public async Task<IReadOnlyList<Workspace>> ListAsync(CancellationToken cancellationToken)
    {
        var namespaces = await client.CoreV1.ListNamespaceAsync(labelSelector: Label, cancellationToken: cancellationToken);
        var bindings = await ListMembersAsync(cancellationToken);
        var workspaces = new List<Workspace>();
        foreach (var ns in namespaces.Items.OrderBy(ns => ns.Metadata.Name, StringComparer.Ordinal))
        {
            var members = bindings is null ? await GetMembersAsync(ns.Metadata.Name, cancellationToken) : bindings.GetValueOrDefault(ns.Metadata.Name);
            workspaces.Add(Workspace.From(ns, members));
        }

        return workspaces;
    }

    /// <summary>Every workspace's member binding in one call; null when the user may not list RoleBindings cluster-wide.</summary>
    private async Task<Dictionary<string, V1RoleBinding>?> ListMembersAsync(CancellationToken cancellationToken)
    {
        try
        {
            var bindings = await client.RbacAuthorizationV1.ListRoleBindingForAllNamespacesAsync(fieldSelector: $"metadata.name={MembersBinding}", cancellationToken: cancellationToken);
            return bindings.Items.ToDictionary(binding => binding.Metadata.NamespaceProperty, StringComparer.Ordinal);
        }
        catch (HttpOperationException exception) when (exception.Response.StatusCode == HttpStatusCode.Forbidden)
        {
            return null;
        }
    }

    public async Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        await GetNamespaceAsync(name, cancellationToken);
        await client.CoreV1.DeleteNamespaceAsync(name, cancellationToken: cancellationToken);
    }

    /// <summary>The namespace, or null once it is gone.</summary>
    public async Task<V1Namespace?> FindNamespaceAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return await client.CoreV1.ReadNamespaceAsync(name, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException exception) when (exception.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>The namespace if it is a workspace; a not-found error otherwise.</summary>
    public async Task<V1Namespace> GetNamespaceAsync(string name, CancellationToken cancellationToken)
    {
        var ns = await FindNamespaceAsync(name, cancellationToken)
            ?? throw CliException.NotFound($"Workspace '{name}' does not exist. List workspaces with `kubectl faros workspace list`.");
        return ns.Metadata.Labels?.ContainsKey(Label) == true
            ? ns
            : throw CliException.NotFound($"Namespace '{name}' is not a Faros workspace (it lacks the {Label} label). List workspaces with `kubectl faros workspace list`.");
    }

    private async Task<V1RoleBinding?> GetMembersAsync(string ns, CancellationToken cancellationToken)
    {
        try
        {
            return await client.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync(MembersBinding, ns, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException exception) when (exception.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task EnsureRoleAsync(string role, CancellationToken cancellationToken)
    {
        try
        {
            await client.RbacAuthorizationV1.ReadClusterRoleAsync(role, cancellationToken: cancellationToken);
            return;
        }
        catch (HttpOperationException exception) when (exception.Response.StatusCode == HttpStatusCode.NotFound && role != MemberRole)
        {
            throw CliException.NotFound($"ClusterRole '{role}' does not exist. Pass an existing one with --role (e.g. edit), or leave --role out to use {MemberRole}.");
        }
        catch (HttpOperationException exception) when (exception.Response.StatusCode == HttpStatusCode.NotFound)
        {
            // First workspace with members on this hub: create the default role below.
        }

        try
        {
            await client.RbacAuthorizationV1.CreateClusterRoleAsync(WorkspaceMemberRole.Create(), cancellationToken: cancellationToken);
        }
        catch (HttpOperationException exception) when (exception.Response.StatusCode == HttpStatusCode.Conflict)
        {
            // Another client created it at the same moment.
        }
    }

    private static V1RoleBinding MembersBindingFor(IReadOnlyList<WorkspaceMember> members, string role) => new()
    {
        Metadata = new V1ObjectMeta { Name = MembersBinding, Labels = new Dictionary<string, string> { [Label] = "true" } },
        RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = role },
        Subjects = members.Select(member => member.ToSubject()).ToList(),
    };
}
