namespace Faros.Sdk.Manifest;

/// <summary>Host capabilities a device-side plugin can ask for. A closed list, so the agent knows what each grants.</summary>
public static class DeviceCapabilities
{
    /// <summary>Configure network interfaces, routes and tunnels (CAP_NET_ADMIN).</summary>
    public const string NetAdmin = "net-admin";

    /// <summary>Talk to the container engine's socket.</summary>
    public const string ContainerEngine = "container-engine";

    /// <summary>Read host facts: OS, CPU, memory, disks.</summary>
    public const string HostInfo = "host-info";

    /// <summary>Read and write outside the plugin's state directory.</summary>
    public const string HostFilesystem = "host-filesystem";

    /// <summary>Run external programs on the host.</summary>
    public const string Exec = "exec";

    /// <summary>Every accepted capability.</summary>
    public static IReadOnlyList<string> All { get; } = [NetAdmin, ContainerEngine, HostInfo, HostFilesystem, Exec];
}
