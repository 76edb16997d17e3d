namespace Faros.Sdk.Manifest;

/// <summary>The values of a permission's <c>scope</c>.</summary>
public static class PermissionScopes
{
    /// <summary>A Kubernetes RBAC rule in the agent's namespace on the hub.</summary>
    public const string Kubernetes = "kubernetes";

    /// <summary>A host capability on the device.</summary>
    public const string Device = "device";

    /// <summary>Every accepted scope.</summary>
    public static IReadOnlyList<string> All { get; } = [Kubernetes, Device];
}
