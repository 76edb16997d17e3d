namespace Faros.Sdk.Manifest;

/// <summary>Kubernetes RBAC verbs a plugin may ask for. No wildcard: an operator approves concrete verbs.</summary>
public static class KubernetesVerbs
{
    /// <summary>Every accepted verb.</summary>
    public static IReadOnlyList<string> All { get; } =
        ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"];
}
