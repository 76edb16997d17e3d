using k8s.Models;

namespace Faros.Cli.Commands.Workspaces;

/// <summary>
/// The ClusterRole that workspace members are bound to (inside their workspace only): full use of the Faros APIs and
/// of the Secrets and ConfigMaps that agents and AI agents refer to, read access to events.
/// </summary>
public static class WorkspaceMemberRole
{
    private static readonly string[] AllVerbs = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"];

    public static V1ClusterRole Create() => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = WorkspaceStore.MemberRole,
            Labels = new Dictionary<string, string> { ["app.kubernetes.io/part-of"] = "faros" },
        },
        Rules =
        [
            new V1PolicyRule { ApiGroups = ["edge.faros.sh", "core.faros.sh", "intelligence.faros.sh", "plugins.faros.sh"], Resources = ["*"], Verbs = AllVerbs },
            new V1PolicyRule { ApiGroups = [""], Resources = ["secrets", "configmaps"], Verbs = AllVerbs },
            new V1PolicyRule { ApiGroups = [""], Resources = ["events"], Verbs = ["get", "list", "watch"] },
        ],
    };
}
