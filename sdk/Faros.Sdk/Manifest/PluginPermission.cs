namespace Faros.Sdk.Manifest;

/// <summary>
/// One permission a plugin asks for. <c>kubernetes</c> permissions become RBAC rules in the agent's
/// namespace on the hub; <c>device</c> permissions are host capabilities the agent grants on the device.
/// </summary>
public sealed class PluginPermission
{
    /// <summary><c>kubernetes</c> or <c>device</c> (see <see cref="PermissionScopes"/>).</summary>
    public string? Scope { get; init; }

    /// <summary>Kubernetes API group of <see cref="Resource"/>; empty for the core group.</summary>
    public string? ApiGroup { get; init; }

    /// <summary>Kubernetes resource (plural), for <c>kubernetes</c> scope.</summary>
    public string? Resource { get; init; }

    /// <summary>Kubernetes verbs, for <c>kubernetes</c> scope.</summary>
    public IReadOnlyList<string>? Verbs { get; init; }

    /// <summary>Host capability, for <c>device</c> scope: one of <see cref="DeviceCapabilities.All"/>.</summary>
    public string? Capability { get; init; }

    /// <summary>Why the plugin needs it; shown to whoever approves the install.</summary>
    public string? Reason { get; init; }
}
