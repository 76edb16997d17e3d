namespace Faros.Agent;

/// <summary>What the agent process is for.</summary>
public enum AgentMode
{
    /// <summary>A device: runs the plugins of its edge.faros.sh Agent.</summary>
    Edge,

    /// <summary>A managed cluster: heartbeats its core.faros.sh Agent so that the hub's Cluster is Ready.</summary>
    Cluster,
}
