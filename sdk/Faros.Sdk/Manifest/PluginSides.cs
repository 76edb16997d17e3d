namespace Faros.Sdk.Manifest;

/// <summary>The values of a manifest's <c>side</c>.</summary>
public static class PluginSides
{
    /// <summary>Runs inside the agent on the edge device.</summary>
    public const string Device = "device";

    /// <summary>Runs on the hub, next to the operator, in the agent's namespace.</summary>
    public const string Hub = "hub";

    /// <summary>Runs in both places.</summary>
    public const string Both = "both";

    /// <summary>Every accepted side.</summary>
    public static IReadOnlyList<string> All { get; } = [Device, Hub, Both];
}
