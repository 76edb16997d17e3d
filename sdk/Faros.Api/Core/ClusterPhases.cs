namespace Faros.Api.Core;

/// <summary>Lifecycle phases of a Cluster (and of an intelligence Agent).</summary>
public static class ClusterPhases
{
    /// <summary>Accepted, nothing done yet.</summary>
    public const string Pending = "Pending";

    /// <summary>Creating the agent and its token.</summary>
    public const string Initializing = "Initializing";

    /// <summary>The agent's heartbeat is fresh.</summary>
    public const string Ready = "Ready";

    /// <summary>Initialization failed, or the heartbeat was lost past the threshold.</summary>
    public const string Failed = "Failed";

    /// <summary>Deleted; the finalizer is cleaning up.</summary>
    public const string Deleting = "Deleting";

    /// <summary>Cleanup finished; the object is about to disappear.</summary>
    public const string Deleted = "Deleted";

    /// <summary>Every phase, as the CRD enumerates them.</summary>
    public static IReadOnlyList<string> All { get; } = [Pending, Initializing, Ready, Failed, Deleting, Deleted];
}
