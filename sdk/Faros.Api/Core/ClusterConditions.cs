namespace Faros.Api.Core;

/// <summary>Condition types and reasons on a Cluster.</summary>
public static class ClusterConditions
{
    /// <summary>The cluster's agent reports in.</summary>
    public const string Ready = "Ready";

    /// <summary>Reasons of <see cref="Ready"/>.</summary>
    public static class Reasons
    {
        /// <summary>Accepted, initialization not started.</summary>
        public const string Pending = "Pending";

        /// <summary>Agent and token exist; no heartbeat yet.</summary>
        public const string AwaitingHeartbeat = "AwaitingHeartbeat";

        /// <summary>The agent's heartbeat is within the timeout.</summary>
        public const string HeartbeatFresh = "HeartbeatFresh";

        /// <summary>The agent's heartbeat is older than the timeout.</summary>
        public const string HeartbeatLost = "HeartbeatLost";

        /// <summary>Creating the agent or its token failed.</summary>
        public const string InitializationFailed = "InitializationFailed";

        /// <summary>The cluster is being deleted.</summary>
        public const string Deleting = "Deleting";
    }
}
