namespace Faros.PluginHost.Supervision;

/// <summary>Where a plugin is in its life in the host; written into the Agent's <c>status.plugins[].phase</c>.</summary>
public enum PluginPhase
{
    /// <summary>Known, not yet worked on.</summary>
    Pending,

    /// <summary>Fetching the package from the registry.</summary>
    Downloading,

    /// <summary>Checking digest, trust and manifest (fresh or cached package).</summary>
    Verifying,

    /// <summary>Loading its context and running its start.</summary>
    Starting,

    /// <summary>Started and passing (or being checked by) its health checks.</summary>
    Running,

    /// <summary>Refused, failed to start, or died; restarted with backoff.</summary>
    Failed,

    /// <summary>Stopped and unloaded (removed from the spec, or the host is shutting down).</summary>
    Stopped,
}
