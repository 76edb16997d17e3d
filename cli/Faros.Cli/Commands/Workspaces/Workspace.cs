using System.Text.Json.Nodes;
using k8s.Models;

namespace Faros.Cli.Commands.Workspaces;

/// <summary>A workspace as shown to the user: its namespace plus the members of its RoleBinding.</summary>
public sealed record Workspace(string Name, string Phase, DateTime? Created, string? Role, IReadOnlyList<WorkspaceMember> Members)
{
    public static Workspace From(V1Namespace ns, V1RoleBinding? members) => new(
        ns.Metadata.Name,
        ns.Status?.Phase ?? "Active",
        ns.Metadata.CreationTimestamp,
        members?.RoleRef.Name,
        members?.Subjects?.Select(WorkspaceMember.FromSubject).ToList() ?? []);

    public JsonObject ToJson() => new()
    {
        ["name"] = Name,
        ["phase"] = Phase,
        ["created"] = Created?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        ["role"] = Role,
        ["members"] = new JsonArray(Members.Select(member => (JsonNode)JsonValue.Create(member.ToString())!).ToArray()),
    };
}
