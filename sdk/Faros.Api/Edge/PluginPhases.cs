namespace Faros.Api.Edge;

/// <summary>Values of status.plugins[].phase.</summary>
public static class PluginPhases
{
    /// <summary>Not resolved yet.</summary>
    public const string Pending = "Pending";

    /// <summary>The operator pinned a version, digest and download URL.</summary>
    public const string Resolved = "Resolved";

    /// <summary>The reference cannot be resolved; the message says why.</summary>
    public const string Unresolved = "Unresolved";

    /// <summary>The agent is downloading and verifying the package.</summary>
    public const string Installing = "Installing";

    /// <summary>The agent runs the plugin.</summary>
    public const string Running = "Running";

    /// <summary>The agent could not install or run the plugin.</summary>
    public const string Failed = "Failed";

    /// <summary>Every phase, as the CRD enumerates them.</summary>
    public static IReadOnlyList<string> All { get; } = [Pending, Resolved, Unresolved, Installing, Running, Failed];
}
