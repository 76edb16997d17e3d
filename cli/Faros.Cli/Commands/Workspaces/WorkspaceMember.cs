using Faros.Cli.Infrastructure;
using k8s.Models;

namespace Faros.Cli.Commands.Workspaces;

/// <summary>
/// A workspace member as written on the command line: `alice` or `user:alice`, `group:devs`,
/// `serviceaccount:NAMESPACE:NAME`; each becomes a RoleBinding subject.
/// </summary>
public sealed record WorkspaceMember(string Kind, string Name, string? Namespace = null)
{
    public static IReadOnlyList<WorkspaceMember> ParseList(IEnumerable<string> values) =>
        values.SelectMany(value => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(Parse)
            .Distinct()
            .ToList();

    public static WorkspaceMember Parse(string text)
    {
        var parts = text.Split(':');
        return parts switch
        {
            [var user] when user.Length > 0 => new WorkspaceMember("User", user),
            ["user", var user] when user.Length > 0 => new WorkspaceMember("User", user),
            ["group", var group] when group.Length > 0 => new WorkspaceMember("Group", group),
            ["serviceaccount", var ns, var name] when ns.Length > 0 && name.Length > 0 => new WorkspaceMember("ServiceAccount", name, ns),
            _ => throw CliException.Usage(
                $"Member '{text}' is not understood; write a user name (alice or user:alice), group:NAME, or serviceaccount:NAMESPACE:NAME."),
        };
    }

    public static WorkspaceMember FromSubject(Rbacv1Subject subject) => new(subject.Kind, subject.Name, subject.NamespaceProperty);

    public Rbacv1Subject ToSubject() => Kind == "ServiceAccount"
        ? new Rbacv1Subject { Kind = Kind, Name = Name, NamespaceProperty = Namespace }
        : new Rbacv1Subject { Kind = Kind, Name = Name, ApiGroup = "rbac.authorization.k8s.io" };

    public override string ToString() => Kind switch
    {
        "User" => Name,
        "Group" => $"group:{Name}",
        _ => $"serviceaccount:{Namespace}:{Name}",
    };
}
